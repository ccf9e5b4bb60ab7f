import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Limits } from '../config.ts';
import type { ReadOptions } from '../read/index.ts';
import { PARSER_VERSION } from '../extract/index.ts';
import { workerEntry } from './compiled-worker.ts';
import type { FoundFile } from '../read/files.ts';
import type { FileResult, IngestTask, WarmupTask } from './worker.ts';

/**
 * Reads and extracts every file on worker threads (one at least: the limits only hold there).
 * Results are handed over one by one as they complete, so nothing holds the whole folder in
 * memory. A file that takes longer than the time limit, or needs more heap than the memory
 * limit, is stopped (its worker is replaced) and recorded as that file's error; nothing one
 * file does can end the process.
 */

export type { FileResult };

export interface IngestOptions {
  workers: number;
  limits: Limits;
  cacheDir: string | null;
  read?: ReadOptions;
}

/** Cache entries are kept apart per .docx reader (the reference reader's results are not the direct reader's). */
export const cacheVersion = (read: ReadOptions = {}) => (read.docxReader === 'mammoth' ? `${PARSER_VERSION}-mammoth` : PARSER_VERSION);

export const defaultWorkers = () => Math.max(1, availableParallelism());

function failed(file: FoundFile, code: string, message: string): FileResult {
  const fileName = file.relPath.split('/').pop() ?? file.relPath;
  return { ok: false, relPath: file.relPath, fileName, code, message };
}

/** What a worker's failure means for its file: over the time limit, over the memory limit, or a crash. */
export function workerFailure(file: FoundFile, err: Error, limits: Limits): FileResult {
  if (err.name === 'AbortError' || /abort/i.test(err.message)) {
    return failed(file, 'timeout', `读取超过 ${limits.maxSecondsPerFile} 秒仍未完成，已跳过；请检查文件是否异常（超大图片、嵌入对象）`);
  }
  if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(err.message)) {
    return failed(
      file,
      'out_of_memory',
      `读取所需内存超过 ${limits.maxMegabytesPerFile} MB 上限，已跳过；请检查文件是否异常（超大表格、大量重复内容、嵌入对象）`,
    );
  }
  return failed(file, 'extract_failed', `读取线程异常退出：${err.message}；请将此文件反馈给维护人员`);
}

export async function ingestAll(
  files: FoundFile[],
  options: IngestOptions,
  onResult: (result: FileResult, index: number) => void | Promise<void>,
): Promise<Set<string>> {
  const usedHashes = new Set<string>();
  const note = (r: FileResult) => (r.cacheKey ?? r.contentHash) && usedHashes.add(r.cacheKey ?? r.contentHash!);
  if (!files.length) return usedHashes;
  const threads = Math.max(1, Math.min(options.workers, files.length));
  const pool = new Piscina({
    // compiled JavaScript (see compiled-worker.ts), or the tsx entry where it cannot be compiled
    filename: await workerEntry(),
    maxThreads: threads,
    minThreads: threads,
    resourceLimits: { maxOldGenerationSizeMb: options.limits.maxMegabytesPerFile },
  });
  // results are handed over one at a time: the warehouse appenders are not safe for interleaved use
  let handing: Promise<void> = Promise.resolve();
  const handOver = (result: FileResult, i: number) => {
    handing = handing.then(() => onResult(result, i));
    return handing;
  };
  const warmup: WarmupTask = { warmup: true };
  try {
    // every thread loads its modules outside any file's time limit (and again after a thread was replaced)
    await Promise.all(Array.from({ length: threads }, () => pool.run(warmup)));
    let next = 0;
    const runOne = async (): Promise<void> => {
      let replaced = false;
      while (next < files.length) {
        if (replaced) await pool.run(warmup).catch(() => null);
        replaced = false;
        const i = next++;
        const file = files[i];
        const task: IngestTask = {
          file: { relPath: file.relPath, fsPath: new Uint8Array(file.fsPath), problem: file.problem, zipEntry: file.zipEntry },
          limits: options.limits,
          cacheDir: options.cacheDir,
          parserVersion: cacheVersion(options.read),
          read: options.read ?? {},
        };
        let result: FileResult;
        try {
          result = (await pool.run(task, { signal: AbortSignal.timeout(options.limits.maxSecondsPerFile * 1000) })) as FileResult;
        } catch (err) {
          result = workerFailure(file, err as Error, options.limits);
          replaced = true;
        }
        note(result);
        await handOver(result, i);
      }
    };
    // no more files in flight than threads: a file's time limit runs from pool.run, so it must not wait in a queue
    await Promise.all(Array.from({ length: threads }, runOne));
    await handing;
  } finally {
    await pool.destroy();
  }
  return usedHashes;
}
