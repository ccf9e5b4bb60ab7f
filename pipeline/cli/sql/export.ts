import ExcelJS from 'exceljs';
import stringWidth from 'string-width';
import { cellText, renderCsv, renderJson, renderMarkdown, renderTable, type Cell, type ResultSet } from '../render.ts';

/**
 * Results in every output format. Text bound for a spreadsheet (CSV, Excel)
 * never starts a formula: a text cell beginning with =, +, - or @ gets a leading '.
 */

export const FORMATS = ['table', 'csv', 'json', 'markdown', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];
export type TextFormat = Exclude<Format, 'xlsx'>;
export const TEXT_FORMATS: readonly TextFormat[] = ['table', 'csv', 'json', 'markdown'];

/** A text cell that a spreadsheet would run as a formula gets a leading quote. */
export const neutralize = (v: Cell): Cell => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

const neutralized = (r: ResultSet): ResultSet => ({
  columns: r.columns.map((c) => String(neutralize(c))),
  rows: r.rows.map((row) => row.map(neutralize)),
});

/** The result as text; `width` bounds the table format (the terminal's width). */
export function renderText(result: ResultSet, format: TextFormat, width?: number): string {
  switch (format) {
    case 'csv':
      return renderCsv(neutralized(result));
    case 'json':
      return renderJson(result);
    case 'markdown':
      return renderMarkdown(result);
    case 'table':
      return result.columns.length ? renderTable(result, width) + '\n' : '';
  }
}

/** One sheet, bold frozen header, numbers kept as numbers, NULL as an empty cell. */
export async function writeXlsx(result: ResultSet, file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('结果', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(result.columns.map(neutralize));
  sheet.getRow(1).font = { bold: true };
  for (const row of result.rows) sheet.addRow(row.map(neutralize));
  result.columns.forEach((c, i) => {
    const widest = Math.max(stringWidth(c), ...result.rows.slice(0, 500).map((r) => stringWidth(cellText(r[i]))));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, widest + 2));
  });
  await workbook.xlsx.writeFile(file);
}
