import JSZip from 'jszip';
import mammoth from 'mammoth';
import { parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import type { Block, Cell, Document } from './document.ts';
import { ReadError } from './errors.ts';

type Element = DefaultTreeAdapterTypes.Element;
type ChildNode = DefaultTreeAdapterTypes.ChildNode;

export interface DocxLimits {
  /** Sum of the uncompressed sizes declared in the zip's central directory. */
  maxUncompressedBytes: number;
}

export const DOCX_LIMITS: DocxLimits = { maxUncompressedBytes: 500 * 1024 * 1024 };

/** Compound File (OLE2) header: legacy .doc files and password-protected .docx files. */
const OLE_HEADER = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Reads a .docx into the format-free Document: Word → HTML with mammoth, then
 * paragraphs and grid-expanded tables from the HTML.
 */
export async function readDocx(bytes: Uint8Array, limits: Partial<DocxLimits> = {}): Promise<Document> {
  const { maxUncompressedBytes } = { ...DOCX_LIMITS, ...limits };
  if (OLE_HEADER.every((b, i) => bytes[i] === b)) {
    throw new ReadError('encrypted_docx', '文件已加密或为旧版 Word 格式，请另存为未加密的 .docx 后重新提交');
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new ReadError('not_a_docx', '文件不是有效的 .docx（内容不是 Word 文档），请在 Word 中另存为 .docx 后重新提交');
  }
  await checkZip(bytes, maxUncompressedBytes);
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: false })).value;
  } catch {
    throw corrupt();
  }
  return { format: 'docx', blocks: htmlBlocks(html) };
}

const corrupt = () => new ReadError('corrupt_docx', '文件已损坏，无法打开（可能未完整上传），请用 Word 打开确认后另存为 .docx 重新提交');

const size = (n: number) => (n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${n} 字节`);

/** Reads the central directory only (nothing is inflated) and refuses zip bombs. */
async function checkZip(bytes: Uint8Array, maxUncompressedBytes: number): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw corrupt();
  }
  // jszip keeps the central directory's sizes on each entry's (untyped) compressed data, read as
  // signed 32-bit numbers (a zip64 size keeps only its low 32 bits). Sizes are as declared: this
  // stops honest oversized files and ordinary bombs, not a zip that lies about its sizes.
  let declared = 0;
  for (const entry of Object.values(zip.files)) {
    declared += ((entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0) >>> 0;
  }
  if (declared > maxUncompressedBytes) {
    throw new ReadError(
      'zip_bomb',
      `解压后体积异常（声明 ${size(declared)}，超过 ${size(maxUncompressedBytes)} 上限），请删除大图片或附件后另存为 .docx 重新提交`,
    );
  }
  if (!zip.file('word/document.xml')) throw corrupt();
}

// ---------------------------------------------------------------- HTML → blocks

const PARAGRAPH_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const LIST_TAGS = new Set(['ul', 'ol']);

const isElement = (node: ChildNode): node is Element => 'tagName' in node;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

export function htmlBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  const paragraph = (text: string) => {
    const t = squash(text);
    if (t) blocks.push({ kind: 'paragraph', text: t });
  };
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (!isElement(node)) continue;
      if (PARAGRAPH_TAGS.has(node.tagName)) paragraph(textOf(node));
      else if (node.tagName === 'li') {
        // the item's own text, then any nested list as items of their own
        paragraph(textOf(node, LIST_TAGS));
        walk(node.childNodes.filter((c) => isElement(c) && LIST_TAGS.has(c.tagName)));
      } else if (node.tagName === 'table') blocks.push({ kind: 'table', rows: gridRows(node) });
      else walk(node.childNodes);
    }
  };
  walk(parseFragment(html).childNodes);
  return blocks;
}

/** Text of a node; <br> is a line break, a nested table is flattened row by row. */
function textOf(node: Element, skip: Set<string> = new Set()): string {
  let out = '';
  for (const child of node.childNodes) {
    if (child.nodeName === '#text') out += (child as DefaultTreeAdapterTypes.TextNode).value;
    else if (!isElement(child) || skip.has(child.tagName)) continue;
    else if (child.tagName === 'br') out += '\n';
    else if (child.tagName === 'table' || child.tagName === 'li' || PARAGRAPH_TAGS.has(child.tagName)) {
      // a block starts on a line of its own and ends its line
      const text =
        child.tagName === 'table'
          ? gridRows(child).map((r) => r.filter((c) => !c.continuation).map((c) => c.text).join(' ')).join('\n')
          : textOf(child);
      out += (out && !out.endsWith('\n') ? '\n' : '') + text + '\n';
    } else out += textOf(child, skip);
  }
  return out;
}

/** A cell's text: its lines with whitespace squashed, joined with "\n", blank lines at the ends dropped. */
function cellText(td: Element): string {
  return textOf(td)
    .split('\n')
    .map(squash)
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/** The <tr> of this table (inside thead/tbody/tfoot), not those of nested tables. */
function tableRows(table: Element): Element[] {
  return table.childNodes.filter(isElement).flatMap((c) => (c.tagName === 'tr' ? [c] : ['thead', 'tbody', 'tfoot'].includes(c.tagName) ? c.childNodes.filter(isElement).filter((r) => r.tagName === 'tr') : []));
}

function span(el: Element, name: string, max: number): number {
  const n = parseInt(el.attrs.find((a) => a.name === name)?.value ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

/**
 * The HTML table grid algorithm: a cell fills colspan × rowspan grid positions.
 * Positions to the right of a cell's origin are `left` continuations; in the
 * rows below, the first covered position is an `above` continuation and the rest
 * `left`, so that `logicalCells` reads one empty cell per merged cell per row.
 */
function gridRows(table: Element): Cell[][] {
  const grid: Cell[][] = [];
  // per grid column: rows still covered by a rowspan from above, and whether the column starts that cell
  const pending: { rows: number; first: boolean }[] = [];
  const trs = tableRows(table);
  for (const tr of trs) {
    const row: Cell[] = [];
    const coverFromAbove = () => {
      for (let p = pending[row.length]; p && p.rows > 0; p = pending[row.length]) {
        p.rows--;
        row.push({ text: '', continuation: p.first ? 'above' : 'left' });
      }
    };
    for (const td of tr.childNodes.filter(isElement).filter((c) => c.tagName === 'td' || c.tagName === 'th')) {
      coverFromAbove();
      const colspan = span(td, 'colspan', 1000);
      const rowspan = span(td, 'rowspan', trs.length);
      row.push({ text: cellText(td) });
      for (let k = 1; k < colspan; k++) row.push({ text: '', continuation: 'left' });
      if (rowspan > 1) {
        for (let k = 0; k < colspan; k++) pending[row.length - colspan + k] = { rows: rowspan - 1, first: k === 0 };
      }
    }
    // rowspans reaching past this row's last cell
    for (let c = row.length; c < pending.length; c++) {
      if ((pending[c]?.rows ?? 0) > 0) {
        while (row.length < c) row.push({ text: '' });
        coverFromAbove();
        c = row.length - 1;
      }
    }
    grid.push(row);
  }
  const width = Math.max(0, ...grid.map((r) => r.length));
  for (const row of grid) while (row.length < width) row.push({ text: '' });
  return grid;
}
