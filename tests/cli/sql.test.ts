import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build.ts';
import { startRepl } from '../../pipeline/cli/sql/repl.ts';
import { configSchema } from '../../pipeline/config.ts';
import { openWarehouse } from '../../pipeline/load/query.ts';
import { REPO_ROOT, SEEDS_DIR } from '../helpers/paths.ts';

/** The analysts' console and one-shot queries, driven through their streams and as a command. */

const dir = mkdtempSync(join(tmpdir(), 'jixiao-sql-'));
const db = join(dir, 'warehouse.duckdb');
const config = configSchema.parse({});

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'pipeline/cli/main.ts'), 'sql', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts a console on its own streams; `send` types lines, `text` is everything it printed. */
function console_() {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d));
  const done = startRepl({ db, input, output, historyFile: join(dir, 'history'), width: 200 });
  const settled = (slice: string) => /jixiao[^>]*> $/.test(slice) && slice.replace(/jixiao[^>]*> |\s*\.\.\.> /g, '').trim().length > 0;
  const send = async (...lines: string[]) => {
    // the console is ready when its first prompt is out
    for (let i = 0; i < 400 && !/> $/.test(text); i++) await new Promise((r) => setTimeout(r, 25));
    const before = text.length;
    for (const l of lines) input.write(l + '\n');
    // wait until it has printed something and its prompt again
    for (let i = 0; i < 400 && !settled(text.slice(before)); i++) await new Promise((r) => setTimeout(r, 25));
    return text.slice(before);
  };
  const quit = async () => {
    input.end('.quit\n');
    await done;
  };
  return { send, quit, all: () => text };
}

describe('jixiao sql', () => {
  beforeAll(async () => {
    const summary = await build({ input: SEEDS_DIR, db, config, cacheDir: null });
    expect(summary.status).toBe('ok');
  }, 120_000);

  it('runs a multi-line query and keeps going after an error', async () => {
    const c = console_();
    const multi = await c.send('select unit,', '  fiscal_year', 'from reports', "where unit like '%龙潭镇%';");
    expect(multi).toContain('株洲市渌口区龙潭镇人民政府');
    expect(multi).toMatch(/1 行/);
    const bad = await c.send('select no_such_column from reports;');
    expect(bad).toContain('错误');
    const good = await c.send('select count(*) as n from reports;');
    expect(good).toMatch(/│\s+5 │/);
    await c.quit();
    expect(readFileSync(join(dir, 'history'), 'utf8')).toContain('select count(*) as n from reports;');
  });

  it('shows the column comments with .schema and refuses writes', async () => {
    const c = console_();
    const schema = await c.send('.schema reports');
    expect(schema).toContain('评价年度 / fiscal year evaluated');
    expect(schema).toContain('每个文件一行');
    const write = await c.send('delete from reports;');
    expect(write).toContain('只读');
    const still = await c.send('select count(*) as n from reports;');
    expect(still).toMatch(/│\s+5 │/);
    await c.quit();
  });

  it('gives CSV, JSON and Excel results equal to the query result', async () => {
    const sql = 'select unit, fiscal_year, self_score from reports order by unit';
    const w = await openWarehouse(db);
    const expected = await w.query(sql);
    w.close();
    const json = cli(['--db', db, '-c', sql, '--format', 'json']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(expected);
    expect(json.stderr).toMatch(/5 行/);
    const csv = cli(['--db', db, '-c', sql, '--format', 'csv']);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('unit,fiscal_year,self_score');
    expect(lines.slice(1).map((l) => l.split(','))).toEqual(expected.map((r) => [String(r.unit), String(r.fiscal_year), r.self_score === null ? '' : String(r.self_score)]));
    const file = join(dir, 'out.xlsx');
    expect(cli(['--db', db, '-c', sql, '--format', 'xlsx', '--out', file]).status).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const rows = book.worksheets[0].getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(rows.map((r) => [r[0], r[1], r[2] ?? null])).toEqual(expected.map((r) => [r.unit, r.fiscal_year, r.self_score]));
  }, 60_000);

  it('neutralises formulas in CSV and fails with a non-zero status on a SQL error', () => {
    const csv = cli(['--db', db, '-c', `select '=HYPERLINK("http://x")' as a, '@SUM(1)' as b`, '--format', 'csv']);
    expect(csv.stdout.split('\n')[1]).toBe(`"'=HYPERLINK(""http://x"")",'@SUM(1)`);
    const bad = cli(['--db', db, '-c', 'select * from nowhere']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('SQL 错误');
  });

  it('lists and runs the saved queries by name', () => {
    const list = cli(['--list']);
    for (const name of ['overspend', 'full_marks_years', 'flags_by_region_year', 'unit_over_years']) expect(list.stdout).toContain(name);
    const overspend = cli(['--db', db, '--query', 'overspend', '--format', 'json']);
    const rows = JSON.parse(overspend.stdout) as { unit: string; actual_to_initial: number }[];
    expect(rows[0].unit).toBe('株洲市渌口区龙潭镇人民政府');
    expect(rows.map((r) => r.actual_to_initial)).toEqual([...rows.map((r) => r.actual_to_initial)].sort((a, b) => b - a));
  });

  it('says how to build when the warehouse does not exist', () => {
    const r = cli(['--db', join(dir, 'missing.duckdb'), '-c', 'select 1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('npx jixiao build');
    expect(r.stderr).not.toMatch(/at .+:\d+:\d+/);
  });

  it('keeps working while a build replaces the warehouse underneath it', async () => {
    const c = console_();
    expect(await c.send('select count(*) as n from reports;')).toMatch(/│\s+5 │/);
    const fewer = join(dir, 'fewer');
    mkdirSync(fewer);
    for (const f of readdirSync(SEEDS_DIR).slice(0, 3)) copyFileSync(join(SEEDS_DIR, f), join(fewer, f));
    const summary = await build({ input: fewer, db, config, cacheDir: null, allowShrink: true });
    expect(summary.status).toBe('ok');
    const old = await c.send('select count(*) as n from reports;');
    expect(old).toMatch(/│\s+5 │/);
    expect(old).toContain('有新仓库');
    await c.send('.reload');
    expect(await c.send('select count(*) as n from reports;')).toMatch(/│\s+3 │/);
    await c.quit();
  }, 120_000);
});
