import ExcelJS from 'exceljs';
import { neutralizeFormula, type Query } from './warehouse.ts';

/** The flags as downloads carry them: Chinese headers, masked numbers, no formulas. */

export const EXPORT_COLUMNS: [string, string][] = [
  ['unit', '单位'],
  ['region', '区划'],
  ['year', '年度'],
  ['project', '项目'],
  ['rule', '规则'],
  ['severity', '严重程度'],
  ['subject', '对象'],
  ['measured', '测得值'],
  ['threshold', '阈值'],
  ['message', '说明'],
  ['evidence', '依据'],
  ['location', '位置'],
  ['key', '标记键'],
];

async function exportRows(q: Query) {
  return q(`
    select a.flag_key as key, r.unit, r.region, r.fiscal_year as year, a.project, a.rule_id as rule, a.severity,
           a.subject, a.measured, a.threshold, a.message, a.evidence, a.location
    from anomalies a join reports r using (report_id)
    order by r.unit, r.fiscal_year, a.rule_id, a.subject`);
}

/** CSV in UTF-8 with a byte-order mark, so Excel reads the Chinese. */
export async function anomaliesCsv(q: Query): Promise<Buffer> {
  const field = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(neutralizeFormula(v));
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = await exportRows(q);
  const lines = [EXPORT_COLUMNS.map(([, zh]) => zh), ...rows.map((r) => EXPORT_COLUMNS.map(([k]) => r[k]))].map((r) => r.map(field).join(','));
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
}

/** An Excel workbook written at build time (the browser needs no spreadsheet library). */
export async function anomaliesXlsx(q: Query): Promise<Buffer> {
  const rows = await exportRows(q);
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet('异常标记');
  sheet.columns = EXPORT_COLUMNS.map(([key, header]) => ({ key, header, width: key === 'message' || key === 'evidence' ? 60 : 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(Object.fromEntries(EXPORT_COLUMNS.map(([k]) => [k, neutralizeFormula(r[k])])));
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
