import type JSZip from 'jszip';
import type { Block, Document } from './document.ts';
import { ReadError } from './errors.ts';
import { markupBlocks } from './markup.ts';
import { checkStructure, corrupt, documentTooLarge, DOCX_LIMITS, otherOfficeFile, zipBomb, type DocxLimits } from './docx-caps.ts';
import { NeedsReference, NoMainDocument, readOoxml, ZipTooLarge } from './ooxml.ts';
import { IMAGE_WARNING, readingNotes } from './ooxml-notes.ts';

/**
 * jszip and parse5 serve the reference path only: loaded for its first file, so that a worker that
 * reads every .docx directly never loads them (together about a tenth of a second per worker start).
 */
const loadJSZip = async () => (await import('jszip')).default;

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
  if (reader === 'mammoth') return readWithMammoth(bytes, caps);
  let reason: string;
  try {
    // the direct reader applies the same caps to the XML it inflates (see readOoxml)
    const { blocks, warnings } = readOoxml(bytes, caps);
    const notes = readingNotes(warnings);
    return { format: 'docx', blocks, docxReader: 'ooxml', ...(notes.length ? { notes } : {}) };
  } catch (err) {
    if (err instanceof ReadError) throw err;
    if (err instanceof ZipTooLarge) throw zipBomb(err.declared, maxUncompressedBytes);
    if (err instanceof NoMainDocument) throw err.refusal ?? corrupt();
    if (err instanceof NeedsReference) reason = err.reason;
    // a zip or XML the fast parsers refuse (a lying size among them): the reference path, with its
    // streamed inflate and caps, decides whether and how the file is readable
    else reason = 'unparsed';
  }
  return { ...(await readWithMammoth(bytes, caps)), referenceReason: reason };
}


async function readWithMammoth(bytes: Uint8Array, caps: DocxLimits): Promise<Document> {
  // mammoth holds the whole XML: its real size and its tables are checked before it parses it
  const zip = await checkZip(bytes, caps.maxUncompressedBytes);
  checkStructure(await inflatedDocumentXml(zip, caps.maxDocumentXmlBytes), caps);
  let html: string;
  let warnings: string[];
  try {
    // loaded for the first file read this way (most runs read none): a worker starts without it
    const { default: mammoth } = await import('mammoth');
    // images carry no figures we read: never inflate them into base64 data URIs
    const noImages = mammoth.images.imgElement(async () => ({ src: '' }));
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: false, convertImage: noImages });
    html = result.value;
    warnings = result.messages.map((m) => m.message).filter((m) => !IMAGE_WARNING.test(m));
  } catch {
    throw corrupt();
  }
  const notes = [...(await altChunkNotes(zip)), ...readingNotes(warnings)];
  return { format: 'docx', blocks: await htmlBlocks(html), docxReader: 'mammoth', ...(notes.length ? { notes } : {}) };
}

/**
 * Content embedded as altChunk (HTML, text or another document pasted in) is not read by either
 * reader: say so, with how much text it holds, instead of losing it silently.
 */
async function altChunkNotes(zip: JSZip): Promise<string[]> {
  const rels = await zip.file('word/_rels/document.xml.rels')?.async('string');
  if (!rels || !/relationships\/aFChunk"/.test(rels)) return [];
  let chunks = 0;
  let chars = 0;
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    if (!/Type="[^"]*\/aFChunk"/.test(m[0])) continue;
    const target = /Target="([^"]+)"/.exec(m[0])?.[1];
    if (!target) continue;
    chunks++;
    const name = target.startsWith('/') ? target.slice(1) : `word/${target}`.replace(/\/[^/]+\/\.\.\//g, '/');
    const part = zip.file(name);
    if (!part) continue;
    // a cap on what is read for the count: the text itself is not used
    const raw = (await part.async('string')).slice(0, 4 * 1024 * 1024);
    const text = /\.(x?html?|mht(ml)?)$/i.test(name)
      ? raw.replace(/<(script|style)[\s\S]*?<\/\1>/gi, '').replace(/<[^>]*>/g, '').replace(/&[a-z#0-9]+;/gi, ' ')
      : raw;
    chars += text.replace(/\s+/g, '').length;
  }
  if (!chunks) return [];
  return [`altChunk 嵌入内容 ${chunks} 处（约 ${chars} 字）未读取：请在 Word 中将嵌入内容粘贴为正文后另存`];
}

/** Reads the central directory only (nothing is inflated) and refuses zip bombs. */
async function checkZip(bytes: Uint8Array, maxUncompressedBytes: number): Promise<JSZip> {
  let zip: JSZip;
  try {
    zip = await (await loadJSZip()).loadAsync(bytes);
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
  if (!zip.file('word/document.xml')) throw otherOfficeFile((name) => zip.file(name) !== null) ?? corrupt();
  return zip;
}

/**
 * word/document.xml inflated chunk by chunk and counted, so that a small file that expands to
 * hundreds of MB is refused before any parser holds it (the declared sizes can lie).
 */
async function inflatedDocumentXml(zip: JSZip, maxBytes: number): Promise<string> {
  const entry = zip.file('word/document.xml')!;
  const tooLarge = () => documentTooLarge(maxBytes);
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

/** The reference reader's HTML → blocks. */
export async function htmlBlocks(html: string): Promise<Block[]> {
  const { parseFragment } = await import('parse5');
  return markupBlocks(parseFragment(html).childNodes);
}
