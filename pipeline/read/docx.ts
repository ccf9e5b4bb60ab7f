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
}

export const DOCX_LIMITS: DocxLimits = { maxUncompressedBytes: 500 * 1024 * 1024 };

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
  const { maxUncompressedBytes } = { ...DOCX_LIMITS, ...limits };
  if (OLE_HEADER.every((b, i) => bytes[i] === b)) {
    throw new ReadError('encrypted_docx', '文件已加密或为旧版 Word 格式，请另存为未加密的 .docx 后重新提交');
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new ReadError('not_a_docx', '文件不是有效的 .docx（内容不是 Word 文档），请在 Word 中另存为 .docx 后重新提交');
  }
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

async function readWithMammoth(bytes: Uint8Array, maxUncompressedBytes: number): Promise<Document> {
  await checkZip(bytes, maxUncompressedBytes);
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: false })).value;
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
  if (declared > maxUncompressedBytes) throw zipBomb(declared, maxUncompressedBytes);
  if (!zip.file('word/document.xml')) throw corrupt();
}

/** The reference reader's HTML → blocks. */
export function htmlBlocks(html: string): Block[] {
  return markupBlocks(parseFragment(html).childNodes);
}
