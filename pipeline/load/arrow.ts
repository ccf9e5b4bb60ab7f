import { Bool, DateDay, Field, Float64, Int32, Schema, Table, TimestampMillisecond, Utf8, vectorFromArray, type DataType } from 'apache-arrow';
import type { ColumnType, Row, TableSpec } from './tables.ts';

/** Rows of one warehouse table → an Arrow table with the spec's schema. */

function arrowType(type: ColumnType): DataType {
  switch (type) {
    case 'VARCHAR':
      return new Utf8();
    case 'INTEGER':
      return new Int32();
    case 'DOUBLE':
      return new Float64();
    case 'BOOLEAN':
      return new Bool();
    case 'DATE':
      return new DateDay();
    case 'TIMESTAMP':
      return new TimestampMillisecond();
  }
}

export function toArrow(spec: TableSpec, rows: Row[]): Table {
  const fields = spec.columns.map((col) => new Field(col.name, arrowType(col.type), true));
  const vectors = Object.fromEntries(
    spec.columns.map((col) => {
      const values = rows.map((r) => {
        const v = r[col.name];
        if (v === undefined || v === null) return null;
        if (col.type === 'DATE' || col.type === 'TIMESTAMP') return v instanceof Date ? v : new Date(String(v));
        return v;
      });
      return [col.name, vectorFromArray(values, arrowType(col.type))];
    }),
  );
  const table = new Table(vectors);
  return new Table(new Schema(fields), table.batches);
}
