import type { Limits } from '../config.ts';

/**
 * How the build's memory budget (`limits.maxBuildMegabytes`) is shared while files are read: the
 * main thread, DuckDB's buffers while the tables are loaded (its memory_limit is lowered to this
 * share until the workers are gone, then the models get `duckdb.memoryLimit`), and each worker
 * thread: its old-generation heap cap (`resourceLimits`) plus what V8 takes beside it (young
 * generation, code, stacks). A worker's cap is its share of the rest, never above
 * `maxMegabytesPerFile`; fewer workers start when the budget cannot give each a useful heap.
 */

/** the main thread's heap, the native modules and the writer's pending columns */
export const MAIN_THREAD_MB = 160;
/** DuckDB's memory_limit while the workers read (appenders write whole chunks; nothing large is held) */
export const LOAD_DUCKDB_MB = 256;
/** a worker thread's memory beside its old generation: young generation (2 × 16 MB semi-spaces + new large objects), code, stack */
export const WORKER_OVERHEAD_MB = 64;
/** the smallest heap a worker is started with (an ordinary report needs well under it) */
export const MIN_WORKER_HEAP_MB = 96;

/** the smallest budget that holds the main thread, DuckDB's load share and one worker */
export const SMALLEST_BUILD_MB = MAIN_THREAD_MB + LOAD_DUCKDB_MB + MIN_WORKER_HEAP_MB + WORKER_OVERHEAD_MB;

export interface ReadingMemory {
  /** worker threads to start (at most the number asked for, at least 1) */
  threads: number;
  /** each worker's old-generation cap, in MB: over it a file becomes `out_of_memory` */
  workerHeapMb: number;
  /** DuckDB's memory_limit while reading, in MB */
  duckdbLoadMb: number;
}

/** Threads and per-worker heap cap for `wanted` workers within the budget. */
export function readingMemory(limits: Pick<Limits, 'maxBuildMegabytes' | 'maxMegabytesPerFile'>, wanted: number): ReadingMemory {
  const forWorkers = limits.maxBuildMegabytes - MAIN_THREAD_MB - LOAD_DUCKDB_MB;
  const fitting = Math.floor(forWorkers / (MIN_WORKER_HEAP_MB + WORKER_OVERHEAD_MB));
  // the budget's lower bound (SMALLEST_BUILD_MB) leaves room for one worker at least
  const threads = Math.max(1, Math.min(wanted, fitting));
  const workerHeapMb = Math.min(limits.maxMegabytesPerFile, Math.floor(forWorkers / threads) - WORKER_OVERHEAD_MB);
  return { threads, workerHeapMb, duckdbLoadMb: LOAD_DUCKDB_MB };
}

/** The whole reading phase's memory in MB at these figures (what must stay within the budget). */
export function readingTotalMb(memory: ReadingMemory): number {
  return MAIN_THREAD_MB + memory.duckdbLoadMb + memory.threads * (memory.workerHeapMb + WORKER_OVERHEAD_MB);
}

const UNIT_BYTES: Record<string, number> = { kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** A DuckDB memory figure ("1GB", "512MiB") in MB of 2^20 bytes. */
export function duckdbMegabytes(limit: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]i?b)$/i.exec(limit.trim());
  if (!m) throw new Error(`not a DuckDB memory figure: ${limit}`);
  return (Number(m[1]) * UNIT_BYTES[m[2].toLowerCase()]) / 2 ** 20;
}

/** DuckDB's memory_limit while reading: its load share, or the configured limit when that is lower. */
export function duckdbLoadLimit(memory: ReadingMemory, configured: string): string {
  return duckdbMegabytes(configured) <= memory.duckdbLoadMb ? configured : `${memory.duckdbLoadMb}MiB`;
}
