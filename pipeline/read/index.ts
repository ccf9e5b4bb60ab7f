import { extname } from 'node:path';
import type { Document } from './document.ts';
import { ReadError } from './errors.ts';
import { readTxt } from './txt.ts';
import type { Limits } from '../config.ts';
import type { DocxReader } from './docx.ts';

export interface ReadOptions {
  docxReader?: DocxReader;
}

/** Formats offices send that we do not read yet, with the advice given back to them. */
const NOT_READ_YET: Record<string, string> = {
  '.doc': '旧版 Word (.doc) 暂不支持，请在 Word 中另存为 .docx 后重新提交',
  '.wps': 'WPS 文档 (.wps) 暂不支持，请在 WPS 中另存为 .docx 后重新提交',
  '.pdf': 'PDF 暂不支持，请提交原始 Word 文件（.docx）',
  '.xls': 'Excel 表格 (.xls) 暂不支持，请将自评表复制到 Word 并另存为 .docx',
  '.xlsx': 'Excel 表格 (.xlsx) 暂不支持，请将自评表复制到 Word 并另存为 .docx',
  '.et': 'WPS 表格 (.et) 暂不支持，请另存为 .docx',
  '.rtf': 'RTF 暂不支持，请另存为 .docx',
};

export const READ_EXTENSIONS = ['.txt', '.docx'];

/** Bytes of one file → a Document, or a ReadError with a stable code. */
export async function readDocument(fileName: string, bytes: Uint8Array, limits?: Partial<Limits>, options: ReadOptions = {}): Promise<Document> {
  const ext = extname(fileName).toLowerCase();
  if (bytes.length === 0) throw new ReadError('empty_file', '文件为空（0 字节），请重新导出后提交');
  if (ext === '.txt') return readTxt(bytes);
  if (ext === '.docx') return (await import('./docx.ts')).readDocx(bytes, limits, options.docxReader);
  const advice = NOT_READ_YET[ext];
  if (advice) throw new ReadError('format_not_supported', advice);
  throw new ReadError('unknown_format', `无法识别的文件类型 ${ext || '(无扩展名)'}，请提交 .docx 文件`);
}
