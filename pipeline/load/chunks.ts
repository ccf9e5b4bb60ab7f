import {
  BOOLEAN,
  DATE,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBDateValue,
  DuckDBTimestampValue,
  INTEGER,
  TIMESTAMP,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { ColumnType, ColumnValue, TableShape } from './spec.ts';

/** Columns → DuckDB through an appender, one whole data chunk at a time (no per-value calls). */

const DUCKDB_TYPES: Record<ColumnType, DuckDBType> = { VARCHAR, INTEGER, DOUBLE, BOOLEAN, DATE, TIMESTAMP };
const MS_PER_DAY = 86_400_000;

/** A DuckDB data chunk holds at most this many rows (the standard vector size). */
export const CHUNK_ROWS = 2048;

/** A plain column (dates as epoch ms) → the values a data chunk takes. */
function duckdbColumn(type: ColumnType, values: ColumnValue[]): DuckDBValue[] {
  if (type === 'DATE') return values.map((v) => (v === null ? null : new DuckDBDateValue(Math.floor(Number(v) / MS_PER_DAY))));
  if (type === 'TIMESTAMP') return values.map((v) => (v === null ? null : new DuckDBTimestampValue(BigInt(Math.round(Number(v))) * 1000n)));
  return values;
}

/** Appends the first `rowCount` rows of the columns (in the table's order) as data chunks. */
export function appendColumnsTo(appender: DuckDBAppender, table: TableShape, columns: ColumnValue[][], rowCount: number): void {
  const types = table.columns.map((c) => DUCKDB_TYPES[c.type]);
  for (let start = 0; start < rowCount; start += CHUNK_ROWS) {
    const end = Math.min(rowCount, start + CHUNK_ROWS);
    const chunk = DuckDBDataChunk.create(types, end - start);
    chunk.setColumns(table.columns.map((col, c) => duckdbColumn(col.type, columns[c].slice(start, end))));
    appender.appendDataChunk(chunk);
  }
}
