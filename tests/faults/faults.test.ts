import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse } from '../../pipeline/load/query.ts';
import { REPO_ROOT, SEEDS_DIR } from '../helpers/paths.ts';

/**
 * Faults of unattended runs, with the real command in a child process: a build
 * killed at any point, a second build while one runs, a full disk, an unusable
 * output path and a folder that shrank all leave the previous warehouse intact.
 */

// one process (node with tsx's loader), so that a kill reaches the build itself
const CLI = ['--import', 'tsx', join(REPO_ROOT, 'pipeline', 'cli', 'main.ts')];

function runBuild(args: string[], shellPrefix = ''): { status: number | null; stderr: string } {
  const command = `${shellPrefix} exec "${process.execPath}" ${CLI.map((a) => `"${a}"`).join(' ')} build --no-progress ${args.map((a) => `"${a}"`).join(' ')}`;
  const r = spawnSync('bash', ['-c', command], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stderr: r.stderr };
}

async function reportCount(db: string): Promise<number> {
  const w = await openWarehouse(db);
  try {
    const [{ n }] = await w.query('select count(*) as n from reports');
    return Number(n);
  } finally {
    w.close();
  }
}

describe('faults', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-faults-'));
  const input = join(dir, 'in');
  const db = join(dir, 'out', 'warehouse.duckdb');

  beforeAll(() => {
    mkdirSync(input);
    for (const f of readdirSync(SEEDS_DIR)) copyFileSync(join(SEEDS_DIR, f), join(input, f));
    const first = runBuild(['--input', input, '--db', db]);
    expect(first.status, first.stderr).toBe(0);
  }, 120_000);

  it('a build killed at random points leaves the previous warehouse intact and openable', async () => {
    for (const delay of [50, 400, 900, 1400, 1900, 2400]) {
      // --full: the inputs are unchanged, and the kill must land in a real rebuild
      const child = spawn(process.execPath, [...CLI, 'build', '--no-progress', '--full', '--input', input, '--db', db], { cwd: REPO_ROOT, stdio: 'ignore' });
      // listen from the start: a build that ends before the kill must not leave us waiting
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;
      expect(await reportCount(db)).toBe(5);
    }
    // the next run takes over the dead run's lock and clears its half-written file
    const after = runBuild(['--input', input, '--db', db]);
    expect(after.status, after.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.includes('.building-'))).toEqual([]);
  }, 120_000);

  it('refuses a second build while one holds the lock', async () => {
    const holder = spawn('sleep', ['30']);
    writeFileSync(`${db}.lock`, String(holder.pid));
    try {
      const second = runBuild(['--input', input, '--db', db]);
      expect(second.status).toBe(1);
      expect(second.stderr).toContain('另一个构建正在进行');
      expect(await reportCount(db)).toBe(5);
    } finally {
      holder.kill();
      rmSync(`${db}.lock`, { force: true });
    }
  });

  it('fails cleanly on a full disk (file size limit) with the old warehouse untouched', async () => {
    // a full rebuild, and a run that keeps the unchanged warehouse (it copies the file)
    for (const extra of [['--full'], []]) {
      const full = runBuild(['--input', input, '--db', db, ...extra], 'ulimit -f 64;');
      expect(full.status).not.toBe(0);
      expect(await reportCount(db)).toBe(5);
    }
    const recovered = runBuild(['--input', input, '--db', db]);
    expect(recovered.status, recovered.stderr).toBe(0);
  }, 60_000);

  it('fails cleanly on an unusable output path', () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const r = runBuild(['--input', input, '--db', join(blocker, 'warehouse.duckdb')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('构建失败');
    expect(r.stderr).not.toMatch(/at .+\.ts:\d+/);
  });

  it('keeps the warehouse when another program holds it open read-write and the folder is empty', async () => {
    // DBeaver and the duckdb shell open read-write by default: the build cannot read the last run's count
    const holder = spawn(
      process.execPath,
      ['--input-type=module', '-e', `import { DuckDBInstance } from '@duckdb/node-api'; const i = await DuckDBInstance.create(process.argv[1]); await i.connect(); console.log('ready'); setInterval(() => {}, 1000);`, db],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        holder.once('exit', (code) => reject(new Error(`holder exited ${code}`)));
      });
      const empty = join(dir, 'empty');
      mkdirSync(empty, { recursive: true });
      const refused = runBuild(['--input', empty, '--db', db]);
      expect(refused.status, refused.stderr).toBe(1);
      expect(refused.stderr).toContain('--allow-shrink');
      expect(readFileSync(`${db}.status`, 'utf8')).toMatch(/ refused /);
    } finally {
      holder.kill();
      await new Promise((r) => holder.once('exit', r));
    }
    expect(await reportCount(db)).toBe(5);
  }, 60_000);

  it('shows a run as running, a SIGTERM as killed, and a SIGKILLed run as killed in the next run’s history', async () => {
    const runs = () => readFileSync(`${db}.runs.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { run_id: string; status: string; message: string });
    const startBuild = () => spawn(process.execPath, [...CLI, 'build', '--no-progress', '--full', '--input', input, '--db', db], { cwd: REPO_ROOT, stdio: 'ignore' });
    const untilRunning = async () => {
      // the CLI's start (tsx, imports) can take many seconds on a loaded machine
      for (let i = 0; i < 3000; i++) {
        if (existsSync(`${db}.status`) && / running pid=/.test(readFileSync(`${db}.status`, 'utf8'))) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('the build never wrote running');
    };
    rmSync(`${db}.status`, { force: true });
    const term = startBuild();
    const termExit = new Promise<number | null>((r) => term.once('exit', (code) => r(code)));
    await untilRunning();
    term.kill('SIGTERM');
    expect(await termExit).toBe(143);
    expect(readFileSync(`${db}.status`, 'utf8')).toMatch(/ killed .*SIGTERM/);
    expect(runs().at(-1)?.status).toBe('killed');
    expect(existsSync(`${db}.lock`)).toBe(false);

    const hard = startBuild();
    const hardExit = new Promise((r) => hard.once('exit', r));
    await untilRunning();
    const runId = /run=(\S+)/.exec(readFileSync(`${db}.status`, 'utf8'))![1];
    hard.kill('SIGKILL');
    await hardExit;
    expect(readFileSync(`${db}.status`, 'utf8')).toContain(' running ');
    const next = runBuild(['--input', input, '--db', db]);
    expect(next.status, next.stderr).toBe(0);
    const killed = runs().find((r) => r.run_id === runId);
    expect(killed?.status).toBe('killed');
    expect(killed?.message).toContain('运行未结束');
    expect(readFileSync(`${db}.status`, 'utf8')).toMatch(/ ok /);
    expect(await reportCount(db)).toBe(5);
  }, 120_000);

  it('records a config error as a failed run', () => {
    const bad = join(dir, 'bad-config.json');
    writeFileSync(bad, JSON.stringify({ limits: { maxSecondsPerFile: -1 } }));
    const r = runBuild(['--input', input, '--db', db, '--config', bad]);
    expect(r.status).toBe(2);
    expect(readFileSync(`${db}.status`, 'utf8')).toMatch(/ failed .*配置文件/);
    expect(readFileSync(`${db}.runs.jsonl`, 'utf8').trim().split('\n').at(-1)).toContain('"status":"failed"');
  });

  it('lets exactly one of three builds started together take a stale lock', async () => {
    for (let trial = 0; trial < 2; trial++) {
      const dead = spawnSync('true').pid!;
      writeFileSync(`${db}.lock`, String(dead));
      const children = Array.from({ length: 3 }, () => {
        const child = spawn(process.execPath, [...CLI, 'build', '--no-progress', '--input', input, '--db', db], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
        return new Promise<{ code: number | null; stderr: string }>((r) => child.once('exit', (code) => r({ code, stderr })));
      });
      const results = await Promise.all(children);
      const ok = results.filter((r) => r.code === 0);
      expect(ok, results.map((r) => r.stderr).join('\n')).toHaveLength(1);
      for (const r of results.filter((x) => x.code !== 0)) expect(r.stderr).toContain('另一个构建正在进行');
      expect(existsSync(`${db}.lock`)).toBe(false);
    }
    expect(await reportCount(db)).toBe(5);
  }, 120_000);

  it('keeps yesterday’s warehouse when the folder shrank, unless told to accept it', async () => {
    const small = join(dir, 'small');
    mkdirSync(small);
    copyFileSync(join(input, readdirSync(input)[0]), join(small, 'only.txt'));
    const refused = runBuild(['--input', small, '--db', db]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--allow-shrink');
    expect(await reportCount(db)).toBe(5);
    const accepted = runBuild(['--input', small, '--db', db, '--allow-shrink']);
    expect(accepted.status, accepted.stderr).toBe(0);
    expect(await reportCount(db)).toBe(1);
    expect(existsSync(`${db}.lock`)).toBe(false);
  }, 60_000);
});
