import type ExcelJS from 'exceljs';
import stringWidth from 'string-width';
import { cellText, renderCsv, renderJson, renderMarkdown, renderTable, type Cell, type ResultSet } from '../render.ts';

/**
 * Results in every output format. Text bound for a spreadsheet (CSV, Excel)
 * never starts a formula: a text cell beginning with =, +, - or @ gets a leading '.
 */

export const FORMATS = ['table', 'line', 'csv', 'json', 'markdown', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];
export type TextFormat = Exclude<Format, 'xlsx'>;
export const TEXT_FORMATS: readonly TextFormat[] = ['table', 'line', 'csv', 'json', 'markdown'];

/** One `column = value` line per column, a blank line between rows (sqlite's `.mode line`): wide rows stay readable. */
function renderLines({ columns, rows }: ResultSet): string {
  const width = Math.max(0, ...columns.map((c) => stringWidth(c)));
  return rows
    .map((row) => columns.map((c, i) => `${' '.repeat(width - stringWidth(c))}${c} = ${cellText(row[i])}`).join('\n') + '\n')
    .join('\n');
}

/** A text cell that a spreadsheet would run as a formula gets a leading quote. */
const neutralize = (v: Cell): Cell => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

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
    case 'line':
      return renderLines(result);
    case 'table':
      return result.columns.length ? renderTable(result, width) + '\n' : '';
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * One sheet 结果: bold frozen header with a filter, Chinese headers from the columns' comments
 * (`headers`: column name → comment; the Chinese part before " / "), numbers as numbers with
 * thousands separators, dates and timestamps as dates, long text wrapped, NULL as an empty cell.
 */
export async function writeXlsx(result: ResultSet, file: string, headers: Map<string, string> = new Map()): Promise<void> {
  // loaded when a workbook is written, not with every start of the CLI
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet('结果', { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = (c: string) => {
    const zh = headers.get(c)?.split(' / ')[0].trim();
    return zh ? zh : c;
  };
  sheet.addRow(result.columns.map((c) => neutralize(header(c))));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { vertical: 'middle', wrapText: true };
  const kinds = result.columns.map((_, i) => {
    const values = result.rows.map((r) => r[i]).filter((v) => v !== null);
    if (values.length && values.every((v) => typeof v === 'string' && DATE.test(v))) return 'date';
    if (values.length && values.every((v) => typeof v === 'string' && TIMESTAMP.test(v))) return 'timestamp';
    if (values.length && values.every((v) => typeof v === 'number')) return values.every((v) => Number.isInteger(v)) ? 'int' : 'number';
    return 'text';
  });
  const cell = (v: Cell, i: number): ExcelJS.CellValue => {
    if (v === null) return null;
    if (kinds[i] === 'date') return new Date(`${v}T00:00:00Z`);
    if (kinds[i] === 'timestamp') return new Date(`${String(v).replace(' ', 'T')}Z`);
    return neutralize(v);
  };
  for (const row of result.rows) sheet.addRow(row.map(cell));
  result.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    const widest = Math.max(stringWidth(header(c)), ...result.rows.slice(0, 500).map((r) => stringWidth(cellText(r[i]))));
    column.width = Math.min(60, Math.max(8, widest + 2));
    const format = { date: 'yyyy-mm-dd', timestamp: 'yyyy-mm-dd hh:mm:ss', int: '#,##0', number: '#,##0.00##', text: undefined }[kinds[i]];
    column.eachCell({ includeEmpty: false }, (x, n) => {
      if (n === 1) return;
      if (format) x.numFmt = format;
      x.alignment = { vertical: 'top', wrapText: kinds[i] === 'text' && widest > 58 };
    });
  });
  if (result.columns.length) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: result.columns.length } };
  await workbook.xlsx.writeFile(file);
}
