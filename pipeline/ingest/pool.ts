import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Limits } from '../config.ts';
import type { ReadOptions } from '../read/index.ts';
import { PARSER_VERSION } from '../extract/index.ts';
import { ingestFile, type IngestResult } from './ingest-file.ts';
import type { FoundFile } from '../read/files.ts';
import { ExtractCache } from './cache.ts';
import type { IngestTask } from './worker.ts';

/**
 * Reads and extracts every file, on worker threads when more than one is asked
 * for. Results are handed over one by one as they complete, so nothing holds
 * the whole folder in memory. A file that takes longer than the limit is
 * stopped (its worker is replaced) and recorded as an error.
 */

export type FileResult = IngestResult & { contentHash?: string; cached?: boolean };

export interface IngestOptions {
  workers: number;
  limits: Limits;
  cacheDir: string | null;
  read?: ReadOptions;
}

/** Cache entries are kept apart per .docx reader (the reference reader's results are not the direct reader's). */
export const cacheVersion = (read: ReadOptions = {}) => (read.docxReader === 'mammoth' ? `${PARSER_VERSION}-mammoth` : PARSER_VERSION);

export const defaultWorkers = () => Math.max(1, availableParallelism());

function timedOut(file: FoundFile, seconds: number): FileResult {
  const fileName = file.relPath.split('/').pop() ?? file.relPath;
  return { ok: false, relPath: file.relPath, fileName, code: 'timeout', message: `读取超过 ${seconds} 秒仍未完成，已跳过；请检查文件是否异常（超大图片、嵌入对象）` };
}

export async function ingestAll(
  files: FoundFile[],
  options: IngestOptions,
  onResult: (result: FileResult, index: number) => void | Promise<void>,
): Promise<Set<string>> {
  const usedHashes = new Set<string>();
  const note = (r: FileResult) => r.contentHash && usedHashes.add(r.contentHash);
  if (options.workers <= 1) {
    const cache = options.cacheDir ? new ExtractCache(options.cacheDir, cacheVersion(options.read)) : undefined;
    for (const [i, file] of files.entries()) {
      const r = await ingestFile(file, options.limits, cache, options.read);
      note(r);
      await onResult(r, i);
    }
    return usedHashes;
  }
  const pool = new Piscina({
    // a plain .mjs entry registers tsx's loader in the worker before the TypeScript loads
    filename: new URL('./worker-entry.mjs', import.meta.url).href,
    maxThreads: options.workers,
    minThreads: options.workers,
  });
  // results are handed over one at a time: the warehouse appenders are not safe for interleaved use
  let handing: Promise<void> = Promise.resolve();
  const handOver = (result: FileResult, i: number) => {
    handing = handing.then(() => onResult(result, i));
    return handing;
  };
  try {
    let next = 0;
    const runOne = async (): Promise<void> => {
      while (next < files.length) {
        const i = next++;
        const file = files[i];
        const task: IngestTask = {
          file: { relPath: file.relPath, fsPath: new Uint8Array(file.fsPath), problem: file.problem },
          limits: options.limits,
          cacheDir: options.cacheDir,
          parserVersion: cacheVersion(options.read),
          read: options.read ?? {},
        };
        let result: FileResult;
        try {
          result = (await pool.run(task, { signal: AbortSignal.timeout(options.limits.maxSecondsPerFile * 1000) })) as FileResult;
        } catch (err) {
          if ((err as Error).name === 'AbortError' || /abort/i.test((err as Error).message)) result = timedOut(file, options.limits.maxSecondsPerFile);
          else throw err;
        }
        note(result);
        await handOver(result, i);
      }
    };
    await Promise.all(Array.from({ length: options.workers * 2 }, runOne));
    await handing;
  } finally {
    await pool.destroy();
  }
  return usedHashes;
}
