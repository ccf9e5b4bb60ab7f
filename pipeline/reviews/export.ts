import type ExcelJS from 'exceljs';
import { maskPersonalNumbers } from '../extract/mask.ts';
import { openWarehouse, type PlainRow } from '../load/query.ts';
import { COLUMNS, PENDING, REVIEW_STATUSES, SEVERITY_ZH, SHEET_NAME } from './sheet.ts';
import { severityRankSql } from '../models/severity.ts';

/**
 * `jixiao review export`: one row per current flag for the reviewer to decide, decided flags
 * with their current decision. Report text goes in as text (a leading = + - @ gets a quote,
 * so Excel never reads it as a formula) with personal numbers masked.
 */

const MAX_CELL = 32_000; // Excel keeps at most 32,767 characters in a cell

/** Text from a report as a cell value: never a formula, personal numbers masked. */
function asSheetText(value: string | null): string | null {
  if (value === null) return null;
  const masked = maskPersonalNumbers(value).slice(0, MAX_CELL);
  return /^[=+\-@\t\r]/.test(masked) ? `'${masked}` : masked;
}

interface ExportResult {
  rows: number;
  decided: number;
}

export async function exportReviewSheet(db: string, out: string): Promise<ExportResult> {
  const w = await openWarehouse(db);
  let rows: PlainRow[];
  try {
    rows = await w.query(`
      select a.flag_key, r.unit, r.fiscal_year, a.project, coalesce(ru.title, a.rule_id) as rule, a.severity,
             a.message, a.evidence, a.review_status, a.review_deduction, a.review_comment, a.reviewer,
             strftime(a.reviewed_at, '%Y-%m-%d') as reviewed_at
      from anomalies a
      join reports r using (report_id)
      left join rules ru using (rule_id)
      order by r.region nulls last, r.unit, r.fiscal_year, a.report_id,
               ${severityRankSql('a.severity')}, a.rule_id, a.subject`);
  } finally {
    w.close();
  }

  // loaded when a sheet is written: every command of the CLI imports this module
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'jixiao';
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.reviewer ? 'FFFFF2CC' : 'FFDDEBF7' } };
  });

  let decided = 0;
  for (const r of rows) {
    const status = typeof r.review_status === 'string' ? r.review_status : PENDING;
    if (status !== PENDING || r.reviewed_at) decided++;
    const row = sheet.addRow({
      flag_key: r.flag_key,
      unit: asSheetText(r.unit as string | null),
      fiscal_year: r.fiscal_year,
      project: asSheetText(r.project as string | null),
      rule: asSheetText(r.rule as string | null),
      severity: SEVERITY_ZH[String(r.severity)] ?? r.severity,
      message: asSheetText(r.message as string | null),
      evidence: asSheetText(r.evidence as string | null),
      status,
      deduction: r.review_deduction,
      comment: asSheetText(r.review_comment as string | null),
      reviewer: asSheetText(r.reviewer as string | null),
      reviewed_at: r.reviewed_at,
    });
    row.alignment = { vertical: 'top', wrapText: true };
  }

  const col = (key: string) => COLUMNS.findIndex((c) => c.key === key) + 1;
  const letter = (key: string) => sheet.getColumn(col(key)).letter;
  const last = Math.max(rows.length + 1, 2);
  // the drop-down and the number check cover the filled rows (one range each, not one per cell)
  const validations = (sheet as unknown as { dataValidations: { add: (range: string, v: ExcelJS.DataValidation) => void } }).dataValidations;
  validations.add(`${letter('status')}2:${letter('status')}${last}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${REVIEW_STATUSES.join(',')}"`],
    showErrorMessage: true,
    errorTitle: '复核结论',
    error: `请选择 ${REVIEW_STATUSES.join(' / ')}`,
  });
  validations.add(`${letter('deduction')}2:${letter('deduction')}${last}`, {
    type: 'decimal',
    operator: 'between',
    allowBlank: true,
    formulae: [0, 100],
    showErrorMessage: true,
    errorTitle: '扣分',
    error: '扣分须为 0 到 100 之间的数字',
  });
  sheet.getColumn(col('deduction')).numFmt = '0.##';
  sheet.getColumn(col('reviewed_at')).numFmt = '@';
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  await workbook.xlsx.writeFile(out);
  return { rows: rows.length, decided };
}
