import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Config } from '../config.ts';
import { INGEST_ERRORS, RUNS, type RunRow } from '../load/tables.ts';
import { supersededCount } from '../models/run.ts';
import { WarehouseWriter } from '../load/warehouse.ts';
import { MODELS_DIR } from '../models/run.ts';
import { applyReviews, type ReviewInputs } from '../reviews/apply.ts';
import { modelAndReview } from './model-step.ts';
import { ExtractCache } from '../ingest/cache.ts';
import { cacheVersion, defaultWorkers, IngestPool } from '../ingest/pool.ts';
import { duckdbLoadLimit } from '../ingest/memory.ts';
import { fingerprintFromEntries, inputsFingerprint } from '../ops/fingerprint.ts';
import { TRANSIENT_ERRORS } from '../ingest/error-codes.ts';
import { acquireLockDetailed, alive, LockHeldError, type HeldLock } from '../ops/lock.ts';
import { listReportFiles, type FoundFile } from '../read/files.ts';
import { cacheDirFor, lockPathFor, removeStaleTemporaries, tempPathFor } from '../ops/paths.ts';
import { emptySummary, noticeUnfinished, readRunsLog, recordRun, runRow, secondsSince, writeRunning, type BuildSummary } from '../ops/run-record.ts';
import { readReviewSheets } from '../reviews/read.ts';

/**
 * The main job: a folder of reports → a new warehouse, swapped in atomically.
 * Steps: list files → read and extract each (a bad file becomes an error row)
 * → decide resubmissions → write tables → run the models → rename into place.
 */

interface BuildOptions {
  input: string;
  db: string;
  config: Config;
  /** accept a run that sees far fewer files than the last one */
  allowShrink?: boolean;
  onProgress?: (done: number, total: number, file: string) => void;
  /** worker threads for reading (default: one per core; 1 = in this thread) */
  workers?: number;
  /** extraction cache folder (default `<db>.cache`; null = no cache) */
  cacheDir?: string | null;
  /** read only the files of shard k of n (1-based), chosen by a hash of the path */
  shard?: { k: number; n: number };
  /** write the extracted tables as Parquet into this store instead of a warehouse (for `jixiao merge`) */
  store?: string;
  /** read every file and run the models even when nothing changed since the current warehouse */
  full?: boolean;
  /** folder of filled-in review sheets (default: config reviews.dir) */
  reviews?: string;
  /** folder of SQL models (default pipeline/models; tests point it at a changed copy) */
  modelsDir?: string;
  /** told as each step ends (see BuildStep): for measuring */
  onStep?: (step: BuildStep) => void;
}

export type BuildStep = 'listed' | 'pool' | 'writer' | 'read' | 'fingerprint' | 'flushed' | 'superseded' | 'models' | 'committed';

export type { BuildSummary };

class BuildRefusedError extends Error {}


interface PreviousRun {
  filesSeen: number | null;
  hashes: Map<string, string>;
  /** the inputs fingerprint the current warehouse was built from */
  fingerprint: string | null;
  /** why an existing warehouse could not be opened (held read-write by another program, damaged) */
  unreadable: string | null;
}

/** What the current warehouse knows: the last run's file count and each path's content hash. */
async function readPrevious(db: string): Promise<PreviousRun> {
  const previous: PreviousRun = { filesSeen: null, hashes: new Map(), fingerprint: null, unreadable: null };
  if (!existsSync(db)) return previous;
  try {
    const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    try {
      const runs = await connection.runAndReadAll(`select files_seen from runs where status = 'ok' order by started desc limit 1`);
      const seen = runs.getRowObjects()[0]?.files_seen;
      previous.filesSeen = seen === undefined || seen === null ? null : Number(seen);
      const reports = await connection.runAndReadAll('select path, content_hash from reports');
      for (const row of reports.getRowObjects()) previous.hashes.set(String(row.path), String(row.content_hash));
      try {
        const latest = await connection.runAndReadAll(`select fingerprint from runs where status = 'ok' order by started desc limit 1`);
        const fingerprint = latest.getRowObjects()[0]?.fingerprint;
        previous.fingerprint = typeof fingerprint === 'string' ? fingerprint : null;
      } catch {
        // a warehouse from before fingerprints: the run reads everything
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  } catch (err) {
    // the shrink guard then falls back to the run log (see shrinkBaseline)
    previous.unreadable = (err as Error).message.split('\n')[0];
    previous.hashes.clear();
  }
  return previous;
}

/** Files seen by the last good run, from the warehouse or, when it cannot be opened, from the run log. */
function shrinkBaseline(db: string, previous: PreviousRun): number | null {
  if (!previous.unreadable) return previous.filesSeen;
  const lastOk = readRunsLog(db)
    .filter((r) => r.status === 'ok' && typeof r.files_seen === 'number')
    .at(-1);
  if (lastOk) return Number(lastOk.files_seen);
  throw new BuildRefusedError(
    `现有仓库 ${db} 无法打开（${previous.unreadable}），运行记录中也没有成功的构建可比较文件数；为免用更小的仓库替换它，本次不替换。` +
      '请关闭以读写方式打开该文件的程序（如 DBeaver、duckdb 命令行）后重试；确认要重建请加 --allow-shrink',
  );
}

export async function build(options: BuildOptions): Promise<BuildSummary> {
  const started = new Date();
  const step = options.onStep ?? (() => undefined);
  const input = resolve(options.input);
  // a shard writes a store; its lock, status and temporary file sit beside the store
  const db = resolve(options.store ? `${options.store.replace(/\/+$/, '')}.duckdb` : options.db);
  const summary = emptySummary('failed', `${started.toISOString().replace(/[-:]/g, '').slice(0, 15)}-${process.pid}`);
  const finish = (status: BuildSummary['status'], message: string, fingerprint: string | null = null) => {
    summary.status = status;
    summary.message = message;
    summary.seconds = secondsSince(started);
    recordRun(db, runRow(summary, input, started, fingerprint), summary);
    return summary;
  };

  // the runs table of a new warehouse: every earlier run, then this one
  const runsWith = (row: RunRow) => [...readRunsLog(db), row];

  let lock: HeldLock;
  try {
    mkdirSync(dirname(db), { recursive: true });
    lock = acquireLockDetailed(lockPathFor(db));
  } catch (err) {
    if (err instanceof LockHeldError) return finish('refused', err.message);
    return finish('failed', `无法使用仓库路径 ${db}：${(err as Error).message}`);
  }
  const release = lock.release;
  // the lock is ours: a run that left `running` (or a dead owner's lock) never finished
  noticeUnfinished(db, lock.tookOverFrom, alive);
  writeRunning(db, summary.runId, started, input);
  // stopped by cron, systemd or Ctrl-C: say so, and leave the warehouse as it was
  const onSignal = (signal: NodeJS.Signals) => {
    finish('killed', `收到 ${signal}，运行中止；原仓库保持不变`);
    rmSync(tempPathFor(db), { force: true });
    release();
    process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGHUP' ? 129 : 143);
  };
  const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
  for (const signal of SIGNALS) process.on(signal, onSignal);
  let pool: IngestPool | null = null;
  try {
    removeStaleTemporaries(db);
    if (!existsSync(input)) throw new BuildRefusedError(`输入目录不存在：${input}`);
    const listing = await listReportFiles(input);
    if (options.shard) listing.files = listing.files.filter((f) => shardOf(f.relPath, options.shard!.n) === options.shard!.k);
    summary.filesSeen = listing.files.length;
    summary.filesSkipped = listing.skipped;
    step('listed');
    const previous = await readPrevious(db);
    // a plain build (not a shard) records what it was built from; the same inputs next time keep its tables
    const fingerprinted = !options.store && !options.shard;
    // the unchanged shortcut needs the fingerprint before any file is read; where it cannot apply (a
    // forced run, no earlier fingerprint, another number of files, a loaded file gone) the workers start
    // at once and the fingerprint is made from the lines they return, so each file is read and hashed once
    const mayBeUnchanged =
      fingerprinted &&
      !options.full &&
      previous.fingerprint !== null &&
      previous.filesSeen === listing.files.length &&
      !existsSync(`${db}.wal`) &&
      samePathsStill(previous.hashes, listing.files);
    const threads = options.workers ?? (listing.files.length < 20 ? 1 : defaultWorkers());
    const startPool = () => (listing.files.length ? IngestPool.start(Math.min(threads, listing.files.length), options.config.limits) : null);
    pool = mayBeUnchanged ? null : await startPool();
    const baseline = options.allowShrink || options.shard ? null : shrinkBaseline(db, previous);
    if (baseline && listing.files.length < baseline * options.config.minShareOfLastRun) {
      throw new BuildRefusedError(
        `本次只发现 ${listing.files.length} 个文件，不到上次 ${baseline} 个的 ${Math.round(options.config.minShareOfLastRun * 100)}%（共享目录未挂载？）；保留原仓库。确认无误请加 --allow-shrink`,
      );
    }

    let fingerprint = mayBeUnchanged ? await inputsFingerprint(listing.files, options.config, options.modelsDir ?? MODELS_DIR) : null;
    if (fingerprint && fingerprint === previous.fingerprint) {
      const kept = await WarehouseWriter.copyOf(db, options.config.duckdb);
      try {
        const counts = await kept.counts();
        Object.assign(summary, { filesLoaded: counts.loaded, filesCached: counts.loaded, filesSuperseded: counts.superseded, filesFailed: counts.failed, filesByReference: counts.byReference, unchanged: true });
        summary.seconds = secondsSince(started);
        summary.status = 'ok';
        await kept.replaceRuns(runsWith(runRow(summary, input, started, fingerprint)));
        // review sheets are read on every build, also one that keeps its tables
        await applyReviews(await kept.written(), await reviewInputs(options, null));
        await kept.commit();
      } catch (err) {
        kept.abort();
        throw err;
      }
      return finish('ok', '', fingerprint);
    }
    pool ??= await startPool();
    step('pool');

    const writer = await WarehouseWriter.create(db, options.config.duckdb);
    // while the workers read, DuckDB keeps to its share of the build's memory budget; the models get the configured limit
    if (pool) await writer.setMemoryLimit(duckdbLoadLimit(pool.memory, options.config.duckdb.memoryLimit));
    step('writer');
    let transientErrors = 0;
    try {
      const cacheDir = options.cacheDir === undefined ? cacheDirFor(db) : options.cacheDir;
      let done = 0;
      const entries: (string | undefined)[] = new Array(listing.files.length);
      const usedHashes = !pool
        ? new Set<string>()
        : await pool.ingest(
            listing.files,
            {
              workers: threads,
              limits: options.config.limits,
              cacheDir,
              read: { docxReader: options.config.docxReader },
            },
            async (r, i) => {
              entries[i] = r.inputEntry;
              if (r.ok) {
                await writer.appendReport(r.columns);
                summary.filesLoaded++;
                if (r.facts.readerReason) summary.filesByReference++;
                const before = previous.hashes.get(r.facts.path);
                if (before === undefined) summary.filesNew++;
                else if (before !== r.facts.contentHash) summary.filesChanged++;
              } else {
                await writer.append(INGEST_ERRORS, [{ file_name: r.fileName, path: r.relPath, code: r.code, message: r.message }]);
                summary.filesFailed++;
                if (TRANSIENT_ERRORS.has(r.code)) transientErrors++;
              }
              if (r.cached) summary.filesCached++;
              options.onProgress?.(++done, listing.files.length, r.ok ? r.facts.path : r.relPath);
            },
          );
      if (pool) await writer.setMemoryLimit(options.config.duckdb.memoryLimit);
      await pool?.destroy();
      pool = null;
      step('read');
      if (fingerprinted && !fingerprint) fingerprint = await fingerprintFromEntries(listing.files, entries, options.config, options.modelsDir ?? MODELS_DIR);
      step('fingerprint');
      const paths = new Set(listing.files.map((f) => f.relPath));
      summary.filesRemoved = [...previous.hashes.keys()].filter((p) => !paths.has(p)).length;
      const loaded = await writer.written();
      step('flushed');
      // a shard runs no models: the versions model alone counts its own files' resubmissions
      if (options.store) {
        summary.filesSuperseded = await supersededCount(loaded, options.modelsDir);
        step('superseded');
      }
      summary.seconds = secondsSince(started);
      summary.status = 'ok';
      // a file that failed for a passing reason is read again next time: no fingerprint to match
      const builtFrom = transientErrors ? null : fingerprint;
      // the run's row as of the end of loading (its seconds and finish time, as before the models);
      // a build's superseded count is what the models decided (reports.superseded_by), once they have run
      const row = runRow(summary, input, started, builtFrom);
      if (options.store) {
        await writer.append(RUNS, runsWith(row));
        await writer.writeStore(options.store);
        return finish('ok', '');
      }
      await modelAndReview(writer, options.config.rules, await reviewInputs(options, db), options.modelsDir);
      step('models');
      summary.filesSuperseded = (await writer.counts()).superseded;
      await writer.append(RUNS, runsWith({ ...row, files_superseded: summary.filesSuperseded }));
      step('superseded');
      await writer.commit();
      step('committed');
      if (cacheDir) {
        const cache = new ExtractCache(cacheDir, cacheVersion({ docxReader: options.config.docxReader }));
        cache.markUsed(usedHashes);
        cache.prune();
      }
      return finish('ok', '', builtFrom);
    } catch (err) {
      writer.abort();
      throw err;
    }
  } catch (err) {
    if (err instanceof BuildRefusedError) return finish('refused', err.message);
    return finish('failed', (err as Error).message);
  } finally {
    await pool?.destroy();
    for (const signal of SIGNALS) process.off(signal, onSignal);
    release();
  }
}

/** Whether every file the current warehouse loaded is still listed (else the inputs changed). */
function samePathsStill(loaded: Map<string, string>, files: FoundFile[]): boolean {
  const listed = new Set(files.map((f) => f.relPath));
  for (const path of loaded.keys()) if (!listed.has(path)) return false;
  return true;
}

/** The sheets in the reviews folder, and the warehouse whose review history the new one carries on. */
async function reviewInputs(options: BuildOptions, previousDb: string | null): Promise<ReviewInputs> {
  const sheets = await readReviewSheets(resolve(options.reviews ?? options.config.reviews.dir));
  return { sheets, previousDb, grades: options.config.reviews.grades };
}

/** The shard (1…n) a file belongs to: stable across machines and runs. */
export function shardOf(relPath: string, n: number): number {
  return (createHash('sha256').update(relPath).digest().readUInt32BE(0) % n) + 1;
}
