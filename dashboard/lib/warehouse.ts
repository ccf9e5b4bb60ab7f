import { resolve } from 'node:path';
import { maskPersonalNumbers } from '../../pipeline/extract/mask.ts';
import { openWarehouse, type PlainRow } from '../../pipeline/load/query.ts';

/**
 * Shared by the data loaders: read the warehouse (JIXIAO_DB, else the default
 * build output) and return rows with personal numbers masked in every text.
 */

export const WAREHOUSE = resolve(process.env.JIXIAO_DB ?? 'data/warehouse.duckdb');

export async function queryMasked(sql: string): Promise<PlainRow[]> {
  const w = await openWarehouse(WAREHOUSE);
  try {
    const rows = await w.query(sql);
    return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? maskPersonalNumbers(v) : v])));
  } finally {
    w.close();
  }
}

/** Rows as compact columns ({columns, rows: [[…]]}) to keep the files small. */
export function columnar(rows: PlainRow[]): { columns: string[]; rows: unknown[][] } {
  const columns = rows.length ? Object.keys(rows[0]) : [];
  return { columns, rows: rows.map((r) => columns.map((c) => r[c])) };
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value));
}

/** A spreadsheet cell must never start a formula: =, +, - and @ are prefixed with a quote. */
export const neutralizeFormula = (v: unknown) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
