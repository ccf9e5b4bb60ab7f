import type { TableSpec } from './tables.ts';

/** DDL and comments of the warehouse tables. */

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
