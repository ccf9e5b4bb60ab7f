import JSZip from 'jszip';
import mammoth from 'mammoth';
import { parseFragment } from 'parse5';
import type { Block, Document } from './document.ts';
import { ReadError } from './errors.ts';
import { markupBlocks } from './markup.ts';
import { NeedsReference, NoMainDocument, readOoxml, ZipTooLarge } from './ooxml.ts';

export interface DocxLimits {
  /** Sum of the uncompressed sizes declared in the zip's central directory. */
  maxUncompressedBytes: number;
  /** Size of word/document.xml as actually inflated (a zip may declare less than it holds). */
  maxDocumentXmlBytes: number;
  /** Table rows and cells in the whole document, and tables inside tables. */
  maxTableRows: number;
  maxTableCells: number;
  maxTableNesting: number;
}

export const DOCX_LIMITS: DocxLimits = {
  maxUncompressedBytes: 500 * 1024 * 1024,
  maxDocumentXmlBytes: 16 * 1024 * 1024,
  maxTableRows: 20_000,
  maxTableCells: 400_000,
  maxTableNesting: 16,
};

/** Compound File (OLE2) header: legacy .doc files and password-protected .docx files. */
const OLE_HEADER = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** `ooxml`: the direct reader (default); `mammoth`: the reference reader, Word → HTML → blocks. */
export const DOCX_READERS = ['ooxml', 'mammoth'] as const;
export type DocxReader = (typeof DOCX_READERS)[number];

/**
 * Reads a .docx into the format-free Document. The direct OOXML reader reads
 * what it knows; a file with a construct it does not (or a zip or XML it cannot
 * parse) is read by mammoth, and the Document says why (`referenceReason`).
 */
export async function readDocx(bytes: Uint8Array, limits: Partial<DocxLimits> = {}, reader: DocxReader = 'ooxml'): Promise<Document> {
  const caps = { ...DOCX_LIMITS, ...limits };
  const { maxUncompressedBytes } = caps;
  if (OLE_HEADER.every((b, i) => bytes[i] === b)) {
    throw new ReadError('encrypted_docx', '文件已加密或为旧版 Word 格式，请另存为未加密的 .docx 后重新提交');
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new ReadError('not_a_docx', '文件不是有效的 .docx（内容不是 Word 文档），请在 Word 中另存为 .docx 后重新提交');
  }
  // both readers hold the whole XML: its real size and its tables are checked before either parses it
  const zip = await checkZip(bytes, maxUncompressedBytes);
  checkStructure(await inflatedDocumentXml(zip, caps.maxDocumentXmlBytes), caps);
  if (reader === 'mammoth') return readWithMammoth(bytes, maxUncompressedBytes);
  let reason: string;
  try {
    return { format: 'docx', blocks: readOoxml(bytes, maxUncompressedBytes).blocks, docxReader: 'ooxml' };
  } catch (err) {
    if (err instanceof ZipTooLarge) throw zipBomb(err.declared, maxUncompressedBytes);
    if (err instanceof NoMainDocument) throw corrupt();
    if (err instanceof NeedsReference) reason = err.reason;
    // a zip or XML the fast parsers refuse: the reference reader decides whether the file is readable
    else reason = 'unparsed';
  }
  return { ...(await readWithMammoth(bytes, maxUncompressedBytes)), referenceReason: reason };
}

/** Images carry no figures we read: never inflate them into base64 data URIs. */
const NO_IMAGES = mammoth.images.imgElement(async () => ({ src: '' }));

async function readWithMammoth(bytes: Uint8Array, maxUncompressedBytes: number): Promise<Document> {
  await checkZip(bytes, maxUncompressedBytes);
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: false, convertImage: NO_IMAGES })).value;
  } catch {
    throw corrupt();
  }
  return { format: 'docx', blocks: htmlBlocks(html), docxReader: 'mammoth' };
}

const corrupt = () => new ReadError('corrupt_docx', '文件已损坏，无法打开（可能未完整上传），请用 Word 打开确认后另存为 .docx 重新提交');

const zipBomb = (declared: number, max: number) =>
  new ReadError('zip_bomb', `解压后体积异常（声明 ${size(declared)}，超过 ${size(max)} 上限），请删除大图片或附件后另存为 .docx 重新提交`);

const size = (n: number) => (n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${n} 字节`);

/** Reads the central directory only (nothing is inflated) and refuses zip bombs. */
async function checkZip(bytes: Uint8Array, maxUncompressedBytes: number): Promise<JSZip> {
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
  if (declared > maxUncompressedBytes) throw zipBomb(declared, maxUncompressedBytes);
  if (!zip.file('word/document.xml')) throw otherOfficeFile(zip) ?? corrupt();
  return zip;
}

/** A workbook or a presentation renamed to .docx is not a damaged upload: say what it is. */
function otherOfficeFile(zip: JSZip): ReadError | null {
  const kind = zip.file('xl/workbook.xml') ? 'Excel 工作簿（.xlsx）' : zip.file('ppt/presentation.xml') ? 'PowerPoint 演示文稿（.pptx）' : null;
  if (!kind) return null;
  return new ReadError('wrong_extension', `文件内容是${kind}，扩展名却是 .docx；请把自评报告另存为 Word 文档（.docx）后重新提交`);
}

/**
 * word/document.xml inflated chunk by chunk and counted, so that a small file that expands to
 * hundreds of MB is refused before any parser holds it (the declared sizes can lie).
 */
async function inflatedDocumentXml(zip: JSZip, maxBytes: number): Promise<string> {
  const entry = zip.file('word/document.xml')!;
  const tooLarge = () =>
    new ReadError(
      'document_too_large',
      `Word 正文（word/document.xml）解压后超过 ${size(maxBytes)} 上限（正常报告远小于此，可能含大量重复内容或被构造），已跳过；请删除多余内容后另存为 .docx 重新提交`,
    );
  const declared = ((entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0) >>> 0;
  if (declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    const stream = entry.nodeStream('nodebuffer');
    let settled = false;
    const settle = (err?: Error) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve();
    };
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      total += chunk.length;
      if (total > maxBytes) {
        stream.pause();
        chunks.length = 0;
        settle(tooLarge());
      } else chunks.push(chunk);
    });
    stream.on('error', () => settle(corrupt()));
    stream.on('end', () => settle());
  });
  return Buffer.concat(chunks).toString('utf8');
}

/** Counts rows, cells and table nesting in the XML (one linear scan) before a parser sees it. */
function checkStructure(xml: string, caps: DocxLimits): void {
  let rows = 0;
  let cells = 0;
  let depth = 0;
  let deepest = 0;
  for (const m of xml.matchAll(/<(\/?)w:(tbl|tr|tc)(?=[\s>/])([^>]*)>/g)) {
    const closing = m[1] === '/';
    const selfClosing = m[3].endsWith('/');
    if (m[2] === 'tbl') {
      if (closing) depth = Math.max(0, depth - 1);
      else if (!selfClosing) deepest = Math.max(deepest, ++depth);
    } else if (!closing) {
      if (m[2] === 'tr') rows++;
      else cells++;
    }
  }
  const over =
    deepest > caps.maxTableNesting
      ? `表格嵌套 ${deepest} 层（上限 ${caps.maxTableNesting} 层）`
      : rows > caps.maxTableRows
        ? `表格共 ${rows} 行（上限 ${caps.maxTableRows} 行）`
        : cells > caps.maxTableCells
          ? `表格共 ${cells} 个单元格（上限 ${caps.maxTableCells} 个）`
          : null;
  if (over) throw new ReadError('docx_too_complex', `${over}，远超自评报告的正常规模，已跳过；请检查文件（可能是误粘贴的大表格），简化后另存为 .docx 重新提交`);
}

/** The reference reader's HTML → blocks. */
export function htmlBlocks(html: string): Block[] {
  return markupBlocks(parseFragment(html).childNodes);
}
