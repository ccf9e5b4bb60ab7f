import type { Limits } from '../config.ts';
import type { ReadOptions } from '../read/index.ts';
import { ingestFile } from './ingest-file.ts';
import type { FoundFile } from '../read/files.ts';
import { ExtractCache } from './cache.ts';
import { reportColumns, type ReportColumns } from '../load/columns.ts';
import type { IngestResult } from './ingest-file.ts';
import type { MessagePort } from 'node:worker_threads';
import { posted, type PostedResult } from './handover.ts';

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

export type TaskFile = { relPath: string; fsPath: Uint8Array; problem?: FoundFile['problem']; zipEntry?: FoundFile['zipEntry'] };

/**
 * A batch of files read one after the other on one worker. On `port` the worker says when it starts
 * each file (its time limit runs from then) and hands over each result as soon as it has it, so a
 * worker stopped by a limit loses no finished file (see pool.ts).
 */
export interface IngestTask {
  files: TaskFile[];
  limits: Limits;
  cacheDir: string | null;
  parserVersion: string;
  read: ReadOptions;
  port: MessagePort;
}

/** What the worker says on a batch's port: file `index` of the batch started, or its result. */
export type BatchMessage = { started: number } | { index: number; result: PostedResult };

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
  if (task.cacheDir && (!cache || cache.dir !== task.cacheDir)) cache = new ExtractCache(task.cacheDir, task.parserVersion);
  try {
    for (let index = 0; index < task.files.length; index++) {
      const f = task.files[index];
      task.port.postMessage({ started: index } satisfies BatchMessage);
      const file: FoundFile = { relPath: f.relPath, fsPath: Buffer.from(f.fsPath), problem: f.problem, zipEntry: f.zipEntry };
      const result = toFileResult(await ingestFile(file, task.limits, task.cacheDir ? (cache ?? undefined) : undefined, task.read));
      task.port.postMessage({ index, result: posted(result) } satisfies BatchMessage);
    }
  } finally {
    task.port.close();
  }
  return task.files.length;
}
