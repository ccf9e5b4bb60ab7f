import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlainRow } from '../load/query.ts';
import { bucketOf, DIGITS, indexable, searchChars } from '../../dashboard/components/search-index.js';

/**
 * The 单位 search index (keys, encoding and lookup in dashboard/components/search-index.js), fed the
 * ranking's rows in rank order as they are written:
 * - `keys/<b>.json`: the keys whose bucket is b, each with its encoded list of reports; the number of
 *   buckets follows the index's size (about BUCKET_BYTES each), so a query loads one small file a key;
 * - `own/<n>.json`: a key whose list is longer than OWN_FILE_FROM (a character or pair most reports
 *   share) has files of its own, cut at OWN_FILE_BYTES, which its bucket names;
 * - `rows/<n>.json`: the ranking again in blocks of BLOCK_ROWS reports, so the page loads only the
 *   blocks holding the matches it shows.
 * Memory and time are linear in the searched text (each key's list is one growing string).
 */

export const BLOCK_ROWS = 25;
export const BUCKET_BYTES = 32_000;
export const OWN_FILE_FROM = 8_000;
export const OWN_FILE_BYTES = 1_000_000;

export interface SearchIndex {
  buckets: number;
  blockRows: number;
  blocks: number;
  /** keys indexed, and how many have files of their own */
  keys: number;
  ownKeys: number;
  /** bytes of the encoded lists, all keys */
  bytes: number;
}

/** A key with files of its own, as its bucket lists it. */
export interface OwnFiles {
  files: string[];
  bytes: number;
}

/** The sizes above, smaller in the tests so that every kind of file is written. */
export interface SearchIndexSizes {
  bucketBytes?: number;
  ownFileFrom?: number;
  ownFileBytes?: number;
  blockRows?: number;
}

/**
 * A key's list as it grows: the digits' bytes in a buffer that doubles (a string grown by += keeps
 * one rope node per append: 350 MB and twice the CPU at 60,000 reports).
 */
class KeyList {
  last = 0;
  length = 0;
  bytes = new Uint8Array(16);

  push(n: number): void {
    // the digits of n, high first: at most 7 for a 32-bit number
    let count = 1;
    for (let m = Math.floor(n / 32); m > 0; m = Math.floor(m / 32)) count++;
    if (this.length + count > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + count));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    for (let i = count - 1, m = n; i >= 0; i--, m = Math.floor(m / 32)) this.bytes[this.length + i] = DIGIT_BYTES[(m & 31) + (i === count - 1 ? 0 : 32)];
    this.length += count;
  }

  text(from = 0, to = this.length): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + from, Math.min(to, this.length) - from).toString('latin1');
  }
}

const DIGIT_BYTES = Uint8Array.from(DIGITS as string, (c) => c.charCodeAt(0));

export class SearchIndexBuilder {
  private readonly lists = new Map<string, KeyList>();
  private block: unknown[][] = [];
  private blocks = 0;
  private lastRank = 0;

  private readonly sizes: Required<SearchIndexSizes>;

  constructor(private readonly dir: string, private readonly columns: readonly string[], sizes: SearchIndexSizes = {}) {
    this.sizes = { bucketBytes: BUCKET_BYTES, ownFileFrom: OWN_FILE_FROM, ownFileBytes: OWN_FILE_BYTES, blockRows: BLOCK_ROWS, ...sizes };
    for (const sub of ['keys', 'own', 'rows']) mkdirSync(join(dir, sub), { recursive: true });
  }

  private list(key: string, rank: number): KeyList {
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = new KeyList()));
    list.push(rank - list.last);
    list.last = rank;
    return list;
  }

  /** The ranking's next row; ranks count from 1 without gaps, as the ranking pages number them. */
  add(rank: number, row: PlainRow): void {
    if (rank !== this.lastRank + 1) throw new Error(`search index: rank ${rank} after ${this.lastRank}`);
    this.lastRank = rank;
    const chars = searchChars(row) as string[];
    const singles = new Set<string>();
    const pairs = new Map<string, number[]>();
    for (let i = 0; i < chars.length; i++) {
      if (!indexable(chars[i])) continue;
      singles.add(chars[i]);
      if (i + 1 < chars.length && indexable(chars[i + 1])) {
        const key = chars[i] + chars[i + 1];
        const starts = pairs.get(key);
        if (starts) starts.push(i);
        else pairs.set(key, [i]);
      }
    }
    for (const c of singles) this.list(c, rank);
    for (const [key, starts] of pairs) {
      const list = this.list(key, rank);
      list.push(starts.length);
      for (let k = 0; k < starts.length; k++) list.push(starts[k] - (k ? starts[k - 1] : 0));
    }
    this.block.push(this.columns.map((c) => row[c] ?? null));
    if (this.block.length >= this.sizes.blockRows) this.flushBlock();
  }

  private flushBlock(): void {
    if (!this.block.length) return;
    writeFileSync(join(this.dir, 'rows', `${this.blocks}.json`), JSON.stringify({ columns: this.columns, rows: this.block }));
    this.blocks++;
    this.block = [];
  }

  /** Writes the key files and returns what the page needs to find them. */
  finish(): SearchIndex {
    this.flushBlock();
    let bytes = 0;
    let inBuckets = 0;
    for (const [key, list] of this.lists) {
      bytes += list.length;
      if (list.length <= this.sizes.ownFileFrom) inBuckets += list.length + Buffer.byteLength(key) + 6;
    }
    const buckets = Math.max(1, Math.ceil(inBuckets / this.sizes.bucketBytes));
    const contents: Record<string, string | OwnFiles>[] = Array.from({ length: buckets }, () => ({}));
    let own = 0;
    let ownKeys = 0;
    for (const [key, list] of this.lists) {
      let entry: string | OwnFiles;
      if (list.length <= this.sizes.ownFileFrom) entry = list.text();
      else {
        // the list's characters carry no structure across a cut: the page joins the pieces again
        const files: string[] = [];
        for (let at = 0; at < list.length; at += this.sizes.ownFileBytes) {
          const file = `${own++}.json`;
          writeFileSync(join(this.dir, 'own', file), JSON.stringify(list.text(at, at + this.sizes.ownFileBytes)));
          files.push(file);
        }
        entry = { files, bytes: list.length };
        ownKeys++;
      }
      contents[bucketOf(key, buckets)][key] = entry;
    }
    contents.forEach((c, b) => writeFileSync(join(this.dir, 'keys', `${b}.json`), JSON.stringify(c)));
    const keys = this.lists.size;
    this.lists.clear();
    return { buckets, blockRows: this.sizes.blockRows, blocks: this.blocks, keys, ownKeys, bytes };
  }
}
