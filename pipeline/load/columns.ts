import type { Report } from '../extract/report.ts';
import { reportRows, type FileFacts } from './records.ts';
import { TABLES, type ColumnType, type Row, type TableSpec } from './tables.ts';

/**
 * Rows of a warehouse table as columns in the spec's order, with plain values
 * (strings, numbers, booleans; dates as epoch milliseconds), so that a worker
 * thread can build them and hand them over by structured clone, and the writer
 * only copies whole columns into DuckDB data chunks.
 */

export type ColumnValue = string | number | boolean | null;

export interface TableColumns {
  rowCount: number;
  /** one array per column of the table's spec, each `rowCount` long */
  columns: ColumnValue[][];
}

const SPECS = new Map(TABLES.map((t) => [t.name, t]));

export function specOf(table: string): TableSpec {
  const spec = SPECS.get(table);
  if (!spec) throw new Error(`unknown warehouse table ${table}`);
  return spec;
}

function plain(type: ColumnType, value: unknown): ColumnValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'VARCHAR':
      return String(value);
    case 'INTEGER':
    case 'DOUBLE':
      return Number(value);
    case 'BOOLEAN':
      return Boolean(value);
    case 'DATE':
    case 'TIMESTAMP':
      return value instanceof Date ? value.getTime() : new Date(String(value)).getTime();
  }
}

export function toColumns(spec: TableSpec, rows: readonly Row[]): TableColumns {
  return { rowCount: rows.length, columns: spec.columns.map((col) => rows.map((r) => plain(col.type, r[col.name]))) };
}

export type ReportColumns = Record<string, TableColumns>;

/** One extracted report → its columns in every warehouse table (tables without rows left out). */
export function reportColumns(file: FileFacts, report: Report, supersededBy: string | null): ReportColumns {
  const out: ReportColumns = {};
  for (const [table, rows] of Object.entries(reportRows(file, report, supersededBy))) {
    if (rows.length) out[table] = toColumns(specOf(table), rows);
  }
  return out;
}
