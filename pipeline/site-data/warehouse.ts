import { maskValue } from './flags.ts';
import type { PlainRow, Warehouse } from '../load/query.ts';

/** Reading the warehouse for the site: every text value but identifiers has personal numbers masked. */

export type Query = (sql: string) => Promise<PlainRow[]>;

export function maskedQuery(w: Warehouse): Query {
  return async (sql) =>
    (await w.query(sql)).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, maskValue(k, v)])));
}

/** Rows as compact columns ({columns, rows: [[…]]}) to keep the files small. */
export function columnar(rows: PlainRow[]): { columns: string[]; rows: unknown[][] } {
  const columns = rows.length ? Object.keys(rows[0]) : [];
  return { columns, rows: rows.map((r) => columns.map((c) => r[c])) };
}

