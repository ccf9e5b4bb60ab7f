import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { extractReport, PARSER_VERSION } from '../extract/index.ts';
import { looksLikeReport } from '../extract/recognise.ts';
import type { Report } from '../extract/report.ts';
import { ReadError } from '../read/errors.ts';
import { readDocument, readerKey, type ReadOptions } from '../read/index.ts';
import { readZipEntry } from '../read/zip.ts';
import type { FoundFile } from '../read/files.ts';
import type { Limits } from '../config.ts';
import type { FileFacts } from '../load/tables.ts';
import type { CachedOutcome, ExtractCache } from './cache.ts';
import { CONTENT_ERRORS } from './error-codes.ts';
import { fileInputEntry, zipInputEntry } from '../ops/input-entry.ts';

/**
 * One file → one extracted report, or one ingest error. Never throws for a bad
 * file: everything that can go wrong with its bytes becomes `{ error }`.
 */

export type IngestResult =
  | { ok: true; facts: Omit<FileFacts, 'reportId'> & { reportId: string }; report: Report }
  | { ok: false; relPath: string; fileName: string; code: string; message: string };

function reportIdOf(contentHash: string, relPath: string): string {
  return createHash('sha256').update(contentHash).update('\0').update(relPath).digest('hex').slice(0, 16);
}

/** The bytes, the time, and the file's line in the inputs fingerprint (so the job need not read it again). */
async function readBytes(file: FoundFile, limits: Limits): Promise<{ bytes: Uint8Array; mtime: Date; entry: (contentHash: string) => string }> {
  if (file.zipEntry) {
    const before = await stat(file.fsPath);
    const bytes = await readZipEntry(file.fsPath, file.zipEntry, limits.maxFileBytes);
    const after = await stat(file.fsPath);
    if (after.mtimeMs !== before.mtimeMs || after.size !== before.size) {
      throw new ReadError('changed_while_reading', '读取过程中压缩包被修改；请在文件保存完成后重新运行');
    }
    return { bytes, mtime: after.mtime, entry: () => zipInputEntry(file.relPath, after.size, after.mtimeMs, file.zipEntry!) };
  }
  // synchronous calls: a worker reads one file at a time, and five awaited calls per file cost more than the read
  const fd = openSync(file.fsPath, 'r');
  try {
    const before = fstatSync(fd);
    if (before.size > limits.maxFileBytes) {
      throw new ReadError(
        'file_too_large',
        `文件大小 ${(before.size / 1048576).toFixed(1)} MB 超过上限 ${(limits.maxFileBytes / 1048576).toFixed(0)} MB；请压缩图片后重新保存`,
      );
    }
    const bytes = readFileSync(fd);
    const after = fstatSync(fd);
    // a file rewritten while we read it gives a torn copy: report it, do not guess
    if (after.mtimeMs !== before.mtimeMs || after.size !== before.size || bytes.length !== after.size) {
      throw new ReadError('changed_while_reading', '读取过程中文件被修改；请在文件保存完成后重新运行');
    }
    return { bytes, mtime: after.mtime, entry: (hash) => fileInputEntry(file.relPath, after.size, after.mtimeMs, hash) };
  } finally {
    closeSync(fd);
  }
}

/** Read and interpret the bytes; content errors are returned, not thrown, so they can be cached. */
async function extractOutcome(fileName: string, bytes: Uint8Array, limits: Limits, read: ReadOptions): Promise<CachedOutcome> {
  try {
    const doc = await readDocument(fileName, bytes, limits, read);
    const report = extractReport(doc, fileName);
    if (!looksLikeReport(report)) {
      return { kind: 'error', code: 'not_a_report', message: '文件中未找到绩效自评报告的内容（标题、预算表或绩效指标）；请确认提交的是自评报告' };
    }
    return { kind: 'report', format: doc.format, encoding: doc.encoding ?? null, reader: doc.docxReader ?? null, readerReason: doc.referenceReason ?? null, notes: doc.notes ?? [], report };
  } catch (err) {
    if (err instanceof ReadError) return { kind: 'error', code: err.code, message: err.message };
    throw err;
  }
}

export { looksLikeReport };

export async function ingestFile(
  file: FoundFile,
  limits: Limits,
  cache?: ExtractCache,
  read: ReadOptions = {},
): Promise<IngestResult & { contentHash?: string; cacheKey?: string; cached?: boolean; inputEntry?: string }> {
  const fileName = basename(file.relPath);
  const fail = (code: string, message: string): IngestResult => ({ ok: false, relPath: file.relPath, fileName, code, message });
  if (file.problem) return fail(file.problem.code, file.problem.message);
  try {
    const { bytes, mtime, entry } = await readBytes(file, limits);
    const contentHash = createHash('sha256').update(bytes).digest('hex');
    const inputEntry = entry(contentHash);
    // the same bytes named .xls or .xlsx, or converted by another LibreOffice, read differently
    const readerPart = readerKey(fileName);
    const cacheKey = readerPart === null ? contentHash : createHash('sha256').update(contentHash).update('\0').update(readerPart).digest('hex');
    const hit = cache?.get(cacheKey) ?? null;
    const outcome = hit ?? (await extractOutcome(fileName, bytes, limits, read));
    if (cache && !hit && (outcome.kind === 'report' || CONTENT_ERRORS.has(outcome.code))) cache.put(cacheKey, outcome);
    if (outcome.kind === 'error') return { ...fail(outcome.code, outcome.message), contentHash, cacheKey, cached: !!hit, inputEntry };
    const { report } = outcome;
    return {
      contentHash,
      cacheKey,
      cached: !!hit,
      inputEntry,
      ok: true,
      facts: {
        reportId: reportIdOf(contentHash, file.relPath),
        fileName,
        path: file.relPath,
        format: outcome.format,
        encoding: outcome.encoding,
        reader: outcome.reader ?? null,
        readerReason: outcome.readerReason ?? null,
        readNotes: outcome.notes?.length ? outcome.notes.join('；') : null,
        contentHash,
        sizeBytes: bytes.length,
        fileMtime: mtime,
        parserVersion: PARSER_VERSION,
      },
      report,
    };
  } catch (err) {
    if (err instanceof ReadError) return fail(err.code, err.message);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return fail('not_a_file', '这是一个文件夹而不是文件，请检查命名');
    if (code === 'ENOENT') return fail('vanished', '文件在读取前被删除或移动');
    if (code) return fail('unreadable', `无法读取文件（${code}）`);
    // an extractor bug must not stop the run; it is recorded with its message
    return fail('extract_failed', `解析失败：${(err as Error).message}；请将此文件反馈给维护人员`);
  }
}
