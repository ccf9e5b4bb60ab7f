/**
 * Turns the .txt seeds into .docx samples laid out as the Word forms they were
 * exported from: paragraphs as paragraphs, tables as Word tables with the last
 * cell of a short row spanning the remaining columns, and the empty cells under
 * 绩效指标 / 一级指标 (grid columns 0 and 1) merged vertically into the cell above.
 *
 *   npm run samples [-- <seeds dir> [<output dir>]]
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import {
  Document as WordDocument,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';
import type { Document } from '../read/document.ts';
import { readTxt } from '../read/txt.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Fixed document dates and zip entry times, so that re-running gives identical bytes. */
const FIXED_DATE = new Date('2024-01-01T00:00:00Z');
/** Text width of an A4 page with Word's default margins, in twips. */
const TEXT_WIDTH = 8306;

// characters XML 1.0 does not allow
const xmlSafe = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

const paragraphs = (text: string) =>
  text.split('\n').map((line) => new Paragraph({ children: line ? [new TextRun(xmlSafe(line))] : [] }));

/** Columns spanned by each cell of each row: 1, except the last, which fills the row to `width`. */
export function rowSpans(rows: string[][], width: number): number[][] {
  return rows.map((r) => r.map((_, i) => (i === r.length - 1 ? width - (r.length - 1) : 1)));
}

/**
 * Which cells continue the cell above (vertical merge): an empty cell in grid
 * column 0 or 1 under a non-empty (or itself merged) cell, when the two rows
 * split the columns up to it the same way. Column 1 merges only inside a merged
 * column 0 and beside a filled column 2, as the 一级指标 cells do inside 绩效指标
 * next to their 二级指标, so that an empty figure in an ordinary row, or a row of
 * blank values under a header row, is not drawn as part of the cell above.
 */
export function verticalMerges(rows: string[][], spans: number[][]): boolean[][] {
  const merged = rows.map((r) => r.map(() => false));
  for (let r = 1; r < rows.length; r++) {
    for (const c of [0, 1]) {
      if (c >= rows[r].length || c >= rows[r - 1].length) continue;
      const sameStructure = spans[r].slice(0, c + 1).every((s, k) => s === spans[r - 1][k]);
      merged[r][c] =
        sameStructure &&
        rows[r][c].trim() === '' &&
        (rows[r - 1][c].trim() !== '' || merged[r - 1][c]) &&
        (c === 0 || (merged[r][0] && (rows[r][2] ?? '').trim() !== ''));
    }
  }
  return merged;
}

function wordTable(rows: string[][]): Table {
  const width = Math.max(...rows.map((r) => r.length));
  const spans = rowSpans(rows, width);
  const merged = verticalMerges(rows, spans);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: Array.from({ length: width }, () => Math.floor(TEXT_WIDTH / width)),
    rows: rows.map(
      (row, r) =>
        new TableRow({
          children: row.map((text, c) => {
            const restarts = !merged[r][c] && merged[r + 1]?.[c];
            return new TableCell({
              children: merged[r][c] ? paragraphs('') : paragraphs(text),
              columnSpan: spans[r][c] > 1 ? spans[r][c] : undefined,
              verticalMerge: merged[r][c] ? VerticalMergeType.CONTINUE : restarts ? VerticalMergeType.RESTART : undefined,
            });
          }),
        }),
    ),
  });
}

/** A Document (as read from .txt) → .docx bytes, deterministic. */
export async function documentToDocx(doc: Document, title = ''): Promise<Uint8Array> {
  const word = new WordDocument({
    creator: 'jixiao',
    lastModifiedBy: 'jixiao',
    title,
    styles: {
      default: {
        document: { run: { font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' }, size: 21 } },
      },
    },
    sections: [
      {
        children: doc.blocks.flatMap((b) =>
          b.kind === 'paragraph' ? paragraphs(b.text) : [wordTable(b.rows.map((r) => r.map((c) => c.text))), new Paragraph({})],
        ),
      },
    ],
  });
  return fixTimestamps(await Packer.toBuffer(word));
}

/** Rewrites the package with the core properties' dates and every entry's time set to FIXED_DATE. */
async function fixTimestamps(bytes: Uint8Array): Promise<Uint8Array> {
  const source = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  const stamp = FIXED_DATE.toISOString().replace(/\.\d+Z$/, 'Z');
  // [Content_Types].xml first, as Word writes it
  const entries = Object.values(source.files)
    .filter((e) => !e.dir)
    .sort((a, b) => Number(b.name === '[Content_Types].xml') - Number(a.name === '[Content_Types].xml'));
  for (const entry of entries) {
    let content: Uint8Array | string = await entry.async('uint8array');
    if (entry.name === 'docProps/core.xml') {
      content = new TextDecoder()
        .decode(content)
        .replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
    }
    out.file(entry.name, content, { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

async function main(seedsDir: string, outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const seeds = readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  if (seeds.length === 0) throw new Error(`no .txt seeds in ${seedsDir}`);
  for (const file of seeds) {
    const doc = readTxt(readFileSync(resolve(seedsDir, file)));
    const name = basename(file, '.txt');
    const target = resolve(outDir, `${name}.docx`);
    writeFileSync(target, await documentToDocx(doc, name));
    console.log(`${file} → ${target}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const seedsDir = resolve(process.argv[2] ?? resolve(REPO_ROOT, 'tests', 'fixtures', 'seeds'));
  const outDir = resolve(process.argv[3] ?? resolve(REPO_ROOT, 'data', 'samples'));
  main(seedsDir, outDir).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
