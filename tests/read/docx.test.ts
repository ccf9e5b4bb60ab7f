import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Document as WordDocument, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { logicalCells, type Block, type Cell } from '../../pipeline/read/document.ts';
import { htmlBlocks, readDocx } from '../../pipeline/read/docx.ts';
import { ReadError } from '../../pipeline/read/errors.ts';
import { readDocument } from '../../pipeline/read/index.ts';
import { readTxt } from '../../pipeline/read/txt.ts';
import { documentToDocx } from '../../pipeline/samples/generate-docx.ts';
import { SEEDS_DIR } from '../helpers/paths.ts';

const seeds = readdirSync(SEEDS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort();

const squash = (s: string) => s.replace(/\s+/g, '');
/** A row as the extractor compares it: logical cells, whitespace squashed, trailing empty cells dropped. */
const comparableRow = (row: Cell[]) => {
  const cells = logicalCells(row).map(squash);
  while (cells.length && cells[cells.length - 1] === '') cells.pop();
  return cells;
};
/** Paragraph text with runs of whitespace collapsed (the .txt reader only trims; Word text runs are normalised). */
const comparable = (blocks: Block[]) =>
  blocks.map((b) =>
    b.kind === 'paragraph' ? { paragraph: b.text.replace(/\s+/g, ' ').trim() } : { table: b.rows.map(comparableRow) },
  );

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ReadError);
    expect((err as ReadError).message).toMatch(/[\u4e00-\u9fff]/);
    return (err as ReadError).code;
  }
  throw new Error('expected a ReadError');
}

const wordBytes = async (children: (Paragraph | Table)[]) =>
  new Uint8Array(await Packer.toBuffer(new WordDocument({ sections: [{ children }] })));
const cell = (text: string, options: { columnSpan?: number; rowSpan?: number } = {}) =>
  new TableCell({ children: [new Paragraph(text)], ...options });

describe('readDocx round trip on the seeds (.txt → generated .docx → Document)', () => {
  it('finds the five seeds', () => expect(seeds).toHaveLength(5));

  for (const seed of seeds) {
    it(`${seed}: same paragraphs and same table rows as readTxt`, async () => {
      const txt = readTxt(readFileSync(resolve(SEEDS_DIR, seed)));
      const docx = await readDocx(await documentToDocx(txt));
      expect(docx.format).toBe('docx');
      expect(comparable(docx.blocks)).toEqual(comparable(txt.blocks));
      // grid expansion: every row of a table has the table's full width
      for (const block of docx.blocks) {
        if (block.kind !== 'table') continue;
        const width = block.rows[0].length;
        for (const row of block.rows) expect(row).toHaveLength(width);
      }
    });
  }

  it('the 绩效指标 / 一级指标 cells come back as vertical merges', async () => {
    const txt = readTxt(readFileSync(resolve(SEEDS_DIR, seeds[0])));
    const docx = await readDocx(await documentToDocx(txt));
    const table = docx.blocks.find(
      (b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.rows.some((r) => squash(r[0].text) === '绩效指标'),
    )!;
    const header = table.rows.findIndex((r) => squash(r[0].text) === '绩效指标');
    expect(table.rows[header + 1][0].continuation).toBe('above');
    expect(table.rows[header + 1][1].continuation).toBeUndefined(); // 产出指标
    expect(table.rows[header + 2][1].continuation).toBe('above');
  });

  it('generates identical bytes on every run', async () => {
    const txt = readTxt(readFileSync(resolve(SEEDS_DIR, seeds[0])));
    expect(await documentToDocx(txt)).toEqual(await documentToDocx(txt));
  });
});

describe('readDocx grid expansion', () => {
  it('expands a colspan=2 cell and a rowspan=3 cell to the full grid', async () => {
    const bytes = await wordBytes([
      new Paragraph('表前段落'),
      new Table({
        columnWidths: [2000, 2000, 2000],
        rows: [
          new TableRow({ children: [cell('A', { columnSpan: 2 }), cell('B')] }),
          new TableRow({ children: [cell('C'), cell('D', { rowSpan: 3 }), cell('E')] }),
          new TableRow({ children: [cell('F'), cell('G')] }),
          new TableRow({ children: [cell('H'), cell('I')] }),
        ],
      }),
      new Paragraph('表后段落'),
    ]);
    const doc = await readDocx(bytes);
    expect(doc.blocks[0]).toEqual({ kind: 'paragraph', text: '表前段落' });
    expect(doc.blocks[2]).toEqual({ kind: 'paragraph', text: '表后段落' });
    const table = doc.blocks[1];
    expect(table.kind).toBe('table');
    if (table.kind !== 'table') return;
    expect(table.rows).toEqual([
      [{ text: 'A' }, { text: '', continuation: 'left' }, { text: 'B' }],
      [{ text: 'C' }, { text: 'D' }, { text: 'E' }],
      [{ text: 'F' }, { text: '', continuation: 'above' }, { text: 'G' }],
      [{ text: 'H' }, { text: '', continuation: 'above' }, { text: 'I' }],
    ]);
    expect(table.rows.map(logicalCells)).toEqual([
      ['A', 'B'],
      ['C', 'D', 'E'],
      ['F', '', 'G'],
      ['H', '', 'I'],
    ]);
  });

  it('reads a cell merged both ways as one logical cell per row, and joins paragraphs and nested tables', async () => {
    const [table] = await htmlBlocks(
      '<table><tr><td colspan="2" rowspan="2"><p>甲</p><p>乙</p></td><td>1</td></tr>' +
        '<tr><td>2</td></tr>' +
        '<tr><td>x</td><td><table><tr><td>内1</td><td>内2</td></tr></table></td><td>3</td></tr></table>',
    );
    expect(table).toEqual({
      kind: 'table',
      rows: [
        [{ text: '甲\n乙' }, { text: '', continuation: 'left' }, { text: '1' }],
        [{ text: '', continuation: 'above' }, { text: '', continuation: 'left' }, { text: '2' }],
        [{ text: 'x' }, { text: '内1 内2' }, { text: '3' }],
      ],
    });
  });
});

describe('readDocx errors', () => {
  it('not a zip → not_a_docx', async () => {
    expect(await rejection(readDocx(new TextEncoder().encode('这不是 Word 文档')))).toBe('not_a_docx');
  });

  it('OLE compound file (encrypted .docx or legacy .doc) → encrypted_docx', async () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await rejection(readDocx(ole))).toBe('encrypted_docx');
  });

  it('truncated .docx → corrupt_docx', async () => {
    const bytes = await wordBytes([new Paragraph('内容')]);
    expect(await rejection(readDocx(bytes.slice(0, Math.floor(bytes.length / 2))))).toBe('corrupt_docx');
  });

  it('zip without word/document.xml → corrupt_docx', async () => {
    const zip = new JSZip().file('hello.txt', 'hi');
    expect(await rejection(readDocx(await zip.generateAsync({ type: 'uint8array' })))).toBe('corrupt_docx');
  });

  it('declared uncompressed size over the limit → zip_bomb', async () => {
    const bytes = await wordBytes([new Paragraph('内容')]);
    expect(await rejection(readDocx(bytes, { maxUncompressedBytes: 10 }))).toBe('zip_bomb');
    expect(await rejection(readDocument('报告.docx', bytes, { maxUncompressedBytes: 10 }))).toBe('zip_bomb');
    expect((await readDocx(bytes)).blocks).toEqual([{ kind: 'paragraph', text: '内容' }]);
  });

  it('a small entry declaring a huge size → zip_bomb', async () => {
    const zip = new JSZip().file('word/document.xml', '<w:document/>');
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    // patch the uncompressed size (4 GB − 1) into the local header and the central directory entry
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i + 4 <= bytes.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 0xfffffffe, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 0xfffffffe, true);
    }
    expect(await rejection(readDocx(bytes))).toBe('zip_bomb');
  });
});
