import { DuckDBDataChunk, VARCHAR, INTEGER } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { memoryConnection } from '../helpers/memory-db.ts';
import { appendColumnsTo, CHUNK_ROWS } from '../../pipeline/load/chunks.ts';
import type { ColumnValue, TableShape } from '../../pipeline/load/spec.ts';

/**
 * The writer's VARCHAR columns go into DuckDB's string_t directly (short values inline, long ones
 * assigned natively once per chunk and shared by the rows repeating them). They must come out
 * exactly as `setColumnValues` (one native assignment per value) puts them: same bytes, same
 * NULLs, and strings that compare, group and join as DuckDB's own.
 */

const table: TableShape = {
  name: 't_new',
  comment: '',
  columns: [
    { name: 'i', type: 'INTEGER', comment: '' },
    { name: 's', type: 'VARCHAR', comment: '' },
    { name: 'u', type: 'VARCHAR', comment: '' },
  ],
};

/** A seeded generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const PIECES = ['a', 'Z', '0', ' ', '\n', '"', "'", '\\', ',', '\u0000', '\t', 'é', 'ß', '¥', '预', '算', '执', '行', '率', '😀', '𠀀', '\ud800', '\udfff', '\u2028', '\ufeff', '\u00a0'];

function values(rows: number, seed: number): ColumnValue[] {
  const next = random(seed);
  const pool: string[] = [];
  const out: ColumnValue[] = [];
  for (let i = 0; i < rows; i++) {
    const r = next();
    if (r < 0.1) out.push(null);
    else if (r < 0.15) out.push('');
    else if (r < 0.45 && pool.length) out.push(pool[Math.floor(next() * pool.length)]);
    else {
      // lengths around the 12-byte inline limit and well past it
      const length = Math.floor(next() * (next() < 0.7 ? 16 : 200));
      let s = '';
      for (let k = 0; k < length; k++) s += PIECES[Math.floor(next() * PIECES.length)];
      pool.push(s);
      out.push(s);
    }
  }
  return out;
}

const EDGES: ColumnValue[] = [
  '',
  'a'.repeat(12),
  'a'.repeat(13),
  '预算执行率', // 15 bytes
  '预算执', // 9 bytes
  '预算执行', // 12 bytes
  'ab预算执行', // 14 bytes
  '😀😀😀', // 12 bytes
  '😀😀😀a', // 13 bytes
  '\ud800',
  'x\udc00y',
  '\ud83d', // a high surrogate at the end
  'a\u0000b',
  null,
  '\u0000',
];

const db = memoryConnection();

async function load(columns: ColumnValue[][]): Promise<void> {
  const rows = columns[0].length;
  await db().run('create or replace table t_new (i integer, s varchar, u varchar)');
  await db().run('create or replace table t_ref (i integer, s varchar, u varchar)');
  const appender = await db().createAppender('t_new');
  appendColumnsTo(appender, table, columns, rows);
  appender.closeSync();
  // the reference: every value assigned natively by @duckdb/node-api
  const ref = await db().createAppender('t_ref');
  for (let start = 0; start < rows; start += CHUNK_ROWS) {
    const end = Math.min(rows, start + CHUNK_ROWS);
    const chunk = DuckDBDataChunk.create([INTEGER, VARCHAR, VARCHAR], end - start);
    chunk.setColumns(columns.map((c) => c.slice(start, end)));
    ref.appendDataChunk(chunk);
  }
  ref.closeSync();
}

async function scalar(sql: string): Promise<unknown> {
  return (await db().runAndReadAll(sql)).getRows()[0][0];
}

describe('VARCHAR columns written into string_t', () => {
  it('equal the native assignment value by value, byte by byte, over several chunks', async () => {
    const rows = CHUNK_ROWS * 2 + 517;
    const s = [...EDGES, ...values(rows - EDGES.length, 7)];
    const u = values(rows, 11);
    await load([Array.from({ length: rows }, (_, i) => i), s, u]);
    expect(await scalar('select count(*) from t_new')).toBe(BigInt(rows));
    const differing = await scalar(
      `select count(*) from t_new n full join t_ref r using (i)
       where n.s is distinct from r.s or n.u is distinct from r.u
          or encode(n.s) is distinct from encode(r.s) or octet_length(encode(n.u)) is distinct from octet_length(encode(r.u))`,
    );
    expect(differing).toBe(0n);
    for (const sql of ['select * from t_new except all select * from t_ref', 'select * from t_ref except all select * from t_new'])
      expect(await scalar(`select count(*) from (${sql})`)).toBe(0n);
    // inline strings must be zero-padded as DuckDB's own, or equality and hashing see different strings
    expect(await scalar('select count(distinct s) = (select count(distinct s) from t_ref) from t_new')).toBe(true);
    expect(await scalar("select count(*) from t_new where s = 'aaaaaaaaaaaa'")).toBe(1n);
    expect(await scalar("select count(*) from t_new where s = '预算执行'")).toBe(1n);
    expect(await scalar('select count(*) from t_new n join t_ref r on n.s = r.s and n.i = r.i')).toBe(await scalar('select count(*) from t_ref where s is not null'));
    // NULL stays NULL and '' stays ''
    expect(await scalar('select count(*) from t_new n join t_ref r using (i) where (n.s is null) <> (r.s is null) or (n.s = \'\') <> (r.s = \'\')')).toBe(0n);
    // the bytes stored are the UTF-8 of the value handed in (a lone surrogate as U+FFFD, as UTF-8 cannot hold it)
    const stored = (await db().runAndReadAll('select encode(s) from t_new order by i')).getRows().map((r) => (r[0] === null ? null : Buffer.from((r[0] as { bytes: Uint8Array }).bytes).toString('hex')));
    expect(stored).toEqual(s.map((v) => (typeof v === 'string' ? Buffer.from(v, 'utf8').toString('hex') : v)));
  });

  it('a column of one long value repeated and a column of only NULLs', async () => {
    const rows = CHUNK_ROWS + 3;
    const long = '一份很长的绩效自评报告正文，远远超过十二个字节。'.repeat(20);
    await load([Array.from({ length: rows }, (_, i) => i), Array<ColumnValue>(rows).fill(long), Array<ColumnValue>(rows).fill(null)]);
    expect(await scalar(`select count(*) from t_new where s = '${long}' and u is null`)).toBe(BigInt(rows));
    expect(await scalar('select count(*) from (select * from t_new except all select * from t_ref)')).toBe(0n);
  });
});
