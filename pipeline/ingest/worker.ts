import type { Limits } from '../config.ts';
import type { ReadOptions } from '../read/index.ts';
import { ingestFile } from './ingest-file.ts';
import type { FoundFile } from '../read/files.ts';
import { ExtractCache } from './cache.ts';
import { reportColumns, type ReportColumns } from '../load/columns.ts';
import type { IngestResult } from './ingest-file.ts';
import type { MessagePort } from 'node:worker_threads';

/**
 * One worker thread: reads and extracts the files the pool hands it, and turns
 * each report into its warehouse columns, so the main thread only appends them.
 */

/** `inputEntry`: the file's line in the inputs fingerprint, so the job does not read the file a second time. */
type Handed = { contentHash?: string; cacheKey?: string; cached?: boolean; inputEntry?: string };
export type FileResult =
  | (Omit<Extract<IngestResult, { ok: true }>, 'report'> & { columns: ReportColumns } & Handed)
  | (Extract<IngestResult, { ok: false }> & Handed);

function toFileResult(r: IngestResult & Handed): FileResult {
  if (!r.ok) return r;
  const { report, ...rest } = r;
  return { ...rest, columns: reportColumns(r.facts, report, null) };
}

export interface IngestTask {
  file: { relPath: string; fsPath: Uint8Array; problem?: FoundFile['problem']; zipEntry?: FoundFile['zipEntry'] };
  limits: Limits;
  cacheDir: string | null;
  parserVersion: string;
  read: ReadOptions;
  /** told when the file is started: its time limit runs from then (see pool.ts) */
  started?: MessagePort;
}

/** Loads the readers before any file's time limit starts (a thread's first import takes seconds under load). */
export interface WarmupTask {
  warmup: true;
}

let cache: ExtractCache | null = null;

export default async function ingestTask(task: IngestTask | WarmupTask) {
  if ('warmup' in task) {
    await import('../read/docx.ts');
    return null;
  }
  task.started?.postMessage(null);
  task.started?.close();
  if (task.cacheDir && (!cache || cache.dir !== task.cacheDir)) cache = new ExtractCache(task.cacheDir, task.parserVersion);
  const file: FoundFile = { relPath: task.file.relPath, fsPath: Buffer.from(task.file.fsPath), problem: task.file.problem, zipEntry: task.file.zipEntry };
  return toFileResult(await ingestFile(file, task.limits, task.cacheDir ? (cache ?? undefined) : undefined, task.read));
}
