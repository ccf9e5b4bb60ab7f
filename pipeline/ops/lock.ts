import { linkSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';

/**
 * One build at a time per warehouse: a lock file holding the owner's pid. The file is written
 * whole under a name of our own and then linked into place (link fails if the lock exists), so no
 * one ever reads a half-written lock. A lock left by a process that no longer exists (killed,
 * machine restarted) is taken over by one process only: the one holding `<lock>.takeover`.
 */

export class LockHeldError extends Error {
  constructor(
    readonly lockPath: string,
    readonly pid: number,
  ) {
    super(`另一个构建正在进行（进程 ${pid}，锁文件 ${lockPath}）；本次运行退出，未改动仓库`);
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const code = (err: unknown) => (err as NodeJS.ErrnoException).code;

/** The pid in a lock file; null when the file is gone. */
function ownerOf(path: string): number | null {
  try {
    return Number(readFileSync(path, 'utf8').trim());
  } catch (err) {
    if (code(err) === 'ENOENT') return null;
    throw err;
  }
}

/** A takeover marker older than this belongs to a process killed in the middle of a takeover. */
const TAKEOVER_STALE_MS = 10_000;

export interface HeldLock {
  release: () => void;
  /** the pid of a dead owner whose lock was taken over: that run never finished */
  tookOverFrom: number | null;
}

export function acquireLockDetailed(lockPath: string): HeldLock {
  const mine = `${lockPath}.${process.pid}`;
  const takeover = `${lockPath}.takeover`;
  writeFileSync(mine, String(process.pid));
  const held = (tookOverFrom: number | null): HeldLock => ({ release: () => rmSync(lockPath, { force: true }), tookOverFrom });
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        linkSync(mine, lockPath);
        return held(null);
      } catch (err) {
        if (code(err) !== 'EEXIST') throw err;
      }
      const pid = ownerOf(lockPath);
      if (pid === null) continue; // released meanwhile: try again
      if (pid === process.pid) return held(null);
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new LockHeldError(lockPath, pid);
      // a dead owner's lock: only the holder of the takeover marker may remove it
      try {
        linkSync(mine, takeover);
      } catch (err) {
        if (code(err) !== 'EEXIST') throw err;
        try {
          if (Date.now() - statSync(takeover).mtimeMs > TAKEOVER_STALE_MS) rmSync(takeover, { force: true });
        } catch {
          // gone meanwhile
        }
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        continue;
      }
      try {
        // still the same dead owner's lock (no one took it over before we held the marker)
        if (ownerOf(lockPath) === pid) {
          rmSync(lockPath, { force: true });
          linkSync(mine, lockPath);
          return held(pid);
        }
      } finally {
        rmSync(takeover, { force: true });
      }
    }
    throw new Error(`无法获取锁文件 ${lockPath}`);
  } finally {
    rmSync(mine, { force: true });
  }
}

/** Takes the lock; returns its release. */
export function acquireLock(lockPath: string): () => void {
  return acquireLockDetailed(lockPath).release;
}
