import type { Report } from '../extract/report.ts';
import type { TableColumns } from './spec.ts';
import { REPORT_TABLES, type FileFacts } from './tables.ts';

/**
 * One extracted report → its columns in every report table, made by the tables' own mapping
 * (tables.ts). Pure, no I/O: a worker thread builds them and hands them over by structured clone,
 * and the writer only copies whole columns into DuckDB data chunks.
 */

export type ReportColumns = Record<string, TableColumns>;

/** Tables without rows are left out. */
export function reportColumns(file: FileFacts, report: Report, supersededBy: string | null): ReportColumns {
  const source = { file, report, supersededBy };
  const out: ReportColumns = {};
  for (const table of REPORT_TABLES) {
    const columns = table.columnsOf(source);
    if (columns.rowCount) out[table.name] = columns;
  }
  return out;
}
