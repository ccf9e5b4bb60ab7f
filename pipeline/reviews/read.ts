import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type ExcelJS from 'exceljs';
import { COLUMNS, decisionSchema, PENDING, SHEET_NAME, type Decision } from './sheet.ts';

/**
 * Reads every filled-in review sheet (.xlsx) in a folder. Each row either becomes a
 * decision or an error naming the file and row; a file that cannot be read at all
 * is one error. Nothing here throws for a bad sheet: a reviewer's typo must not stop
 * the build. Whether a flag_key ever existed is checked later, against the warehouse.
 */

export interface ReadDecision extends Decision {
  source_file: string;
  source_row: number;
  file_mtime: Date;
}

export interface ReviewError {
  file: string;
  row: number | null;
  message: string;
}

export interface ReviewSheets {
  decisions: ReadDecision[];
  errors: ReviewError[];
  files: number;
}

/** Every .xlsx under the folder (subfolders included), Office lock files and hidden files left out. */
function listReviewSheets(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .filter((p) => /\.xlsx$/i.test(p) && !p.split(/[\\/]/).some((part) => part.startsWith('.') || part.startsWith('~$')))
    .sort()
    .map((p) => join(dir, p));
}

type CellValue = ExcelJS.CellValue;

const isFormula = (v: CellValue): boolean => typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v);

/** The text of a cell as a reviewer sees it (rich text and hyperlinks flattened). */
function cellText(v: CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('').trim() || null;
  if (typeof v === 'object' && 'text' in v && typeof v.text === 'string') return v.text.trim() || null;
  if (typeof v === 'object' && 'error' in v) return String(v.error);
  return null;
}

class CellProblem extends Error {}

function deductionOf(v: CellValue): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  const text = cellText(v);
  if (text === null) return null;
  // a number typed into a text-formatted cell is still a number; anything else is not
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  throw new CellProblem(`扣分应为数字，实际为“${text.slice(0, 40)}”`);
}

/** Excel's serial day 1 is 1900-01-01 (with the 1900 leap-year quirk: day 60 does not exist). */
const fromSerial = (serial: number) => new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86400000));

function dateOf(v: CellValue): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'number' && v > 20000 && v < 80000) return fromSerial(v);
  const text = cellText(v);
  if (text === null) return null;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (m) {
    const [y, mo, d] = m.slice(1).map(Number);
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) return date;
  }
  throw new CellProblem(`复核日期无法识别：“${text.slice(0, 40)}”（请写成 2026-11-30）`);
}

async function readReviewSheet(path: string, sourceFile: string): Promise<{ decisions: ReadDecision[]; errors: ReviewError[] }> {
  const decisions: ReadDecision[] = [];
  const errors: ReviewError[] = [];
  const fail = (row: number | null, message: string) => errors.push({ file: sourceFile, row, message });
  let mtime: Date;
  // exceljs loads only when there is a sheet to read (every build reads the folder, most find none)
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    mtime = statSync(path).mtime;
    await workbook.xlsx.readFile(path);
  } catch (err) {
    fail(null, `无法读取复核表（不是有效的 .xlsx 文件？）：${(err as Error).message.slice(0, 200)}`);
    return { decisions, errors };
  }
  const sheet = workbook.getWorksheet(SHEET_NAME) ?? (workbook.worksheets.length === 1 ? workbook.worksheets[0] : undefined);
  if (!sheet) {
    fail(null, `找不到名为“${SHEET_NAME}”的工作表`);
    return { decisions, errors };
  }
  // columns by header text: the sheet may have been rearranged
  const at = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const text = cellText(cell.value);
    const column = COLUMNS.find((c) => c.header === text);
    if (column && !at.has(column.key)) at.set(column.key, col);
  });
  const missing = ['flag_key', 'status'].filter((k) => !at.has(k)).map((k) => COLUMNS.find((c) => c.key === k)!.header);
  if (missing.length) {
    fail(1, `表头缺少列：${missing.join('、')}（请使用 jixiao review export 导出的复核表）`);
    return { decisions, errors };
  }
  const value = (row: ExcelJS.Row, key: string): CellValue => (at.has(key) ? row.getCell(at.get(key)!).value : null);

  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const formulas: string[] = [];
    row.eachCell((cell, col) => {
      if (isFormula(cell.value)) formulas.push(COLUMNS.find((c) => at.get(c.key) === col)?.header ?? `第 ${col} 列`);
    });
    if (formulas.length) {
      fail(rowNumber, `含公式（${formulas.join('、')}）：请直接填写数值或文字`);
      return;
    }
    const flagKey = cellText(value(row, 'flag_key'));
    const statusText = cellText(value(row, 'status'));
    if (!flagKey && !statusText) return;
    try {
      const reviewedAt = dateOf(value(row, 'reviewed_at'));
      // an undecided row as exported is no decision; 待复核 with a date withdraws an earlier one
      if ((statusText === null || statusText === PENDING) && reviewedAt === null) return;
      const parsed = decisionSchema.safeParse({
        flag_key: flagKey ?? '',
        status: statusText ?? '',
        deduction: deductionOf(value(row, 'deduction')),
        comment: cellText(value(row, 'comment')),
        reviewer: cellText(value(row, 'reviewer')),
        reviewed_at: reviewedAt,
      });
      if (!parsed.success) {
        fail(rowNumber, parsed.error.issues.map((i) => `${COLUMNS.find((c) => c.key === i.path[0])?.header ?? i.path.join('.')}：${i.message}`).join('；'));
        return;
      }
      decisions.push({ ...parsed.data, source_file: sourceFile, source_row: rowNumber, file_mtime: mtime });
    } catch (err) {
      if (err instanceof CellProblem) fail(rowNumber, err.message);
      else throw err;
    }
  });
  return { decisions, errors };
}

export async function readReviewSheets(dir: string): Promise<ReviewSheets> {
  const result: ReviewSheets = { decisions: [], errors: [], files: 0 };
  for (const path of listReviewSheets(dir)) {
    result.files++;
    let one;
    try {
      one = await readReviewSheet(path, relative(dir, path));
    } catch (err) {
      // exceljs throwing on some odd content: the file is one error, the others still count
      one = { decisions: [], errors: [{ file: relative(dir, path), row: null, message: `复核表读取出错：${(err as Error).message.slice(0, 200)}` }] };
    }
    result.decisions.push(...one.decisions);
    result.errors.push(...one.errors);
  }
  return result;
}
