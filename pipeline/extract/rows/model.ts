/**
 * One row model for every layout. Whatever the source — a Word table, the tab
 * layout, cells joined by " | ", one cell per line, a form run together in one
 * paragraph — the form becomes rows of cells, and the field readers read only those.
 */

export type RowOrigin = 'table' | 'lines' | 'runon';

export interface FormRow {
  origin: RowOrigin;
  cells: string[];
  /** table number (0-based) for table rows, else null */
  tableNo: number | null;
  /** row number in its table, or index of the first paragraph of a line run / run-on paragraph */
  rowNo: number;
  /** whether empty cells keep their place (a Word table) or were dropped (portal and line layouts) */
  keepsEmpty: boolean;
  /** character offset in the document text of the row's first cell */
  offset: number;
}

/** Where a row stands, as a finance officer finds it in the report. */
export function rowLocation(row: FormRow): string {
  if (row.origin === 'table') return `表${(row.tableNo ?? 0) + 1} 第${row.rowNo + 1}行`;
  if (row.origin === 'lines') return `正文第${row.rowNo + 1}段起（逐行表格）`;
  return `正文第${row.rowNo + 1}段（表格文本）`;
}

/** The cells of a row as evidence text. */
export const rowEvidence = (cells: string[]) => cells.filter((c) => c !== '').join(' | ');
