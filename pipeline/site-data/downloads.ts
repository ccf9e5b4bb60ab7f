import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { PlainRow } from '../load/query.ts';
import { cellValue, layOut, neutralizeFormula, sheetOptions, type SheetColumn } from './excel.ts';
import { FLAG_ORDER, FLAG_SQL, streamRows } from './flags.ts';
import { SEVERITY_ZH } from '../models/severity.ts';

/**
 * The full downloads: every flag as CSV (UTF-8 with BOM) and a workbook with the sheets 汇总 (one row
 * per report), 标记 (every flag) and 读取失败 (files that could not be read). Both are streamed to disk
 * chunk by chunk, so their size never sits in memory. The anomalies page writes the same columns for
 * the rows a filter selects (dashboard/components/export.js).
 */

const KIND_ZH: Record<string, string> = { department: '部门整体', project: '项目支出' };

export const FLAG_COLUMNS: SheetColumn[] = [
  { key: 'severity_zh', header: '严重程度', kind: 'text' },
  { key: 'rule_title', header: '规则', kind: 'text' },
  { key: 'unit', header: '单位', kind: 'text' },
  { key: 'region', header: '区划', kind: 'text' },
  { key: 'year', header: '年度', kind: 'year' },
  { key: 'kind_zh', header: '报告类型', kind: 'text' },
  { key: 'project', header: '项目', kind: 'text' },
  { key: 'subject', header: '对象', kind: 'wrap' },
  { key: 'measured', header: '测得值', kind: 'number' },
  { key: 'measured_text', header: '测得值（原文）', kind: 'text' },
  { key: 'threshold', header: '阈值', kind: 'number' },
  { key: 'message', header: '说明', kind: 'wrap' },
  { key: 'evidence', header: '依据（原文）', kind: 'wrap' },
  { key: 'place', header: '位置', kind: 'wrap' },
  { key: 'status', header: '复核结论', kind: 'text' },
  { key: 'path', header: '文件路径', kind: 'text' },
  { key: 'id', header: '报告编号', kind: 'text' },
  { key: 'rule', header: '规则编号', kind: 'text' },
  { key: 'key', header: '标记键', kind: 'text' },
];

const SUMMARY_COLUMNS: SheetColumn[] = [
  { key: 'unit', header: '单位', kind: 'text' },
  { key: 'region', header: '区划', kind: 'text' },
  { key: 'year', header: '年度', kind: 'year' },
  { key: 'kind_zh', header: '报告类型', kind: 'text' },
  { key: 'project', header: '项目', kind: 'text' },
  { key: 'date', header: '填报日期', kind: 'date' },
  { key: 'score', header: '自评总分', kind: 'number' },
  { key: 'initial', header: '年初预算（万元）', kind: 'wan' },
  { key: 'full_year', header: '全年预算（万元）', kind: 'wan' },
  { key: 'actual', header: '实际支出（万元）', kind: 'wan' },
  { key: 'ratio', header: '实际/年初', kind: 'pct' },
  { key: 'rate', header: '执行率', kind: 'pct' },
  { key: 'critical', header: '严重', kind: 'int' },
  { key: 'warning', header: '警告', kind: 'int' },
  { key: 'info', header: '提示', kind: 'int' },
  { key: 'path', header: '文件路径', kind: 'text' },
  { key: 'id', header: '报告编号', kind: 'text' },
];

const ERROR_COLUMNS: SheetColumn[] = [
  { key: 'path', header: '文件路径', kind: 'wrap' },
  { key: 'code', header: '错误类别', kind: 'text' },
  { key: 'message', header: '原因', kind: 'wrap' },
];

/** A flag row with its Chinese labels added. */
const labelled = (r: PlainRow): PlainRow => ({
  ...r,
  severity_zh: SEVERITY_ZH[String(r.severity)] ?? r.severity,
  kind_zh: KIND_ZH[String(r.kind)] ?? r.kind,
});

export const csvField = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(neutralizeFormula(v));
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

async function writeAll(stream: NodeJS.WritableStream, text: string) {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** A table of a download: its columns and the query of its rows. */
interface DownloadTable {
  columns: SheetColumn[];
  sql: string;
}

const FLAGS: DownloadTable = { columns: FLAG_COLUMNS, sql: `select * from (${FLAG_SQL}) ${FLAG_ORDER}` };

/**
 * The one path every download row takes: streamed from DuckDB chunk by chunk, labelled in Chinese,
 * handed to a writer (a CSV file or a workbook sheet) and let go.
 */
async function streamTable(connection: DuckDBConnection, table: DownloadTable, write: (rows: PlainRow[]) => Promise<void> | void): Promise<void> {
  for await (const chunk of streamRows(connection, table.sql)) await write(chunk.map(labelled));
}

/** Every flag as CSV, streamed to `path`. */
export async function writeFlagsCsv(connection: DuckDBConnection, path: string): Promise<void> {
  const out = createWriteStream(path);
  const line = (values: unknown[]) => values.map(csvField).join(',') + '\r\n';
  await writeAll(out, '\ufeff' + line(FLAGS.columns.map((c) => c.header)));
  await streamTable(connection, FLAGS, (rows) => writeAll(out, rows.map((r) => line(FLAGS.columns.map((c) => r[c.key]))).join('')));
  out.end();
  await once(out, 'finish');
}

/** The workbook 汇总 / 标记 / 读取失败, streamed to `path`. */
export async function writeWorkbook(connection: DuckDBConnection, path: string): Promise<void> {
  // exceljs (a large CommonJS tree) loads when a workbook is written, not with every command that imports this
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  workbook.created = new Date(0);
  const sheets: [string, DownloadTable][] = [
    ['汇总', { columns: SUMMARY_COLUMNS, sql: `
      select s.unit, s.region, s.fiscal_year as year, s.kind, s.project, s.report_date::varchar as date, s.self_score as score,
             s.initial_budget as initial, s.full_year_budget as full_year, s.actual, s.actual_to_initial as ratio,
             s.exec_rate_pct / 100 as rate, s.critical_flags as critical, s.warning_flags as warning, s.info_flags as info,
             r.path, s.report_id as id
      from report_summary s join report_files r using (report_id) order by s.unit, s.fiscal_year, s.report_id` }],
    ['标记', FLAGS],
    ['读取失败', { columns: ERROR_COLUMNS, sql: `select path, code, message from ingest_errors order by code, path` }],
  ];
  for (const [name, table] of sheets) {
    const sheet = workbook.addWorksheet(name, sheetOptions(table.columns));
    layOut(sheet, table.columns);
    await streamTable(connection, table, (rows) => {
      for (const r of rows) sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, cellValue(c.kind, r[c.key])]))).commit();
    });
    sheet.commit();
  }
  await workbook.commit();
}
