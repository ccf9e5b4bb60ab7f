import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translateCommanderMessage } from '../../pipeline/cli/output.ts';
import { loadConfig } from '../../pipeline/config.ts';
import { REPO_ROOT, SEEDS_DIR } from '../helpers/paths.ts';

/** The command line as cron and a bureau's staff meet it: silence on success, plain Chinese on trouble. */

const STACK = /\n\s+at .+:\d+:\d+/;

function jixiao(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'pipeline/cli/main.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('jixiao operations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-ops-'));
  const input = join(dir, 'in');
  const db = join(dir, 'w.duckdb');
  let busy: Server;

  beforeAll(async () => {
    spawnSync('mkdir', ['-p', input]);
    for (const f of readdirSync(SEEDS_DIR)) copyFileSync(join(SEEDS_DIR, f), join(input, f));
    busy = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
  });
  afterAll(() => busy?.close());

  it('with --quiet, a successful build prints nothing and a failed one prints why', () => {
    const ok = jixiao(['--quiet', 'build', '--input', input, '--db', db]);
    expect(ok.status).toBe(0);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toBe('');
    expect(existsSync(db)).toBe(true);
    const failed = jixiao(['build', '--quiet', '--input', join(dir, 'nowhere'), '--db', join(dir, 'other.duckdb')]);
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toMatch(/[\u4e00-\u9fff]/);
  }, 120_000);

  it('site refuses a missing warehouse instead of publishing the samples', () => {
    const out = join(dir, 'site');
    const r = jixiao(['site', '--db', join(dir, 'typo.duckdb'), '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('不存在');
    expect(r.stderr).not.toMatch(STACK);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'typo.duckdb'))).toBe(false);
  }, 60_000);

  it('serve on a busy port says so in one plain line', async () => {
    const port = (busy.address() as { port: number }).port;
    const site = mkdtempSync(join(dir, 'served-'));
    writeFileSync(join(site, 'index.html'), '<p>x</p>');
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'pipeline/cli/main.ts'), 'serve', '--dir', site, '--port', String(port)], { cwd: REPO_ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(2);
    expect(stderr).toContain(`端口 ${port} 已被占用`);
    expect(stderr).not.toMatch(STACK);
  }, 60_000);

  it('check --rule with an unknown rule exits 2 and lists the rules by title; flags are shown by title', () => {
    const bad = jixiao(['check', '--db', db, '--rule', 'nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('没有名为 nope 的规则');
    expect(bad.stderr).toContain('合计与分项不符');
    const good = jixiao(['check', '--db', db, '--rule', 'sum_mismatch']);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('合计与分项不符');
    expect(good.stdout).not.toContain('sum_mismatch');
  }, 60_000);

  it('speaks Chinese for unknown options and wrong choices', () => {
    const r = jixiao(['check', '--nope']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('错误：未知选项');
    expect(r.stderr).not.toMatch(/error:|unknown option/);
    expect(translateCommanderMessage("error: option '--format <format>' argument 'x' is invalid. Allowed choices are table, csv.")).toBe(
      '错误：选项 --format <format> 的取值 x 无效，可选：table, csv',
    );
    expect(translateCommanderMessage("error: required option '--parquet <dir>' not specified")).toBe('错误：缺少必需的选项 --parquet <dir>');
  }, 60_000);

  it('explains configuration errors in Chinese, including the time zone', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ limits: { maxFileBytes: -1 }, bogus: 1, timeZone: 'Mars/Olympus' }));
    let message = '';
    try {
      loadConfig(file);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('未知的键');
    expect(message).toContain('bogus');
    expect(message).toContain('时区');
    expect(message).not.toMatch(/Unrecognized|Too small|expected/i);
    writeFileSync(file, JSON.stringify({ timeZone: 'Asia/Urumqi' }));
    expect(loadConfig(file).timeZone).toBe('Asia/Urumqi');
  });
});
