import { DuckDBAppender, DuckDBConnection, DuckDBDateValue, DuckDBTimestampValue } from '@duckdb/node-api';
import type { Table } from 'apache-arrow';
import type { ColumnSpec, TableSpec } from './tables.ts';

/** Arrow tables → DuckDB through the appender (the node API has no Arrow ingest). */

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function createTableSql(spec: TableSpec): string {
  return `create table ${spec.name} (\n  ${spec.columns.map((c) => `${c.name} ${c.type.toLowerCase()}`).join(',\n  ')}\n)`;
}

export function commentSql(spec: TableSpec): string[] {
  return [
    `comment on table ${spec.name} is ${quote(spec.comment)}`,
    ...spec.columns.map((c) => `comment on column ${spec.name}.${c.name} is ${quote(c.comment)}`),
  ];
}

const MS_PER_DAY = 86_400_000;

function appendValue(appender: DuckDBAppender, col: ColumnSpec, value: unknown): void {
  if (value === null || value === undefined) {
    appender.appendNull();
    return;
  }
  switch (col.type) {
    case 'VARCHAR':
      appender.appendVarchar(String(value));
      return;
    case 'INTEGER':
      appender.appendInteger(Number(value));
      return;
    case 'DOUBLE':
      appender.appendDouble(Number(value));
      return;
    case 'BOOLEAN':
      appender.appendBoolean(Boolean(value));
      return;
    case 'DATE': {
      const ms = value instanceof Date ? value.getTime() : Number(value);
      appender.appendDate(new DuckDBDateValue(Math.floor(ms / MS_PER_DAY)));
      return;
    }
    case 'TIMESTAMP': {
      const ms = value instanceof Date ? value.getTime() : Number(value);
      appender.appendTimestamp(new DuckDBTimestampValue(BigInt(Math.round(ms)) * 1000n));
      return;
    }
  }
}

/** Appends an Arrow table's rows through an open appender of the spec's table. */
export function appendArrowTo(appender: DuckDBAppender, spec: TableSpec, table: Table): void {
  const columns = spec.columns.map((col) => ({ col, vector: table.getChild(col.name) }));
  for (let row = 0; row < table.numRows; row++) {
    for (const { col, vector } of columns) appendValue(appender, col, vector ? vector.get(row) : null);
    appender.endRow();
  }
}

export async function appendArrow(connection: DuckDBConnection, spec: TableSpec, table: Table): Promise<void> {
  const appender = await connection.createAppender(spec.name);
  appendArrowTo(appender, spec, table);
  appender.closeSync();
}
