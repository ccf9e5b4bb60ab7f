import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SearchIndexBuilder, type SearchIndex, type SearchIndexSizes } from '../../pipeline/site-data/search.ts';
import {
  blocksOf, decodeNumbers, encodeNumber, postingReader, searchRanks, termKeys,
} from '../../dashboard/components/search-index.js';

/**
 * The 单位 search index: built from rows in rank order, looked up as the page does (postingReader
 * over the written files), and compared with a plain substring search over the same rows.
 */

interface Row {
  id: string;
  unit: string | null;
  region: string | null;
  project: string | null;
  year: number | null;
  priority: number;
}

const COLUMNS = ['id', 'unit', 'region', 'project', 'year', 'priority'] as const;

/** Every term in one of the fields, lowercased: what the page's matcher does, written out here. */
function expected(rows: Row[], query: string): number[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.flatMap((r, i) => {
    const hay = [r.unit ?? '', r.region ?? '', r.project ?? '', r.year === null ? '' : `${r.year}年`, r.id].join('\u0000').toLowerCase();
    return terms.every((t) => hay.includes(t)) ? [i + 1] : [];
  });
}

function build(rows: Row[], sizes: SearchIndexSizes = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-search-'));
  const builder = new SearchIndexBuilder(dir, COLUMNS, sizes);
  rows.forEach((r, i) => builder.add(i + 1, { ...r }));
  const index: SearchIndex = builder.finish();
  const reads: string[] = [];
  const readJson = (path: string) => {
    reads.push(path);
    return JSON.parse(readFileSync(join(dir, path), 'utf8')) as unknown;
  };
  const lookup = (q: string) => searchRanks(q, postingReader(index, readJson));
  return { dir, index, reads, lookup };
}

// deterministic rows: Chinese unit names with digits and Latin letters, traditional spellings,
// a character outside the BMP, repeated pairs, missing fields
const towns = ['龙潭', '白关', '郑家驿', '漆家河', '热市', '茶庵铺', '臺灣', '台湾', '𠮷野', '哈哈哈'];
const kinds = ['镇人民政府', '农业农村局', 'ABC科技中心', '第2中学', '卫生院（含分院）', '镇镇政府'];
function rows(n: number): Row[] {
  return Array.from({ length: n }, (_, k) => ({
    id: ((k * 2654435761) >>> 0).toString(16).padStart(8, '0') + k.toString(16).padStart(8, '0'),
    unit: k % 97 === 5 ? null : `${towns[k % towns.length]}${k % 13}${kinds[(k >> 2) % kinds.length]}`,
    region: k % 31 === 0 ? null : `湖南省${['长沙', '株洲'][k % 2]}市${['芙蓉', '天心', 'X'][k % 3]}${k % 7}区`,
    project: k % 4 === 0 ? `2022年度Road建设项目（第${k % 5}批）` : null,
    year: k % 11 === 0 ? null : 2020 + (k % 4),
    priority: 1000 - k,
  }));
}

describe('search index', () => {
  const data = rows(1500);

  it('encodes numbers so that lists cut anywhere join again', () => {
    const values = [0, 1, 31, 32, 33, 1023, 1024, 65_535, 1_000_000, 2 ** 31 + 7];
    const text = values.map(encodeNumber).join('');
    expect(decodeNumbers(text)).toEqual(values);
    expect(text).toMatch(/^[0-9A-Za-z_-]+$/);
    expect(encodeNumber(31)).toHaveLength(1);
    expect(encodeNumber(32)).toHaveLength(2);
  });

  it('covers a term with pairs at every other offset and the last pair', () => {
    expect(termKeys('龙')).toEqual([{ key: '龙', offset: 0 }]);
    expect(termKeys('龙潭')).toEqual([{ key: '龙潭', offset: 0 }]);
    expect(termKeys('龙潭镇')).toEqual([{ key: '龙潭', offset: 0 }, { key: '潭镇', offset: 1 }]);
    expect(termKeys('龙潭镇人').map((k) => k.key)).toEqual(['龙潭', '镇人']);
    expect(termKeys('𠮷野镇')).toEqual([{ key: '𠮷野', offset: 0 }, { key: '野镇', offset: 1 }]);
  });

  it('finds exactly what a substring search over the rows finds, in rank order', async () => {
    const { lookup } = build(data);
    const queries = [
      '龙', '潭', '龙潭', '龙潭1', '龙潭12', '龙潭镇', '镇人民', '人民政府', '郑家驿3', '卫生院（含', '（第3批）',
      // Latin and digits, either case
      'abc', 'ABC', 'AbC科', 'road', 'ROAD建设', '2', '2022', '2021年', '22年度', '第2中',
      // traditional and simplified spellings are different text, as for the matcher
      '臺灣', '台湾', '臺', '灣1',
      // outside the BMP, repeated characters and pairs
      '𠮷', '𠮷野', '𠮷野3', '哈哈', '哈哈哈', '哈哈哈哈', '哈哈哈1', '镇镇', '镇镇政',
      // several terms, regions, ids
      '龙潭 株洲', '长沙 2021年 人民', '芙蓉3区 镇', '株洲市x', data[700].id, data[42].id.slice(3, 9), data[1499].id.toUpperCase(),
      // no match: unknown characters, a pair of known characters never adjacent, a term across two fields
      '无此单位', '龙白', '潭关', '政府湖南', 'zzz', '龙潭 无', '  ',
    ];
    for (const q of queries) {
      const want = expected(data, q);
      const got = await lookup(q);
      expect({ q, got: got === null ? expected(data, '') : got }).toEqual({ q, got: q.trim() ? want : expected(data, '') });
    }
    // the lists are not trivially empty or full
    expect(expected(data, '龙潭12').length).toBeGreaterThan(0);
    expect(expected(data, '龙潭12').length).toBeLessThan(50);
    expect(expected(data, '哈哈哈哈')).toEqual([]);
    expect(expected(data, '龙白')).toEqual([]);
  });

  it('matches every substring of a unit name a user may type, from one character to the whole name', async () => {
    const { lookup } = build(data);
    for (const k of [0, 3, 17, 640, 1499]) {
      const unit = Array.from(data[k].unit ?? '');
      for (let len = 1; len <= unit.length; len++) {
        for (const start of [0, Math.max(0, unit.length - len)]) {
          const q = unit.slice(start, start + len).join('');
          const got = await lookup(q);
          expect({ q, got }).toEqual({ q, got: expected(data, q) });
          expect(got).toContain(k + 1);
        }
      }
    }
  });

  it('reads a key from files of its own when its list is long, and the same results come back', async () => {
    const small = build(data, { bucketBytes: 2_000, ownFileFrom: 300, ownFileBytes: 700, blockRows: 7 });
    expect(small.index.ownKeys).toBeGreaterThan(0);
    expect(small.index.buckets).toBeGreaterThan(10);
    // some own list is cut into several files
    const buckets = readdirSync(join(small.dir, 'keys')).map((f) => JSON.parse(readFileSync(join(small.dir, 'keys', f), 'utf8')) as Record<string, unknown>);
    const cut = buckets.flatMap((b) => Object.values(b)).filter((e) => typeof e === 'object' && (e as { files: string[] }).files.length > 1);
    expect(cut.length).toBeGreaterThan(0);
    expect(readdirSync(join(small.dir, 'keys')).length).toBe(small.index.buckets);
    for (const q of ['龙', '湖南', '湖南省长沙市芙蓉', '镇人民政府', data[9].id, '无此单位']) {
      expect({ q, got: await small.lookup(q) }).toEqual({ q, got: expected(data, q) });
    }
    // the row blocks hold the ranking in order, blockRows a file
    expect(small.index.blocks).toBe(Math.ceil(data.length / 7));
    const ranks = expected(data, '龙潭12');
    for (const b of blocksOf(ranks, 7)) {
      const block = JSON.parse(readFileSync(join(small.dir, 'rows', `${b}.json`), 'utf8')) as { columns: string[]; rows: unknown[][] };
      const ids = block.rows.map((r) => r[block.columns.indexOf('id')]);
      expect(ids).toEqual(data.slice(b * 7, b * 7 + 7).map((r) => r.id));
      expect(ranks.some((r) => Math.floor((r - 1) / 7) === b)).toBe(true);
    }
  });

  it('reads one bucket a key, and no bucket for a query of white space', async () => {
    const { lookup, reads } = build(data);
    reads.length = 0;
    await lookup('龙潭镇人民政府');
    expect(new Set(reads).size).toBeLessThanOrEqual(termKeys('龙潭镇人民政府').length);
    reads.length = 0;
    expect(await lookup('   ')).toBeNull();
    expect(reads).toEqual([]);
  });

  it('refuses rows out of rank order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-search-'));
    const builder = new SearchIndexBuilder(dir, COLUMNS);
    builder.add(1, { ...data[0] });
    expect(() => builder.add(3, { ...data[1] })).toThrow(/rank 3 after 1/);
  });
});
