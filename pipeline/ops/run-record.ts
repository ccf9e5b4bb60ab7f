import { appendFileSync, existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';

/**
 * What an unattended run leaves for cron's mail or a monitor: a one-line status
 * file (overwritten each run) and a log that rotates by size.
 */

export const statusPath = (db: string) => `${db}.status`;
export const logPath = (db: string) => `${db}.log`;

const MAX_LOG_BYTES = 1024 * 1024;
const KEEP_LOGS = 5;

function rotate(path: string): void {
  if (!existsSync(path) || statSync(path).size < MAX_LOG_BYTES) return;
  rmSync(`${path}.${KEEP_LOGS}`, { force: true });
  for (let i = KEEP_LOGS - 1; i >= 1; i--) if (existsSync(`${path}.${i}`)) renameSync(`${path}.${i}`, `${path}.${i + 1}`);
  renameSync(path, `${path}.1`);
}

export function writeRunRecord(db: string, line: string): void {
  try {
    writeFileSync(statusPath(db), line + '\n');
    rotate(logPath(db));
    appendFileSync(logPath(db), line + '\n');
  } catch {
    // an unusable folder is already reported by the exit status and the message
  }
}
