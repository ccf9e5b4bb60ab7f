// Downloads of the rows a filter selects, written in the browser: CSV (UTF-8 with BOM, as Excel
// wants) and a small .xlsx (Office Open XML zipped with fflate): bold frozen header with a filter,
// numbers as numbers, long text wrapped. Same columns as the full download (pipeline/site-data/downloads.ts).
import {strToU8, zipSync} from "fflate";

export const KIND_ZH = {department: "部门整体", project: "项目支出"};

export const FLAG_COLUMNS = [
  {key: "severity_zh", header: "严重程度", kind: "text"},
  {key: "rule_title", header: "规则", kind: "text"},
  {key: "unit", header: "单位", kind: "text"},
  {key: "region", header: "区划", kind: "text"},
  {key: "year", header: "年度", kind: "year"},
  {key: "kind_zh", header: "报告类型", kind: "text"},
  {key: "project", header: "项目", kind: "text"},
  {key: "subject", header: "对象", kind: "wrap"},
  {key: "measured", header: "测得值", kind: "number"},
  {key: "measured_text", header: "测得值（原文）", kind: "text"},
  {key: "threshold", header: "阈值", kind: "number"},
  {key: "message", header: "说明", kind: "wrap"},
  {key: "evidence", header: "依据（原文）", kind: "wrap"},
  {key: "place", header: "位置", kind: "wrap"},
  {key: "status", header: "复核结论", kind: "text"},
  {key: "path", header: "文件路径", kind: "text"},
  {key: "id", header: "报告编号", kind: "text"},
  {key: "rule", header: "规则编号", kind: "text"},
  {key: "key", header: "标记键", kind: "text"}
];

/** A flag row with its Chinese labels; `titles` maps rule ids to rule titles, `severityZh` severities to their names. */
export const labelled = (r, titles, severityZh) => ({
  ...r,
  severity_zh: severityZh[r.severity] ?? r.severity,
  kind_zh: KIND_ZH[r.kind] ?? r.kind,
  rule_title: titles[r.rule] ?? r.rule
});

// a cell must never start a formula
const neutral = (v) => (typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

export function flagsCsv(rows) {
  const field = (v) => {
    const s = v === null || v === undefined ? "" : String(neutral(v));
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [FLAG_COLUMNS.map((c) => field(c.header)), ...rows.map((r) => FLAG_COLUMNS.map((c) => field(r[c.key])))];
  return new Blob(["\ufeff" + lines.map((l) => l.join(",")).join("\r\n") + "\r\n"], {type: "text/csv;charset=utf-8"});
}

// XML 1.0 allows no control characters but tab and line breaks
const xml = (s) => String(s).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const colName = (i) => (i < 26 ? String.fromCharCode(65 + i) : colName(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));
// style ids in styles.xml below: 1 header, 2 text, 3 wrapped text, 4 number #,##0.00##, 5 year, 6 amount #,##0.00
const STYLE = {text: 2, wrap: 3, number: 4, year: 5, wan: 6};
const WIDTH = {text: 16, wrap: 50, number: 12, year: 8, wan: 14};

/** One sheet workbook of `rows` under `columns` ({key, header, kind}). */
export function xlsxBlob(rows, columns = FLAG_COLUMNS, sheetName = "标记") {
  const last = colName(columns.length - 1);
  const cell = (c, j, i, v) => {
    const ref = `${colName(j)}${i}`;
    if (v === null || v === undefined || v === "") return "";
    if (typeof v === "number" && Number.isFinite(v)) return `<c r="${ref}" s="${STYLE[c.kind] ?? 2}"><v>${v}</v></c>`;
    return `<c r="${ref}" s="${c.kind === "wrap" ? 3 : 2}" t="inlineStr"><is><t xml:space="preserve">${xml(neutral(String(v)))}</t></is></c>`;
  };
  const header = `<row r="1">${columns.map((c, j) => `<c r="${colName(j)}1" s="1" t="inlineStr"><is><t>${xml(c.header)}</t></is></c>`).join("")}</row>`;
  const body = rows.map((r, k) => `<row r="${k + 2}">${columns.map((c, j) => cell(c, j, k + 2, r[c.key])).join("")}</row>`).join("");
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>
<cols>${columns.map((c, j) => `<col min="${j + 1}" max="${j + 1}" width="${WIDTH[c.kind] ?? 16}" customWidth="1"/>`).join("")}</cols>
<sheetData>${header}${body}</sheetData>
<autoFilter ref="A1:${last}${rows.length + 1}"/>
</worksheet>`;
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00##"/><numFmt numFmtId="165" formatCode="#,##0.00"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>
</cellXfs>
</styleSheet>`;
  const files = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="${xml(sheetName)}" sheetId="1" r:id="rId1"/></sheets>
<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'${xml(sheetName)}'!$A$1:$${last}$${rows.length + 1}</definedName></definedNames>
</workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>`,
    "xl/styles.xml": styles,
    "xl/worksheets/sheet1.xml": sheet
  };
  const zipped = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])), {level: 6});
  return new Blob([zipped], {type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"});
}

/** Hands a Blob to the browser as a download named `name`. */
export function saveBlob(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
