import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { renderCsv, renderJson, renderMarkdown, renderTable, type Cell, type ResultSet } from '../render.ts';

/** Results in every output format; spreadsheet-bound text never starts a formula. */

export const FORMATS = ['table', 'csv', 'json', 'markdown', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];

/** A text cell starting with =, +, - or @ would run as a formula in Excel: prefix a quote. */
export const neutralize = (v: Cell): Cell => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const neutralized = (r: ResultSet): ResultSet => ({ columns: r.columns, rows: r.rows.map((row) => row.map(neutralize)) });

export function renderText(result: ResultSet, format: Exclude<Format, 'xlsx'>, width?: number): string {
  switch (format) {
    case 'csv':
      return renderCsv(neutralized(result));
    case 'json':
      return renderJson(result);
    case 'markdown':
      return renderMarkdown(result);
    case 'table':
      return renderTable(result, width) + '\n';
  }
}

export async function writeXlsx(result: ResultSet, file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('结果');
  sheet.addRow(result.columns);
  sheet.getRow(1).font = { bold: true };
  for (const row of result.rows) sheet.addRow(row.map(neutralize));
  writeFileSync(file, Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
}
