import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/**
 * One build at a time per warehouse: a lock file holding the owner's pid. A lock
 * left by a process that no longer exists (killed, machine restarted) is taken over.
 */

export class LockHeldError extends Error {
  constructor(
    readonly lockPath: string,
    readonly pid: number,
  ) {
    super(`另一个构建正在进行（进程 ${pid}，锁文件 ${lockPath}）；本次运行退出，未改动仓库`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireLock(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid) && pid !== process.pid) throw new LockHeldError(lockPath, pid);
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`无法获取锁文件 ${lockPath}`);
}
