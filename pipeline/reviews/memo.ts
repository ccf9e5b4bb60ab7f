import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlignmentType, Document, Paragraph } from 'docx';

/** The docx package, loaded when a memo is written (not by every start of the CLI, which imports this module). */
type Docx = typeof import('docx');
import { maskPersonalNumbers } from '../extract/mask.ts';
import { openWarehouse, type Warehouse } from '../load/query.ts';
import { CONFIRMED, CORRECTED, PENDING, SEVERITY_ZH } from './sheet.ts';
import { SEVERITY_NAMES, severityRankSql } from '../models/severity.ts';

/**
 * 复核意见: one Word memo per current report for the unit — the self-score and the review
 * score, the confirmed flags and the ones still open grouped by severity, each with its
 * evidence and what the unit must do, and a block for the reviewer's signature and date.
 * Dismissed flags (误报) are left out. Written on request (`jixiao memo`), never by the site
 * build, so the site stays within its bounds however many reports there are.
 */

interface MemoReport {
  report_id: string;
  unit: string | null;
  fiscal_year: number | null;
  kind: string | null;
  project: string | null;
  file_name: string;
  self_score: number | null;
  self_grade: string | null;
  review_score: number | null;
  review_grade: string | null;
  review_deduction: number | null;
}

interface MemoFlag {
  report_id: string;
  severity: string;
  rule: string;
  subject: string | null;
  message: string;
  evidence: string | null;
  location: string | null;
  review_status: string;
  review_deduction: number | null;
  review_comment: string | null;
  consecutive_years: number | null;
}

const text = (v: unknown) => maskPersonalNumbers(v === null || v === undefined ? '' : String(v));
const num = (v: number | null, digits = 2) => (v === null ? '未填写' : String(Math.round(v * 10 ** digits) / 10 ** digits));

const memoTitle = (r: Pick<MemoReport, 'unit' | 'fiscal_year' | 'project'>) =>
  `关于${text(r.unit ?? '（单位不详）')}${r.fiscal_year ?? '（年度不详）'}年度${r.project ? `“${text(r.project)}”项目` : ''}绩效自评报告的复核意见`;

/** What the unit must do about a flag, by its decision. */
function requirement(flag: MemoFlag): string {
  if (flag.review_status === CONFIRMED) return '经复核属实，请予以更正，并书面说明原因及整改措施。';
  return '请核实，如属填报错误请更正；如无误请书面说明情况并提供依据。';
}

function flagParagraphs(d: Docx, flags: MemoFlag[]): Paragraph[] {
  const out: Paragraph[] = [];
  let n = 0;
  for (const severity of SEVERITY_NAMES) {
    const group = flags.filter((f) => f.severity === severity);
    if (!group.length) continue;
    out.push(new d.Paragraph({ heading: d.HeadingLevel.HEADING_3, children: [new d.TextRun(`${SEVERITY_ZH[severity] ?? severity}（${group.length} 项）`)] }));
    for (const f of group) {
      n++;
      const streak = (f.consecutive_years ?? 1) >= 2 ? `（连续 ${f.consecutive_years} 年）` : '';
      out.push(new d.Paragraph({ children: [new d.TextRun({ text: `${n}. ${text(f.rule)}${streak}：`, bold: true }), new d.TextRun(text(f.message))] }));
      if (f.evidence) out.push(new d.Paragraph({ indent: { left: 420 }, children: [new d.TextRun({ text: '依据：', bold: true }), new d.TextRun(text(f.evidence).slice(0, 2000))] }));
      if (f.location) out.push(new d.Paragraph({ indent: { left: 420 }, children: [new d.TextRun({ text: '位置：', bold: true }), new d.TextRun(text(f.location))] }));
      if (f.review_status === CONFIRMED && f.review_deduction) {
        out.push(new d.Paragraph({ indent: { left: 420 }, children: [new d.TextRun({ text: '扣分：', bold: true }), new d.TextRun(`${num(f.review_deduction)} 分`)] }));
      }
      if (f.review_comment) out.push(new d.Paragraph({ indent: { left: 420 }, children: [new d.TextRun({ text: '复核意见：', bold: true }), new d.TextRun(text(f.review_comment))] }));
      out.push(new d.Paragraph({ indent: { left: 420 }, children: [new d.TextRun({ text: '要求：', bold: true }), new d.TextRun(requirement(f))] }));
    }
  }
  return out;
}

const para = (d: Docx, s: string, options: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new d.Paragraph({ alignment: options.align, spacing: { after: 120 }, children: [new d.TextRun({ text: s, bold: options.bold })] });

function memoDocument(d: Docx, report: MemoReport, flags: MemoFlag[]): Document {
  const confirmed = flags.filter((f) => f.review_status === CONFIRMED);
  const open = flags.filter((f) => f.review_status === PENDING);
  const corrected = flags.filter((f) => f.review_status === CORRECTED);
  const kind = report.kind === 'project' ? '项目支出绩效自评报告' : '绩效自评报告';
  const children: Paragraph[] = [
    new d.Paragraph({ heading: d.HeadingLevel.TITLE, alignment: d.AlignmentType.CENTER, children: [new d.TextRun(memoTitle(report))] }),
    para(d, `${text(report.unit ?? '')}：`),
    para(d, 
      `我们对你单位报送的${report.fiscal_year ?? ''}年度${kind}（文件：${text(report.file_name)}）进行了复核。现将复核意见反馈如下。`,
    ),
    new d.Paragraph({ heading: d.HeadingLevel.HEADING_2, children: [new d.TextRun('一、评分情况')] }),
    para(d, `自评得分：${num(report.self_score)}${report.self_grade ? `（${report.self_grade}）` : ''}。`),
    para(d, 
      `复核得分：${num(report.review_score)}${report.review_grade ? `（${report.review_grade}）` : ''}` +
        `，即自评得分减去经复核属实问题的扣分合计 ${num(report.review_deduction ?? 0)} 分。`,
    ),
    new d.Paragraph({ heading: d.HeadingLevel.HEADING_2, children: [new d.TextRun(`二、经复核属实的问题（${confirmed.length} 项）`)] }),
    ...(confirmed.length ? flagParagraphs(d, confirmed) : [para(d, '无。')]),
    new d.Paragraph({ heading: d.HeadingLevel.HEADING_2, children: [new d.TextRun(`三、需要说明或更正的问题（${open.length} 项）`)] }),
    ...(open.length ? flagParagraphs(d, open) : [para(d, '无。')]),
  ];
  if (corrected.length) {
    children.push(new d.Paragraph({ heading: d.HeadingLevel.HEADING_2, children: [new d.TextRun(`四、已整改的问题（${corrected.length} 项）`)] }));
    corrected.forEach((f, i) => children.push(para(d, `${i + 1}. ${text(f.rule)}：${text(f.message)}`)));
  }
  children.push(
    new d.Paragraph({ heading: d.HeadingLevel.HEADING_2, children: [new d.TextRun(`${corrected.length ? '五' : '四'}、工作要求`)] }),
    para(d, '请对上述问题逐项核实：属实的问题予以更正并书面说明原因和整改措施；需要说明的问题请提供相关依据。更正后的自评报告请重新报送。'),
    para(d, ''),
    para(d, '复核人（签字）：________________', { align: d.AlignmentType.RIGHT }),
    para(d, '复核单位（盖章）：________________', { align: d.AlignmentType.RIGHT }),
    para(d, '日期：______年____月____日', { align: d.AlignmentType.RIGHT }),
  );
  return new d.Document({
    creator: 'jixiao',
    title: memoTitle(report),
    styles: { default: { document: { run: { font: { eastAsia: 'SimSun', ascii: 'Times New Roman' }, size: 24 } } } },
    sections: [{ children }],
  });
}

const REPORT_SQL = `select report_id, unit, fiscal_year, kind, project, file_name, self_score, self_grade, review_score, review_grade, review_deduction
  from report_summary`;
const FLAG_SQL = `select a.report_id, a.severity, coalesce(r.title, a.rule_id) as rule, a.subject, a.message, a.evidence, a.location,
    a.review_status, a.review_deduction, a.review_comment, a.consecutive_years
  from anomalies a left join rules r using (rule_id)
  where a.review_status <> '误报'`;
const ORDER = `order by a.report_id, ${severityRankSql('a.severity')}, a.rule_id, a.subject`;
const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function memoBuffer(report: MemoReport, flags: MemoFlag[]): Promise<Buffer> {
  const d = await import('docx');
  return d.Packer.toBuffer(memoDocument(d, report, flags));
}

export class MemoReportNotFound extends Error {}

/** One report's memo. */
export async function writeMemo(db: string, reportId: string, out: string): Promise<{ confirmed: number; open: number }> {
  const w = await openWarehouse(db);
  try {
    const [report] = (await w.query(`${REPORT_SQL} where report_id = ${sqlText(reportId)}`)) as unknown as MemoReport[];
    if (!report) throw new MemoReportNotFound(`找不到现行报告 ${reportId}（用 jixiao sql -c "select report_id, unit, fiscal_year from report_summary" 查看编号）`);
    const flags = (await w.query(`${FLAG_SQL} and a.report_id = ${sqlText(reportId)} ${ORDER}`)) as unknown as MemoFlag[];
    writeFileSync(out, await memoBuffer(report, flags));
    return { confirmed: flags.filter((f) => f.review_status === CONFIRMED).length, open: flags.filter((f) => f.review_status === PENDING).length };
  } finally {
    w.close();
  }
}

/** A memo per current report into a folder, named `<report_id>.docx` (the unit page links to that name). */
export async function writeAllMemos(db: string, dir: string, onProgress?: (done: number, total: number) => void): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const w: Warehouse = await openWarehouse(db);
  try {
    const reports = (await w.query(`${REPORT_SQL} order by report_id`)) as unknown as MemoReport[];
    // flags read in slices of reports so memory stays bounded at any number of flags
    const SLICE = 500;
    let done = 0;
    for (let i = 0; i < reports.length; i += SLICE) {
      const slice = reports.slice(i, i + SLICE);
      const ids = slice.map((r) => sqlText(r.report_id)).join(', ');
      const flags = (await w.query(`${FLAG_SQL} and a.report_id in (${ids}) ${ORDER}`)) as unknown as MemoFlag[];
      const byReport = new Map<string, MemoFlag[]>();
      for (const f of flags) {
        const list = byReport.get(f.report_id);
        if (list) list.push(f);
        else byReport.set(f.report_id, [f]);
      }
      for (const report of slice) {
        writeFileSync(join(dir, `${report.report_id}.docx`), await memoBuffer(report, byReport.get(report.report_id) ?? []));
        onProgress?.(++done, reports.length);
      }
    }
    return reports.length;
  } finally {
    w.close();
  }
}

