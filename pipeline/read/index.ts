import { extname } from 'node:path';
import type { Document } from './document.ts';
import { ReadError } from './errors.ts';
import { readTxt } from './txt.ts';
import { withoutStrayCharacters } from './clean.ts';
import { converterIdentity } from './convert.ts';
import type { Limits } from '../config.ts';
import type { DocxReader } from './docx.ts';

export interface ReadOptions {
  docxReader?: DocxReader;
}

/** Formats offices send that we do not read, with the advice given back to them. */
const NOT_READ: Record<string, string> = {
  '.rtf': 'RTF 暂不支持，请另存为 .docx',
};

/** Formats read through LibreOffice: converted to the Office Open XML format named, then read as such. */
const CONVERTED: Record<string, 'docx' | 'xlsx'> = {
  '.doc': 'docx',
  '.wps': 'docx',
  '.odt': 'docx',
  '.xls': 'xlsx',
  '.et': 'xlsx',
  '.ods': 'xlsx',
};

/** Bytes of one file → a Document, or a ReadError with a stable code. */
export async function readDocument(fileName: string, bytes: Uint8Array, limits?: Partial<Limits>, options: ReadOptions = {}): Promise<Document> {
  return withoutStrayCharacters(await readFormat(fileName, bytes, limits, options));
}

async function readFormat(fileName: string, bytes: Uint8Array, limits: Partial<Limits> | undefined, options: ReadOptions): Promise<Document> {
  const ext = extname(fileName).toLowerCase();
  if (bytes.length === 0) throw new ReadError('empty_file', '文件为空（0 字节），请重新导出后提交');
  if (ext === '.txt') return readTxt(bytes);
  if (ext === '.docx') return (await import('./docx.ts')).readDocx(bytes, limits, options.docxReader);
  if (ext === '.xlsx') return (await import('./xlsx.ts')).readXlsx(bytes, limits);
  if (ext === '.html' || ext === '.htm') return (await import('./html.ts')).readHtml(bytes);
  if (ext === '.mhtml' || ext === '.mht') return (await import('./html.ts')).readMhtml(bytes);
  if (ext === '.pdf') return (await import('./pdf.ts')).readPdf(bytes);
  const target = CONVERTED[ext];
  if (target) return (await import('./convert.ts')).readConverted(ext.slice(1) as Document['format'], target, bytes, limits, options);
  const advice = NOT_READ[ext];
  if (advice) throw new ReadError('format_not_supported', advice);
  throw new ReadError('unknown_format', `无法识别的文件类型 ${ext || '(无扩展名)'}，请提交 .docx、.xlsx、.pdf 或网页文件`);
}

/**
 * What besides the bytes decides how a file reads, for the extraction cache's key: its extension, and
 * for converted formats the LibreOffice build. Null for .txt and .docx (their cache entries keep their keys).
 */
export function readerKey(fileName: string): string | null {
  const ext = extname(fileName).toLowerCase();
  if (ext === '.txt' || ext === '.docx') return null;
  if (CONVERTED[ext]) return `${ext}\0${converterIdentityCached()}`;
  return ext;
}

let converter: string | undefined;
function converterIdentityCached(): string {
  if (converter === undefined) converter = converterIdentity() ?? 'none';
  return converter;
}
