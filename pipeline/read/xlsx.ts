import type ExcelJS from 'exceljs';
import type { Block, Cell, Document } from './document.ts';
import { ReadError } from './errors.ts';
import { cellLines } from './grid.ts';
import { isOle, isZip, packageEntries, sizeText } from './ooxml-package.ts';

/**
 * Reads an .xlsx workbook into the format-free Document: every visible sheet in
 * order, merged cells expanded as Word's are, values as Excel stores them (a
 * money cell is its number, not its display text; a percentage cell 0.85 reads
 * 85%; a formula its cached result; a date as a date). Rows without borders
 * around a bordered form (its title, notes below it) become paragraphs, as they
 * are in the Word version of the same form.
 */

interface XlsxLimits {
  maxUncompressedBytes: number;
  /** declared uncompressed size of one worksheet part: a sheet formatted down to row 1,048,576 is refused before loading */
  maxSheetBytes: number;
  /** non-empty cells over the whole workbook */
  maxCells: number;
}

const XLSX_LIMITS: XlsxLimits = { maxUncompressedBytes: 500 * 1024 * 1024, maxSheetBytes: 16 * 1024 * 1024, maxCells: 200_000 };

const corrupt = () => new ReadError('corrupt_xlsx', '工作簿已损坏，无法打开（可能未完整上传），请用 Excel 打开确认后另存为 .xlsx 重新提交');

export async function readXlsx(bytes: Uint8Array, limits: Partial<XlsxLimits> = {}): Promise<Document> {
  const { maxUncompressedBytes, maxSheetBytes, maxCells } = { ...XLSX_LIMITS, ...limits };
  if (isOle(bytes)) {
    throw new ReadError('encrypted_xlsx', '工作簿已设置打开密码（或为旧版 .xls 改名），请取消密码后另存为 .xlsx 重新提交');
  }
  if (!isZip(bytes)) throw new ReadError('not_an_xlsx', '文件不是有效的 .xlsx（内容不是 Excel 工作簿），请在 Excel 中另存为 .xlsx 后重新提交');
  const { entries } = await packageEntries(bytes, corrupt);
  const declared = entries.reduce((sum, e) => sum + e.declared, 0);
  if (declared > maxUncompressedBytes) {
    throw new ReadError('zip_bomb', `解压后体积异常（声明 ${sizeText(declared)}，超过 ${sizeText(maxUncompressedBytes)} 上限），请删除大图片后另存为 .xlsx 重新提交`);
  }
  const bigSheet = entries.find((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name) && e.declared > maxSheetBytes);
  if (bigSheet) {
    throw new ReadError(
      'sheet_too_large',
      `工作表 ${bigSheet.name.replace(/^.*\//, '')} 解压后 ${sizeText(bigSheet.declared)}，超过 ${sizeText(maxSheetBytes)} 上限（常见原因：整列设置了格式、下方有上百万空行）；请删除多余的空行空列后另存为 .xlsx 重新提交`,
    );
  }
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw corrupt();

  // loaded on the first workbook: the library takes longer to load than most files take to read
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw corrupt();
  }
  const blocks: Block[] = [];
  const hidden: string[] = [];
  let cells = 0;
  for (const sheet of workbook.worksheets) {
    if (sheet.state !== 'visible') {
      hidden.push(sheet.name);
      continue;
    }
    const grid = sheetGrid(sheet);
    cells += grid.cells;
    if (cells > maxCells) {
      throw new ReadError('sheet_too_large', `工作簿非空单元格超过 ${maxCells} 个，不像一份自评表；请只保留自评表所在的工作表后重新提交`);
    }
    blocks.push(...sheetBlocks(grid.rows, grid.bordered));
  }
  const notes = hidden.length ? [`隐藏工作表 ${hidden.length} 个未读：${hidden.join('、')}`] : [];
  return { format: 'xlsx', blocks, ...(notes.length ? { notes } : {}) };
}

// ---------------------------------------------------------------- values

/** A number as Excel would show it at full precision (15 significant digits: 0.1 + 0.2 reads 0.3). */
const numberText = (n: number) => String(Number(n.toPrecision(15)));

const isPercentFormat = (format: string | undefined) => !!format && /%/.test(format.replace(/"[^"]*"|\\./g, ''));

const dateText = (d: Date) => {
  // exceljs reads a date cell as UTC midnight of the written day
  const date = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  const seconds = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  return seconds ? `${date} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : date;
};

type CellValue = ExcelJS.CellValue;

function valueText(value: CellValue, format: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return isPercentFormat(format) ? `${numberText(value * 100)}%` : numberText(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateText(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    // the value Excel saved with the formula; a workbook saved without results has none, and nothing is guessed
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) return '';
    if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) return result.error;
    return valueText(result as CellValue, format);
  }
  if ('error' in value) return value.error;
  if ('text' in value) return typeof value.text === 'string' ? value.text : valueText(value.text as CellValue, format);
  return '';
}

// ---------------------------------------------------------------- sheet → grid

interface SheetGrid {
  rows: { cells: Cell[]; bordered: boolean }[];
  bordered: boolean;
  cells: number;
}

const hasBorder = (cell: ExcelJS.Cell) => {
  const b = cell.border;
  return !!b && [b.top, b.left, b.bottom, b.right].some((side) => !!side?.style);
};

/**
 * The sheet's non-empty rows as grid rows. Columns no cell starts in are dropped
 * (a sheet with one value in column XFD is not 16,384 columns wide); a merged
 * range covers its positions as continuations, 'above' in the first column of
 * rows below its origin and 'left' elsewhere.
 */
function sheetGrid(sheet: ExcelJS.Worksheet): SheetGrid {
  type Raw = { col: number; text: string; continuation?: 'left' | 'above'; bordered: boolean };
  const raw: Raw[][] = [];
  const usedColumns = new Set<number>();
  let cells = 0;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (row.hidden) return;
    const out: Raw[] = [];
    let anyText = false;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (sheet.getColumn(col).hidden) return;
      const bordered = hasBorder(cell);
      if (cell.isMerged && cell.master !== cell) {
        const master = cell.master;
        const continuation = master.row !== cell.row && master.col === cell.col ? 'above' : 'left';
        out.push({ col, text: '', continuation, bordered });
        return;
      }
      const text = cellLines(valueText(cell.value, cell.numFmt));
      if (text) {
        anyText = true;
        cells++;
      }
      if (text || cell.isMerged || bordered) out.push({ col, text, bordered });
      if (text || cell.isMerged) usedColumns.add(col);
    });
    if (anyText || out.some((c) => c.continuation === 'above')) raw.push(out);
  });
  const columns = [...usedColumns].sort((a, b) => a - b);
  const index = new Map(columns.map((c, i) => [c, i]));
  let sheetBordered = false;
  const rows = raw.map((out) => {
    const cellsOfRow: Cell[] = columns.map(() => ({ text: '' }));
    let bordered = false;
    for (const c of out) {
      bordered ||= c.bordered;
      const i = index.get(c.col);
      if (i === undefined) continue;
      cellsOfRow[i] = c.continuation ? { text: '', continuation: c.continuation } : { text: c.text };
    }
    // a merge's continuation in a column no cell starts in is gone with its column; one left at the row start has no origin
    if (cellsOfRow[0]?.continuation === 'left') cellsOfRow[0] = { text: '', continuation: 'above' };
    sheetBordered ||= bordered;
    return { cells: cellsOfRow, bordered };
  });
  return { rows, bordered: sheetBordered, cells };
}

/**
 * Rows → blocks. On a sheet with borders, the bordered rows are the form's tables
 * and the rest are paragraphs. On a sheet without any, a row holding one unmerged
 * value in the first column (and the title rows above the first wider row) is a
 * paragraph: that is how text between tables lands when a report is opened in Excel.
 */
function sheetBlocks(rows: SheetGrid['rows'], sheetBordered: boolean): Block[] {
  const blocks: Block[] = [];
  let table: Cell[][] = [];
  const endTable = () => {
    if (table.length) blocks.push({ kind: 'table', rows: trimColumns(table) });
    table = [];
  };
  let seenWideRow = false;
  for (const row of rows) {
    const filled = row.cells.filter((c) => c.text || c.continuation === 'above');
    const single = filled.length === 1 && !filled[0].continuation;
    const isParagraph = sheetBordered
      ? !row.bordered
      : single && ((row.cells[0].text !== '' && row.cells[1]?.continuation !== 'left') || !seenWideRow);
    if (!isParagraph) seenWideRow = true;
    if (isParagraph) {
      endTable();
      const text = filled.map((c) => c.text).join(' ').replace(/\s+/g, ' ').trim();
      if (text) blocks.push({ kind: 'paragraph', text });
    } else table.push(row.cells);
  }
  endTable();
  return blocks;
}

/** Drops columns that are empty in every row of one table (the sheet's other tables may use them). */
function trimColumns(rows: Cell[][]): Cell[][] {
  const width = rows[0]?.length ?? 0;
  const keep: number[] = [];
  for (let c = 0; c < width; c++) if (rows.some((r) => r[c].text || r[c].continuation === 'above')) keep.push(c);
  return rows.map((r) => {
    const out = keep.map((c) => r[c]);
    if (out[0]?.continuation === 'left') out[0] = { text: '', continuation: 'above' };
    return out;
  });
}
