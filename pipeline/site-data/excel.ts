import type ExcelJS from 'exceljs';

/**
 * How every workbook the project writes is laid out for the bureau: bold frozen header with a filter,
 * amounts in 万元 as #,##0.00, shares as percentages, long text wrapped, dates as dates.
 */

export type ColumnKind = 'text' | 'wrap' | 'wan' | 'number' | 'pct' | 'int' | 'year' | 'date';

export interface SheetColumn {
  key: string;
  header: string;
  kind: ColumnKind;
}

const FORMATS: Partial<Record<ColumnKind, string>> = {
  wan: '#,##0.00',
  number: '#,##0.00##',
  pct: '0.00%',
  int: '#,##0',
  year: '0',
  date: 'yyyy-mm-dd',
};
const WIDTHS: Record<ColumnKind, number> = { text: 16, wrap: 50, wan: 14, number: 12, pct: 10, int: 8, year: 8, date: 12 };

/** Column widths, formats and wrapping of a sheet, before its first row is added. */
export function layOut(sheet: ExcelJS.Worksheet, columns: SheetColumn[]): void {
  sheet.columns = columns.map((c) => ({
    key: c.key,
    header: c.header,
    width: WIDTHS[c.kind],
    style: {
      ...(FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {}),
      alignment: { vertical: 'top', wrapText: c.kind === 'wrap' },
    },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
}

/** Sheet options: the header row frozen and carrying a filter (given when the sheet is added, as streamed sheets need). */
export const sheetOptions = (columns: SheetColumn[]): Partial<ExcelJS.AddWorksheetOptions> => ({
  views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  autoFilter: { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, columns.length) } },
} as Partial<ExcelJS.AddWorksheetOptions>);

/** A cell value of a given kind: numbers stay numbers, dates become dates, text never starts a formula. */
export function cellValue(kind: ColumnKind, value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (kind === 'date') {
    const d = value instanceof Date ? value : new Date(`${String(value).slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? String(value) : d;
  }
  if (typeof value === 'bigint') return Number(value);
  // DECIMAL columns arrive as text; a figure column holds numbers
  if (kind !== 'text' && kind !== 'wrap' && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return neutralizeFormula(String(value));
}

/** A spreadsheet cell must never start a formula: =, +, - and @ are prefixed with a quote. */
export const neutralizeFormula = <T>(v: T): T | string => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
