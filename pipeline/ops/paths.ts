import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Every file a warehouse keeps beside itself, named in one place: the temporary copy a build writes
 * before the swap, the lock, the extraction cache and the run records.
 */

/** The half-built warehouse of this process; renamed onto `db` when the build succeeds. */
export const tempPathFor = (db: string) => `${db}.building-${process.pid}`;
export const lockPathFor = (db: string) => `${db}.lock`;
export const cacheDirFor = (db: string) => `${db}.cache`;
export const runsLogPath = (db: string) => `${db}.runs.jsonl`;
export const statusPath = (db: string) => `${db}.status`;
export const logPath = (db: string) => `${db}.log`;

/** Half-written warehouses left by killed runs (the lock is ours, so none is being written). */
export function removeStaleTemporaries(db: string): void {
  const prefix = `${basename(db)}.building-`;
  for (const name of readdirSync(dirname(db))) {
    if (name.startsWith(prefix)) rmSync(join(dirname(db), name), { force: true });
  }
}
