import { appendFileSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { PARSER_VERSION } from '../extract/index.ts';
import type { RunRow } from '../load/tables.ts';
import { logPath, runsLogPath, statusPath } from './paths.ts';

/**
 * What a run leaves behind, in one place: the `runs` row (also appended to `<db>.runs.jsonl`, so a
 * failed run that never reaches the warehouse is still in the history), and for cron's mail or a
 * monitor a one-line status file (overwritten each run) and a log that rotates by size.
 */

export interface BuildSummary {
  /** `killed`: the run was stopped by a signal (or, noticed by the next run, never finished) */
  status: 'ok' | 'failed' | 'refused' | 'killed';
  runId: string;
  filesSeen: number;
  filesSkipped: number;
  filesLoaded: number;
  filesNew: number;
  filesChanged: number;
  filesRemoved: number;
  filesSuperseded: number;
  filesFailed: number;
  /** .docx files the direct reader left to the reference reader (a construct it does not handle) */
  filesByReference: number;
  /** files whose extraction came from the cache */
  filesCached: number;
  /** nothing changed since the current warehouse (files, parser, settings, models): its tables were kept */
  unchanged: boolean;
  seconds: number;
  message: string;
}

export const secondsSince = (started: Date) => Math.round((Date.now() - started.getTime()) / 10) / 100;

/** The `runs` table row of one run. */
export function runRow(summary: BuildSummary, input: string, started: Date, fingerprint: string | null = null): RunRow {
  return {
    run_id: summary.runId,
    started,
    finished: new Date(),
    input_dir: input,
    files_seen: summary.filesSeen,
    files_skipped: summary.filesSkipped,
    files_loaded: summary.filesLoaded,
    files_new: summary.filesNew,
    files_changed: summary.filesChanged,
    files_removed: summary.filesRemoved,
    files_superseded: summary.filesSuperseded,
    files_failed: summary.filesFailed,
    files_by_reference: summary.filesByReference,
    seconds: summary.seconds,
    status: summary.status,
    parser_version: PARSER_VERSION,
    message: summary.message,
    fingerprint,
    unchanged: summary.unchanged,
  };
}

/** Every earlier run of this warehouse, as `runs` rows. */
export function readRunsLog(db: string): RunRow[] {
  if (!existsSync(runsLogPath(db))) return [];
  return readFileSync(runsLogPath(db), 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        const r = JSON.parse(line) as RunRow;
        return [{ ...r, started: new Date(String(r.started)), finished: new Date(String(r.finished)) }];
      } catch {
        return [];
      }
    });
}

const MAX_LOG_BYTES = 1024 * 1024;
const KEEP_LOGS = 5;

function rotate(path: string): void {
  if (!existsSync(path) || statSync(path).size < MAX_LOG_BYTES) return;
  rmSync(`${path}.${KEEP_LOGS}`, { force: true });
  for (let i = KEEP_LOGS - 1; i >= 1; i--) if (existsSync(`${path}.${i}`)) renameSync(`${path}.${i}`, `${path}.${i + 1}`);
  renameSync(path, `${path}.1`);
}

function writeRunRecord(db: string, line: string): void {
  try {
    writeFileSync(statusPath(db), line + '\n');
    rotate(logPath(db));
    appendFileSync(logPath(db), line + '\n');
  } catch {
    // an unusable folder is already reported by the exit status and the message
  }
}

/** Append the run to the history and write its status line. */
export function recordRun(db: string, row: RunRow, summary: BuildSummary): void {
  try {
    appendFileSync(runsLogPath(db), JSON.stringify(row) + '\n');
    writeRunRecord(
      db,
      `${new Date().toISOString()} ${summary.status} files=${summary.filesSeen} loaded=${summary.filesLoaded} failed=${summary.filesFailed} ` +
        `superseded=${summary.filesSuperseded} cached=${summary.filesCached} seconds=${summary.seconds}${summary.unchanged ? ' unchanged' : ''}${summary.message ? ` ${summary.message.replace(/\s+/g, ' ')}` : ''}`,
    );
  } catch {
    // the history is a convenience; the exit status carries the outcome
  }
}

/** `<time> running pid=N run=ID input=DIR`: written when a run starts, replaced by its end. */
export function writeRunning(db: string, runId: string, started: Date, input: string): void {
  try {
    writeFileSync(statusPath(db), `${started.toISOString()} running pid=${process.pid} run=${runId} input=${input}\n`);
  } catch {
    // reported by the run's end
  }
}

const RUNNING_LINE = /^(\S+) running pid=(\d+) run=(\S+) input=(.*)$/;

/**
 * A run that never finished (killed with SIGKILL, out of memory, power lost) left `running` in the
 * status file, or a lock whose owner is gone: the history gets its `killed` row now.
 */
export function noticeUnfinished(db: string, deadOwner: number | null, isAlive: (pid: number) => boolean): void {
  let line = '';
  try {
    line = readFileSync(statusPath(db), 'utf8').trim();
  } catch {
    // no status yet
  }
  const m = RUNNING_LINE.exec(line);
  const pid = m ? Number(m[2]) : deadOwner;
  if (pid === null || pid === process.pid || (!m && deadOwner === null) || (m && deadOwner === null && isAlive(pid))) return;
  const started = m ? new Date(m[1]) : new Date();
  const summary: BuildSummary = {
    ...emptySummary('killed', m ? m[3] : `unknown-${pid}`),
    seconds: Math.round((Date.now() - started.getTime()) / 10) / 100,
    message: `运行未结束（进程 ${pid} 被终止、崩溃或断电）；原仓库保持不变，由本次运行接替`,
  };
  recordRun(db, runRow(summary, m ? m[4] : '', started), summary);
}

/** A summary with nothing read yet. */
export function emptySummary(status: BuildSummary['status'], runId: string): BuildSummary {
  return {
    status,
    runId,
    filesSeen: 0,
    filesSkipped: 0,
    filesLoaded: 0,
    filesNew: 0,
    filesChanged: 0,
    filesRemoved: 0,
    filesSuperseded: 0,
    filesFailed: 0,
    filesByReference: 0,
    filesCached: 0,
    unchanged: false,
    seconds: 0,
    message: '',
  };
}

/** A run that ended before it could start reading (a bad config file): still in the status and the history. */
export function recordFailedStart(db: string, input: string, message: string): void {
  const started = new Date();
  const summary = { ...emptySummary('failed', `${started.toISOString().replace(/[-:]/g, '').slice(0, 15)}-${process.pid}`), message };
  recordRun(db, runRow(summary, input, started), summary);
}
