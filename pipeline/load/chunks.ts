import bindings from '@duckdb/node-bindings';
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

/** Columns → DuckDB through an appender, one whole data chunk at a time. */

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

/** DuckDB's string_t: 16 bytes, a uint32 length, then up to 12 bytes inline or a prefix and a pointer. */
const STRING_T = 16;
const INLINE_BYTES = 12;

/** UTF-8 length of a JS string, a lone surrogate counted as U+FFFD (3 bytes); stops counting past `limit`. */
function utf8Length(text: string, limit: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const u = text.charCodeAt(i);
    if (u < 0x80) bytes += 1;
    else if (u < 0x800) bytes += 2;
    else if (u >= 0xd800 && u <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Writes a short string's UTF-8 bytes at `at` (lone surrogates as U+FFFD, as V8's conversion writes them); returns their count. */
function writeUtf8(out: Uint8Array, at: number, text: string): number {
  let o = at;
  for (let i = 0; i < text.length; i++) {
    let u = text.charCodeAt(i);
    if (u < 0x80) out[o++] = u;
    else if (u < 0x800) {
      out[o++] = 0xc0 | (u >> 6);
      out[o++] = 0x80 | (u & 0x3f);
    } else if (u >= 0xd800 && u <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      const cp = 0x10000 + ((u - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      out[o++] = 0xf0 | (cp >> 18);
      out[o++] = 0x80 | ((cp >> 12) & 0x3f);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
      out[o++] = 0x80 | (cp & 0x3f);
    } else {
      if (u >= 0xd800 && u <= 0xdfff) u = 0xfffd;
      out[o++] = 0xe0 | (u >> 12);
      out[o++] = 0x80 | ((u >> 6) & 0x3f);
      out[o++] = 0x80 | (u & 0x3f);
    }
  }
  return o - at;
}

/**
 * A VARCHAR column into a chunk's vector with one native call per distinct long value instead of
 * one per value (`setColumnValues` assigns every string natively: about 300 a report, the largest
 * part of the main thread's loading time). A value of at most 12 UTF-8 bytes is written inline
 * into its string_t here, zero-padded as DuckDB writes it; a longer one is assigned natively once
 * per chunk and its string_t (pointing into the vector's own string heap) copied to every row
 * repeating it; the column then goes in with one copy. Lone surrogates become U+FFFD both ways.
 */
function setVarcharColumn(chunk: DuckDBDataChunk, column: number, values: readonly ColumnValue[], start: number, rowCount: number): void {
  const vector = bindings.data_chunk_get_vector(chunk.chunk, column);
  const texts = new Array<string | null>(rowCount);
  /** per row: -2 null, -1 inline, else the row whose native assignment holds the value */
  const holder = new Int32Array(rowCount);
  const assigned = new Map<string, number>();
  let nulls = false;
  for (let row = 0; row < rowCount; row++) {
    const value = values[start + row];
    if (value === null) {
      holder[row] = -2;
      nulls = true;
      continue;
    }
    const text = typeof value === 'string' ? value : String(value);
    texts[row] = text;
    if (text.length <= INLINE_BYTES && utf8Length(text, INLINE_BYTES) <= INLINE_BYTES) {
      holder[row] = -1;
      continue;
    }
    const first = assigned.get(text);
    if (first !== undefined) holder[row] = first;
    else {
      bindings.vector_assign_string_element(vector, row, text);
      assigned.set(text, row);
      holder[row] = row;
    }
  }
  const out = new Uint8Array(rowCount * STRING_T);
  if (assigned.size) out.set(bindings.vector_get_data(vector, rowCount * STRING_T));
  const view = new DataView(out.buffer);
  for (let row = 0; row < rowCount; row++) {
    const from = holder[row];
    const at = row * STRING_T;
    if (from === row) continue;
    if (from >= 0) out.copyWithin(at, from * STRING_T, from * STRING_T + STRING_T);
    else {
      out.fill(0, at, at + STRING_T);
      if (from === -1) {
        const text = texts[row] as string;
        view.setUint32(at, writeUtf8(out, at + 4, text), true);
      }
    }
  }
  bindings.copy_data_to_vector(vector, 0, out.buffer, out.byteOffset, out.byteLength);
  if (nulls) {
    const validity = new Uint8Array(Math.ceil(rowCount / 64) * 8).fill(0xff);
    for (let row = 0; row < rowCount; row++) if (holder[row] === -2) validity[row >> 3] &= ~(1 << (row & 7));
    bindings.vector_ensure_validity_writable(vector);
    bindings.copy_data_to_vector_validity(vector, 0, validity.buffer, validity.byteOffset, validity.byteLength);
  }
}

/** Appends the first `rowCount` rows of the columns (in the table's order) as data chunks. */
export function appendColumnsTo(appender: DuckDBAppender, table: TableShape, columns: ColumnValue[][], rowCount: number): void {
  const types = table.columns.map((c) => DUCKDB_TYPES[c.type]);
  for (let start = 0; start < rowCount; start += CHUNK_ROWS) {
    const end = Math.min(rowCount, start + CHUNK_ROWS);
    const chunk = DuckDBDataChunk.create(types, end - start);
    table.columns.forEach((col, c) => {
      if (col.type === 'VARCHAR') setVarcharColumn(chunk, c, columns[c], start, end - start);
      else chunk.setColumnValues(c, duckdbColumn(col.type, columns[c].slice(start, end)));
    });
    appender.appendDataChunk(chunk);
  }
}
