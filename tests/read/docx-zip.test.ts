import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { unzipParts, type DocxZipEntry } from '../../pipeline/read/docx-zip.ts';
import { SAMPLES_DIR } from '../helpers/paths.ts';

/**
 * The .docx zip reader stands for fflate's `unzipSync` with a filter: for every zip, damaged or not,
 * the same entries seen in the same order, the same parts with the same bytes, or an error from both.
 */

const WANTED = new Set(['word/document.xml', 'word/styles.xml', 'word/numbering.xml', '_rels/.rels', 'word/_rels/document.xml.rels', 'a.txt', 'b.txt']);

const digest = (bytes: Uint8Array) => `${bytes.length}:${createHash('sha1').update(bytes).digest('hex')}`;

type Outcome = { seen: DocxZipEntry[]; parts?: [string, string][]; error?: true };

function outcome(read: (bytes: Uint8Array, wanted: (e: DocxZipEntry) => boolean) => Map<string, Uint8Array> | Record<string, Uint8Array>, bytes: Uint8Array): Outcome {
  const seen: DocxZipEntry[] = [];
  try {
    const out = read(bytes, (e) => {
      seen.push({ ...e });
      return WANTED.has(e.name);
    });
    const entries = out instanceof Map ? [...out] : Object.entries(out);
    return { seen, parts: entries.map(([k, v]) => [k, digest(v)] as [string, string]).sort((a, b) => (a[0] < b[0] ? -1 : 1)) };
  } catch {
    return { seen, error: true };
  }
}

const byFflate = (bytes: Uint8Array) => outcome((b, wanted) => unzipSync(b, { filter: wanted }), bytes);
const byReader = (bytes: Uint8Array) => outcome(unzipParts, bytes);

interface TestEntry {
  name: Uint8Array;
  data: Uint8Array;
  method?: number;
  utf8?: boolean;
  /** the uncompressed size written in the central directory, when it lies */
  declared?: number;
}

const u16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const u64 = (n: number) => [...u32(n % 2 ** 32), ...u32(Math.floor(n / 2 ** 32))];

/** A zip written field by field: stored or deflated entries, optionally with zip64 records and sizes. */
function zipOf(entries: TestEntry[], { zip64 = false, comment = new Uint8Array(0) } = {}): Uint8Array {
  const out: number[] = [];
  const central: number[] = [];
  for (const entry of entries) {
    const method = entry.method ?? 8;
    const compressed = method === 8 ? deflateRawSync(entry.data) : entry.data;
    const offset = out.length;
    const flag = entry.utf8 ? 0x800 : 0;
    const size = entry.declared ?? entry.data.length;
    out.push(...u32(0x04034b50), ...u16(20), ...u16(flag), ...u16(method), ...u16(0), ...u16(0), ...u32(0), ...u32(compressed.length), ...u32(size));
    out.push(...u16(entry.name.length), ...u16(0), ...entry.name, ...compressed);
    const extra = zip64 ? [...u16(1), ...u16(24), ...u64(size), ...u64(compressed.length), ...u64(offset)] : [];
    const [csize, usize, off] = zip64 ? [0xffffffff, 0xffffffff, 0xffffffff] : [compressed.length, size, offset];
    central.push(...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(flag), ...u16(method), ...u16(0), ...u16(0), ...u32(0), ...u32(csize), ...u32(usize));
    central.push(...u16(entry.name.length), ...u16(extra.length), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(off), ...entry.name, ...extra);
  }
  const centralOffset = out.length;
  out.push(...central);
  if (zip64) {
    const record = out.length;
    out.push(...u32(0x06064b50), ...u64(44), ...u16(45), ...u16(45), ...u32(0), ...u32(0), ...u64(entries.length), ...u64(entries.length), ...u64(central.length), ...u64(centralOffset));
    out.push(...u32(0x07064b50), ...u32(0), ...u64(record), ...u32(1));
  }
  const count = zip64 ? 0xffff : entries.length;
  out.push(...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(count), ...u16(count), ...u32(central.length), ...u32(zip64 ? 0xffffffff : centralOffset), ...u16(comment.length), ...comment);
  return Uint8Array.from(out);
}

const text = (s: string) => strToU8(s);
const entry = (name: string, data: string, rest: Partial<TestEntry> = {}): TestEntry => ({ name: text(name), data: text(data), ...rest });
const xml = '<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>预算执行率 95%</w:t></w:r></w:p></w:body></w:document>'.repeat(20);

const samples = readdirSync(SAMPLES_DIR)
  .filter((f) => f.endsWith('.docx'))
  .sort()
  .map((f) => readFileSync(join(SAMPLES_DIR, f)));

describe('the .docx zip reader = fflate unzipSync', () => {
  it('on the bundled samples', () => {
    expect(samples.length).toBeGreaterThanOrEqual(5);
    for (const bytes of samples) {
      const read = byReader(bytes);
      expect(read.parts?.map(([name]) => name)).toContain('word/document.xml');
      expect(read).toEqual(byFflate(bytes));
    }
  });

  it('on zips written by fflate, stored and deflated', () => {
    const files = { 'word/document.xml': text(xml), 'word/styles.xml': text('<w:styles/>'), 'docProps/app.xml': text('<x/>'), 'a.txt': new Uint8Array(0) };
    for (const level of [0, 6] as const) {
      const bytes = zipSync(files, { level });
      expect(byReader(bytes).parts).toHaveLength(3);
      expect(byReader(bytes)).toEqual(byFflate(bytes));
    }
  });

  it('on constructed zips: names, duplicates, comments, trailing bytes, zip64, lying sizes, other methods', () => {
    const gbName = Uint8Array.from([0xd6, 0xd0, 0xce, 0xc4, 0x2e, 0x74, 0x78, 0x74]); // 中文.txt in GB18030, no UTF-8 flag
    const cases: [string, Uint8Array][] = [
      ['plain', zipOf([entry('word/document.xml', xml), entry('docProps/core.xml', '<x/>')])],
      ['utf-8 and local-code-page names', zipOf([entry('word/报告.xml', 'x', { utf8: true }), { name: gbName, data: text('y') }, entry('a.txt', 'a', { utf8: true })])],
      ['a BOM before a UTF-8 name', zipOf([{ name: Uint8Array.from([0xef, 0xbb, 0xbf, ...text('a.txt')]), data: text('bom'), utf8: true }])],
      ['duplicate names: the later one', zipOf([entry('a.txt', 'first'), entry('a.txt', 'second')])],
      ['a comment', zipOf([entry('a.txt', 'a')], { comment: text('written by hand') })],
      ['zip64 records and sizes', zipOf([entry('word/document.xml', xml), entry('b.txt', 'stored', { method: 0 })], { zip64: true })],
      ['declared smaller than it inflates (cut)', zipOf([entry('word/document.xml', xml, { declared: 100 })])],
      ['declared larger than it inflates', zipOf([entry('word/document.xml', xml, { declared: xml.length * 4 })])],
      ['declared empty', zipOf([entry('a.txt', 'not empty', { declared: 0 })])],
      ['stored, declared smaller', zipOf([entry('a.txt', 'stored text', { method: 0, declared: 3 })])],
      ['an unknown method on an unwanted entry', zipOf([entry('docProps/app.xml', 'x', { method: 12 }), entry('a.txt', 'a')])],
      ['an unknown method on a wanted entry', zipOf([entry('a.txt', 'a', { method: 12 })])],
      ['no entries', zipOf([])],
    ];
    const trailing = cases[0][1];
    cases.push(['bytes after the end record', Uint8Array.from([...trailing, ...text('appended by a download')])]);
    cases.push(['damaged deflate data', Uint8Array.from(trailing).fill(0xff, 40, 60)]);
    cases.push(['no end record', trailing.subarray(0, trailing.length - 30)]);
    cases.push(['not a zip', text('PK but nothing else')]);
    for (const [label, bytes] of cases) expect(byReader(bytes), label).toEqual(byFflate(bytes));

    // what they give, beyond agreeing
    const cut = byReader(cases[6][1]).parts!.find(([name]) => name === 'word/document.xml')![1];
    expect(cut.startsWith('100:')).toBe(true);
    expect(byReader(cases[3][1]).parts).toEqual([['a.txt', digest(text('second'))]]);
    const zip64 = byReader(cases[5][1]);
    expect(zip64.seen.map((e) => e.originalSize)).toEqual([Buffer.byteLength(xml), 6]);
    expect(zip64.parts?.find(([name]) => name === 'word/document.xml')?.[1]).toBe(digest(text(xml)));
    expect(byReader(cases[11][1]).error).toBe(true);
    expect(byReader(cases[10][1]).parts).toEqual([['a.txt', digest(text('a'))]]);
  });

  it('on damaged copies of the samples: flipped bits, overwritten directory bytes, truncations, appended bytes', () => {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let errors = 0;
    for (let n = 0; n < 400; n++) {
      const source = samples[n % samples.length];
      const bytes = Uint8Array.from(source);
      let input: Uint8Array = bytes;
      switch (n % 4) {
        case 0:
          for (let k = 0; k <= n % 5; k++) bytes[Math.floor(next() * bytes.length)] ^= 1 << Math.floor(next() * 8);
          break;
        case 1:
          bytes[bytes.length - 1 - Math.floor(next() * Math.min(bytes.length, 1500))] = Math.floor(next() * 256);
          break;
        case 2:
          input = bytes.subarray(0, Math.floor(next() * bytes.length));
          break;
        default:
          input = Uint8Array.from([...bytes, ...text('x'.repeat(n % 40))]);
      }
      const expected = byFflate(input);
      if (expected.error) errors++;
      // as text: a damaged entry count can make thousands of entries, slow to compare as objects
      expect(JSON.stringify(byReader(input)), `damaged copy ${n}`).toBe(JSON.stringify(expected));
    }
    // the damage reaches both the directory and the parts: some copies fail, most do not
    expect(errors).toBeGreaterThan(25);
    expect(errors).toBeLessThan(375);
  });
});
