import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Limits } from '../config.ts';
import type { ReadOptions } from '../read/index.ts';
import { PARSER_VERSION } from '../extract/index.ts';
import { workerEntry } from './compiled-worker.ts';
import { readingMemory, type ReadingMemory } from './memory.ts';
import { applyWorkerTiering } from './tiering.ts';
import type { FoundFile } from '../read/files.ts';
import type { BatchMessage, FileResult, IngestTask, WarmupTask } from './worker.ts';
import { received } from './handover.ts';

/**
 * Reads and extracts every file on worker threads (one at least: the limits only hold there).
 * Results are handed over one by one as they complete, so nothing holds the whole folder in
 * memory. A file that takes longer than the time limit, or needs more heap than the memory
 * limit, is stopped (its worker is replaced) and recorded as that file's error; nothing one
 * file does can end the process.
 */

interface IngestOptions {
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

/** What a worker's failure means for its file: over the time limit, over the memory limit (`heapMb`), or a crash. */
function workerFailure(file: FoundFile, err: Error, limits: Limits, heapMb: number): FileResult {
  if (err.name === 'AbortError' || /abort/i.test(err.message)) {
    return failed(file, 'timeout', `读取超过 ${limits.maxSecondsPerFile} 秒仍未完成，已跳过；请检查文件是否异常（超大图片、嵌入对象）`);
  }
  if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(err.message)) {
    return failed(
      file,
      'out_of_memory',
      `读取所需内存超过 ${heapMb} MB 上限，已跳过；请检查文件是否异常（超大表格、大量重复内容、嵌入对象）`,
    );
  }
  return failed(file, 'extract_failed', `读取线程异常退出：${err.message}；请将此文件反馈给维护人员`);
}

/**
 * This process's Node options for the workers, without a TypeScript loader (tsx, as `npm run` scripts
 * and `node --import tsx` start the pipeline): the workers load compiled JavaScript, and the tsx
 * fallback entry registers tsx itself. A loader in every worker transforms each module it loads.
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const isTsx = (value: string) => /(^|[/\\])tsx([/\\@]|$)/.test(value);
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i];
    const joined = /^--(?:import|require|loader|experimental-loader)=(.*)$/.exec(arg);
    if (joined && isTsx(joined[1])) continue;
    if (/^(--import|--require|-r|--loader|--experimental-loader)$/.test(arg) && isTsx(execArgv[i + 1] ?? '')) {
      i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

/**
 * The options a worker thread accepts, of those given: V8 options and options of the whole process
 * (`node --max-old-space-size=4096 bin/jixiao.mjs build`, `--stack-trace-limit`, `--title`) apply to
 * the process already, and Node refuses to start a worker given one. Node says which by refusing, at
 * once and before a thread starts; an option with its value in the next argument is tried with it.
 */
export function acceptedByWorkers(args: readonly string[]): string[] {
  if (!args.length) return [];
  const accepted = (tried: string[]) => {
    try {
      void new Worker('', { eval: true, execArgv: tried }).terminate();
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_INVALID_EXEC_ARGV') return false;
      throw err;
    }
  };
  if (accepted([...args])) return [...args];
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const unit = args[i].startsWith('-') && !args[i].includes('=') && args[i + 1] !== undefined && !args[i + 1].startsWith('-') ? [args[i], args[++i]] : [args[i]];
    if (accepted(unit)) out.push(...unit);
  }
  return out;
}

/** Results waiting to be handed over, per thread, before a thread waits to be given its next file. */
const BACKLOG_PER_THREAD = 4;

/**
 * Files per task: one piscina task, one message port and one abort signal serve this many files
 * (per file they cost the main thread more than appending the file's rows).
 */
const FILES_PER_BATCH = 8;

/** Batches given to the pool per thread at a time: the one being read and the next. */
const BATCHES_PER_THREAD = 2;

/**
 * Worker threads that start loading their modules as soon as the pool is made (a job makes it
 * while it lists and fingerprints the folder), then read a listing with `ingest`.
 */
export class IngestPool {
  private readonly pool: Piscina;
  private readonly warm: Promise<unknown>;
  readonly threads: number;
  /** each worker's old-generation cap within the build's memory budget (memory.ts) */
  readonly workerHeapMb: number;
  readonly memory: ReadingMemory;

  private constructor(filename: string, wanted: number, limits: Limits) {
    const memory = readingMemory(limits, wanted);
    this.memory = memory;
    this.threads = memory.threads;
    this.workerHeapMb = memory.workerHeapMb;
    const threads = memory.threads;
    applyWorkerTiering();
    this.pool = new Piscina({
      filename,
      maxThreads: threads,
      minThreads: threads,
      execArgv: acceptedByWorkers(workerExecArgv(process.execArgv)),
      resourceLimits: { maxOldGenerationSizeMb: memory.workerHeapMb },
    });
    // every thread loads its modules while the job lists the folder (a replaced thread loads them before its next file starts)
    const warmup: WarmupTask = { warmup: true };
    this.warm = Promise.all(Array.from({ length: threads }, () => this.pool.run(warmup)));
    this.warm.catch(() => null);
  }

  /** Starts `threads` workers, fewer where the memory budget cannot hold them (compiled JavaScript, or the tsx entry where it cannot be compiled). */
  static async start(threads: number, limits: Limits): Promise<IngestPool> {
    return new IngestPool(await workerEntry(), Math.max(1, threads), limits);
  }

  /**
   * Reads and extracts the files; `onResult` is called one result at a time (the warehouse
   * appenders are not safe for interleaved use) while the workers go on with the next files.
   */
  async ingest(files: FoundFile[], options: IngestOptions, onResult: (result: FileResult, index: number) => void | Promise<void>): Promise<Set<string>> {
    const usedHashes = new Set<string>();
    const note = (r: FileResult) => (r.cacheKey ?? r.contentHash) && usedHashes.add(r.cacheKey ?? r.contentHash!);
    if (!files.length) return usedHashes;
    await this.warm;
    // results are handed over one at a time, in a chain that never rejects: the first failure is kept
    let handing: Promise<void> = Promise.resolve();
    let failure: { error: unknown } | null = null;
    let waiting = 0;
    const waiters: (() => void)[] = [];
    const handOver = (result: FileResult, i: number) => {
      waiting++;
      handing = handing
        .then(() => (failure ? undefined : onResult(result, i)))
        .catch((error: unknown) => void (failure ??= { error }))
        .finally(() => {
          waiting--;
          for (const wake of waiters.splice(0)) wake();
        });
    };
    const threads = Math.min(this.threads, files.length);
    const limitMs = options.limits.maxSecondsPerFile * 1000;
    // batches small enough that the last ones still spread over every thread
    const batchSize = Math.max(1, Math.min(FILES_PER_BATCH, Math.ceil(files.length / (threads * 4))));
    // files a stopped worker had not started yet: read again in a later batch
    const again: number[] = [];
    let next = 0;
    const take = (): number[] => {
      const batch = again.splice(0, batchSize);
      while (batch.length < batchSize && next < files.length) batch.push(next++);
      return batch;
    };
    const deliver = (result: FileResult, i: number) => {
      note(result);
      handOver(result, i);
    };
    const runBatches = async (): Promise<void> => {
      while (failure === null) {
        // the main thread appends while the workers read on; only a long queue of results makes them wait
        while (waiting >= BACKLOG_PER_THREAD * threads) await new Promise<void>((wake) => waiters.push(wake));
        const batch = take();
        if (!batch.length) return;
        await this.runBatch(batch, files, options, limitMs, deliver, again);
      }
    };
    // two batches per thread in flight: each worker has its next batch at hand when it finishes one,
    // so it does not wait for the main thread (busy appending) to send it one
    do {
      await Promise.all(Array.from({ length: threads * BATCHES_PER_THREAD }, runBatches));
    } while (again.length && failure === null);
    await handing;
    if (failure) throw (failure as { error: unknown }).error;
    return usedHashes;
  }

  /**
   * One batch on one worker. Its time limit runs per file, from the moment the worker says it started
   * the file; a worker stopped by a limit (or one that dies) fails that file only: results it handed
   * over are kept, and the files it had not started go back to `again`.
   */
  private async runBatch(
    indexes: number[],
    files: FoundFile[],
    options: IngestOptions,
    limitMs: number,
    deliver: (result: FileResult, index: number) => void,
    again: number[],
  ): Promise<void> {
    const { port1: ours, port2: theirs } = new MessageChannel();
    const stop = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let current = -1;
    const done = new Array<boolean>(indexes.length).fill(false);
    const onMessage = (message: BatchMessage) => {
      clearTimeout(timer);
      if ('started' in message) {
        current = message.started;
        timer = setTimeout(() => stop.abort(), limitMs);
      } else {
        done[message.index] = true;
        deliver(received(message.result), indexes[message.index]);
      }
    };
    // what the worker posted and this thread has not yet seen (the task's own reply comes on another port)
    const drain = () => {
      for (let m = receiveMessageOnPort(ours); m; m = receiveMessageOnPort(ours)) onMessage(m.message as BatchMessage);
    };
    ours.on('message', onMessage);
    const task: IngestTask = {
      files: indexes.map((i) => {
        const file = files[i];
        return { relPath: file.relPath, fsPath: new Uint8Array(file.fsPath), problem: file.problem, zipEntry: file.zipEntry };
      }),
      limits: options.limits,
      cacheDir: options.cacheDir,
      parserVersion: cacheVersion(options.read),
      read: options.read ?? {},
      port: theirs,
    };
    try {
      await this.pool.run(task, { signal: stop.signal, transferList: [theirs] });
      drain();
      // a worker that returned has handed every result over; a missing one would be a lost file
      for (let k = 0; k < indexes.length; k++) {
        if (!done[k]) deliver(failed(files[indexes[k]], 'extract_failed', '读取线程未交回结果；请将此文件反馈给维护人员'), indexes[k]);
      }
    } catch (err) {
      drain();
      // the file the worker was on when it stopped (or the first unfinished one, if it stopped before any)
      const at = current >= 0 && !done[current] ? current : done.indexOf(false);
      if (at >= 0) {
        done[at] = true;
        deliver(workerFailure(files[indexes[at]], err as Error, options.limits, this.workerHeapMb), indexes[at]);
      }
      for (let k = 0; k < indexes.length; k++) if (!done[k]) again.push(indexes[k]);
    } finally {
      clearTimeout(timer);
      ours.close();
    }
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}
