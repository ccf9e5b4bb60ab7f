import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipeline/jobs/build.ts';
import { DOT_COMMANDS } from '../../pipeline/cli/sql/commands.ts';
import { makeCompleter } from '../../pipeline/cli/sql/complete.ts';
import { NEWER_PROMPT, startRepl } from '../../pipeline/cli/sql/repl.ts';
import { listSaved } from '../../pipeline/cli/sql/saved.ts';
import { SqlSession } from '../../pipeline/cli/sql/session.ts';
import { oneLine, scanInput } from '../../pipeline/cli/sql/statements.ts';
import { configSchema } from '../../pipeline/config.ts';
import { openWarehouse, type PlainRow } from '../../pipeline/load/query.ts';
import { SEEDS_DIR } from '../helpers/paths.ts';

/** The analysts' SQL console, driven through its streams, and the one-shot command, run as a process. */

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seeds = SEEDS_DIR;
const dir = mkdtempSync(join(tmpdir(), 'jixiao-sql-'));
const db = join(dir, 'warehouse.duckdb');
/** a copy of the full warehouse for the one-shot tests (the console's test rebuilds `db` from fewer files) */
const full = join(dir, 'full.duckdb');
const config = configSchema.parse({});

/** `jixiao sql …` as a process: status, stdout, stderr. */
function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'pipeline/cli/main.ts'), 'sql', ...args], {
    cwd: repo,
    encoding: 'utf8',
    input,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The rows the warehouse gives for `sql`, read independently of the console. */
async function expected(sql: string, file = full): Promise<PlainRow[]> {
  const w = await openWarehouse(file);
  try {
    return await w.query(sql);
  } finally {
    w.close();
  }
}

/** RFC 4180 CSV → rows of strings. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[i++];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const PROMPT_AT_END = /jixiao(\([^)]*\))?> $/;

/** A console on its own streams: `send` types lines and returns what it printed up to its next prompt. */
function openConsole(options: { historyFile?: string; terminal?: boolean } = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d));
  const done = startRepl({ db, input, output, historyFile: options.historyFile ?? null, terminal: options.terminal ?? false, width: 200 });
  const until = async (ok: () => boolean) => {
    for (let i = 0; i < 600 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
  };
  const send = async (...lines: string[]) => {
    await until(() => PROMPT_AT_END.test(text));
    const before = text.length;
    input.write(lines.map((l) => l + '\n').join(''));
    await until(() => {
      const reply = text.slice(before);
      return PROMPT_AT_END.test(reply) && reply.replace(/jixiao(\([^)]*\))?> |\s*\.\.\.> /g, '').trim().length > 0;
    });
    return text.slice(before);
  };
  const quit = async () => {
    input.end('.quit\n');
    await done;
  };
  return { input, send, quit, until, all: () => text, done };
}

describe('jixiao sql', () => {
  beforeAll(async () => {
    const summary = await build({ input: seeds, db, config, cacheDir: null });
    expect(summary.status).toBe('ok');
    copyFileSync(db, full);
  }, 120_000);

  describe('console', () => {
    it('runs a multi-line statement, shows the error of a bad one and stays alive', async () => {
      const history = join(dir, 'history-1');
      const c = openConsole({ historyFile: history });
      const multi = await c.send('select unit,', '  fiscal_year -- 年度', 'from reports', "where unit like '%龙潭镇%'", ';');
      expect(multi).toContain('...> ');
      expect(multi).toMatch(/│ 株洲市渌口区龙潭镇人民政府 │\s+2021 │/);
      expect(multi).toMatch(/1 行，\d+ 毫秒/);
      const bad = await c.send('select no_such_column from reports;');
      expect(bad).toContain('错误：Binder Error');
      expect(bad).not.toMatch(/\n\s+at .+:\d+:\d+/);
      const good = await c.send('select count(*) as n from reports where superseded_by is null;');
      expect(good).toMatch(/│\s+5 │/);
      const [{ n }] = await expected('select count(*) as n from reports where superseded_by is null');
      expect(n).toBe(5);
      // a ";" inside a string or a comment does not end the statement
      const quoted = await c.send("select 'a;b' as s -- ;", ';');
      expect(quoted).toContain('a;b');
      await c.quit();
      // history kept for the next run: one line per statement, the comment made harmless
      const lines = readFileSync(history, 'utf8').trim().split('\n');
      expect(lines).toContain("select unit, fiscal_year /* 年度 */ from reports where unit like '%龙潭镇%' ;");
      expect(lines).toContain('select count(*) as n from reports where superseded_by is null;');
    });

    it('shows tables, a table schema with its comments, the rules, and refuses writes', async () => {
      const c = openConsole();
      const tables = await c.send('.tables');
      for (const t of ['reports', 'anomalies', 'rules', 'report_summary', 'runs']) expect(tables).toContain(`│ ${t} `);
      const schema = await c.send('.schema reports');
      expect(schema).toContain('表 reports：每个文件一行');
      expect(schema).toMatch(/│ fiscal_year\s+│ INTEGER\s+│\s+│ 评价年度 \/ fiscal year evaluated/);
      expect(schema).toMatch(/│ report_date\s+│ DATE /);
      expect(await c.send('.schema nowhere')).toContain('没有名为 nowhere 的表或视图');
      const rules = await c.send('.rules');
      expect(rules).toMatch(/│ id\s+│ title\s+│ tier │/);
      expect(rules).toContain('│ all_full_marks');
      expect(rules).toContain('{"min_rows":3}');
      for (const write of ['create table x(a int);', 'delete from reports;']) {
        expect(await c.send(write)).toContain('错误：仓库以只读方式打开，不能修改数据');
      }
      expect(await c.send('select count(*) as n from reports;')).toMatch(/│\s+5 │/);
      expect(await c.send('.nonsense')).toContain('未知命令 .nonsense');
      await c.quit();
    });

    it('switches formats, writes to a file and reads statements from a file', async () => {
      const c = openConsole();
      const out = join(dir, 'console.csv');
      const script = join(dir, 'two.sql');
      writeFileSync(script, "select 1 as first;\n-- the second\nselect '=cmd' as formula, null as nothing;\n");
      expect(await c.send('.mode json')).toContain('结果格式：json');
      const json = await c.send("select 2 as n, date '2024-03-01' as d, null as x;");
      expect(JSON.parse(json.slice(json.indexOf('['), json.lastIndexOf(']') + 1))).toEqual([{ n: 2, d: '2024-03-01', x: null }]);
      await c.send('.mode csv');
      expect(await c.send(`.output ${out}`)).toContain(`结果将写入 ${out}`);
      expect(await c.send(`.read ${script}`)).toContain(`已写入 ${out}`);
      await c.send('.output');
      expect(readFileSync(out, 'utf8')).toBe("first\n1\nformula,nothing\n'=cmd,\n");
      // one line per column, for rows too wide for a table
      await c.send('.mode line');
      expect(await c.send("select 1 as n, '龙潭镇' as unit_name;")).toContain('        n = 1\nunit_name = 龙潭镇');
      await c.send('.mode table');
      const table = await c.send('select null as x, 12345678901234::bigint as big;');
      expect(table).toMatch(/│ NULL │ 12345678901234 │/);
      await c.send('.maxrows 3');
      expect(await c.send('select * from range(10);')).toContain('10 行（显示前 3 行');
      expect(await c.send('.query overspend')).toContain('株洲市渌口区龙潭镇人民政府');
      await c.quit();
    });

    it('completes table names, columns and dot-commands with Tab', async () => {
      const session = await SqlSession.open(db);
      const catalog = await session.catalog();
      session.close();
      const complete = makeCompleter({ catalog: () => catalog, dotCommands: DOT_COMMANDS, savedQueries: () => ['overspend'], continuing: () => false });
      expect(complete('select * from anom')).toEqual([['anomalies'], 'anom']);
      expect(complete('select * from report_su')[0]).toEqual(['report_summary', 'report_summary_inputs']);
      expect(complete('select self_sc')[0]).toEqual(['self_score']);
      expect(complete('select rules.ti')[0]).toEqual(['rules.tier', 'rules.title']);
      expect(complete('.sch')).toEqual([['.schema'], '.sch']);
      expect(complete('.schema repor')[0]).toContain('reports');
      expect(complete('.mode j')[0]).toEqual(['json']);
      expect(complete('.query over')[0]).toEqual(['overspend']);
      expect(complete('select zzz')[0]).toEqual([]);

      // in a terminal, Tab inserts the completion into the line
      const c = openConsole({ terminal: true });
      await c.until(() => c.all().includes('控制台'));
      c.input.write('select count(*) as n from report_su\t');
      await c.until(() => c.all().includes('report_summary'));
      c.input.write(';\r');
      await c.until(() => /1 行/.test(c.all()));
      expect(c.all()).toMatch(/│\s+5 │/);
      c.input.write('.quit\r');
      await c.done;
    });

    it('keeps working while a build replaces the warehouse underneath it', async () => {
      const c = openConsole();
      expect(await c.send('select count(*) as n from reports;')).toMatch(/│\s+5 │/);
      const fewer = join(dir, 'fewer');
      mkdirSync(fewer);
      for (const f of readdirSync(seeds).sort().slice(0, 3)) copyFileSync(join(seeds, f), join(fewer, f));
      // the nightly build writes a new file and renames it over the one the console has open
      const rebuilt = await build({ input: fewer, db, config, cacheDir: null, allowShrink: true });
      expect(rebuilt.status).toBe('ok');
      const old = await c.send('select count(*) as n from reports;');
      expect(old).toMatch(/│\s+5 │/);
      expect(old.endsWith(`${NEWER_PROMPT}> `)).toBe(true);
      expect(await c.send('.reload')).toContain('已重新打开仓库');
      const now = await c.send('select count(*) as n from reports;');
      expect(now).toMatch(/│\s+3 │/); // the seeds minus two files
      expect(now.endsWith('jixiao> ')).toBe(true);
      await c.quit();
    }, 120_000);
  });

  describe('one-shot', () => {
    const sql = 'select unit, region, fiscal_year, self_score, report_date, has_problems_section from reports order by unit';

    it('prints CSV and JSON equal to the query result, with counts on stderr', async () => {
      const rows = await expected(sql);
      expect(rows.length).toBe(5);
      const json = cli(['--db', full, '-c', sql, '--format', 'json']);
      expect(json.status).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual(rows);
      expect(json.stderr).toMatch(/^5 行，\d+ 毫秒/);

      const csv = cli(['--db', full, '-c', sql, '--format', 'csv']);
      expect(csv.status).toBe(0);
      // a byte-order mark first, as in the site's CSV, so Excel reads UTF-8
      expect(csv.stdout.startsWith('\ufeff')).toBe(true);
      const [header, ...body] = parseCsv(csv.stdout.slice(1));
      expect(header).toEqual(['unit', 'region', 'fiscal_year', 'self_score', 'report_date', 'has_problems_section']);
      expect(body).toEqual(rows.map((r) => header.map((k) => (r[k] === null ? '' : String(r[k])))));

      const table = cli(['--db', full, '-c', sql]);
      expect(table.stdout).toContain('│ unit ');
      expect(table.stdout).not.toContain('行，');
    }, 30_000);

    it('writes Excel with a bold, frozen, filtered header in Chinese from the column comments, equal to the query result, dates as dates', async () => {
      const rows = await expected(sql);
      const file = join(dir, 'out.xlsx');
      const r = cli(['--db', full, '-c', sql, '--format', 'xlsx', '--out', file]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('');
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const sheet = book.worksheets[0];
      expect(sheet.getRow(1).font?.bold).toBe(true);
      const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
      const columns = Object.keys(rows[0]);
      const w = await openWarehouse(full);
      const comments = await w.query(`select column_name, comment from duckdb_columns() where table_name = 'reports'`);
      w.close();
      const zh = (c: string) => String(comments.find((r) => r.column_name === c)!.comment).split(' / ')[0].trim();
      expect(values(1)).toEqual(columns.map(zh));
      expect(values(1)).toContain('评价年度');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      rows.forEach((row, i) => {
        const got = values(i + 2).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v));
        expect(columns.map((_, j) => got[j] ?? null)).toEqual(columns.map((k) => row[k]));
      });
      const dateCol = columns.indexOf('report_date') + 1;
      const dated = rows.findIndex((r) => r.report_date !== null);
      if (dated >= 0) expect(sheet.getRow(dated + 2).getCell(dateCol).value).toBeInstanceOf(Date);
      expect(cli(['--db', full, '-c', sql, '--format', 'xlsx']).status).toBe(2);
    }, 30_000);

    it('neutralises formulas in CSV and Excel', async () => {
      const q = `select '=HYPERLINK("http://x")' as a, '@SUM(1)' as b, '+1' as c, '-2' as d, -3 as e, 'ok' as f`;
      const csv = cli(['--db', full, '-c', q, '--format', 'csv']);
      expect(parseCsv(csv.stdout.slice(1))[1]).toEqual([`'=HYPERLINK("http://x")`, "'@SUM(1)", "'+1", "'-2", '-3', 'ok']);
      const file = join(dir, 'formula.xlsx');
      expect(cli(['--db', full, '-c', q, '--format', 'xlsx', '--out', file]).status).toBe(0);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      expect((book.worksheets[0].getRow(2).values as unknown[]).slice(1)).toEqual([`'=HYPERLINK("http://x")`, "'@SUM(1)", "'+1", "'-2", -3, 'ok']);
    }, 30_000);

    it('runs every statement of a file and prints the last result; a SQL error exits 1 without a stack', () => {
      const file = join(dir, 'several.sql');
      writeFileSync(file, '-- two statements\nselect 1 as first;\nselect 2 as second, \'x;y\' as s;\n');
      const r = cli(['--db', full, file, '--format', 'csv']);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('\ufeffsecond,s\n2,x;y\n');
      const bad = cli(['--db', full, '-c', 'select * from nowhere']);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toContain('SQL 错误：Catalog Error: Table with name nowhere does not exist');
      expect(bad.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      const write = cli(['--db', full, '-c', 'create table x(a int)']);
      expect(write.status).toBe(1);
      expect(write.stderr).toContain('read-only');
      // statements piped into the console: results only, no prompts; a failure makes the status 1
      const piped = cli(['--db', full], 'select 41 + 1 as answer;\nselect nothing;\n');
      expect(piped.status).toBe(1);
      expect(piped.stdout).toMatch(/│\s+42 │/);
      expect(piped.stdout).toContain('错误：Binder Error');
      expect(piped.stdout).not.toContain('jixiao>');
    }, 30_000);

    it('lists the saved queries and runs them by name', async () => {
      const list = cli(['--list']);
      expect(list.status).toBe(0);
      for (const name of ['overspend', 'full_marks_years', 'flags_by_region_year', 'unit_over_years', 'latest_run']) {
        expect(list.stdout).toMatch(new RegExp(`^${name}\\s+\\S`, 'm'));
      }
      for (const q of listSaved()) expect(q.title).toMatch(/[\u4e00-\u9fff]/);

      const overspend = cli(['--db', full, '--query', 'overspend', '--format', 'json']);
      expect(overspend.status).toBe(0);
      const rows = JSON.parse(overspend.stdout) as { unit: string; actual_to_initial: number }[];
      expect(rows[0].unit).toBe('株洲市渌口区龙潭镇人民政府');
      expect(rows.map((r) => r.actual_to_initial)).toEqual(rows.map((r) => r.actual_to_initial).sort((a, b) => b - a));

      const fullMarks = JSON.parse(cli(['--db', full, '--query', 'full_marks_years', '--format', 'json']).stdout) as { unit_key: string; years_all_full_marks: number }[];
      expect(fullMarks.length).toBeGreaterThan(0);
      expect(fullMarks.every((r) => r.years_all_full_marks >= 1)).toBe(true);

      const unknown = cli(['--db', full, '--query', 'nothing_like_this']);
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toContain('--list');
    }, 60_000);

    it('says how to build when the warehouse does not exist, with exit status 2', () => {
      const missing = join(dir, 'missing.duckdb');
      for (const args of [['--db', missing, '-c', 'select 1'], ['--db', missing]]) {
        const r = cli(args);
        expect(r.status).toBe(2);
        expect(r.stderr).toContain('请先运行 npx jixiao build');
        expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      }
      expect(existsSync(missing)).toBe(false);
    }, 30_000);
  });

  it('knows where a typed statement ends', () => {
    expect(scanInput('select 1;')).toEqual({ complete: true, empty: false });
    expect(scanInput('select 1').complete).toBe(false);
    expect(scanInput("select ';'").complete).toBe(false);
    expect(scanInput('select 1 -- ;').complete).toBe(false);
    expect(scanInput('select 1; /* open').complete).toBe(false);
    expect(scanInput("select 'it''s'; -- done").complete).toBe(true);
    expect(scanInput('-- a comment only').empty).toBe(true);
    expect(oneLine('select a, -- note\n  b\nfrom t;')).toBe('select a, /* note */ b from t;');
  });
});

describe('jixiao sql cannot write anywhere', () => {
  const wdir = mkdtempSync(join(tmpdir(), 'jixiao-sql-locked-'));
  const wh = join(wdir, 'warehouse.duckdb');

  beforeAll(async () => {
    const summary = await build({ input: seeds, db: wh, config, allowShrink: true });
    expect(summary.status, summary.message).toBe('ok');
  }, 120_000);

  it('refuses COPY over the warehouse, ATTACH, EXPORT DATABASE, INSTALL, reading other files and unlocking', async () => {
    const before = readFileSync(wh);
    const attempts = [
      `copy (select 'x') to '${wh}'`,
      `copy (select 1) to '${join(wdir, 'out.csv')}'`,
      `attach '${join(wdir, 'new.duckdb')}' (read_only false)`,
      `export database '${join(wdir, 'export')}'`,
      'install httpfs',
      `select * from read_csv('/etc/passwd')`,
      'set enable_external_access = true',
      'set lock_configuration = false',
    ];
    const session = await SqlSession.open(wh);
    try {
      for (const sql of attempts) await expect(session.run(sql), sql).rejects.toThrow(/disabled by configuration|configuration has been locked|Cannot change configuration/);
      // what it is for still works
      expect((await session.run('select count(*) as n from reports')).rows[0][0]).toBeGreaterThan(0);
    } finally {
      session.close();
    }
    expect(readFileSync(wh).equals(before)).toBe(true);
    expect(readdirSync(wdir).sort()).toEqual(['warehouse.duckdb', 'warehouse.duckdb.cache', 'warehouse.duckdb.log', 'warehouse.duckdb.runs.jsonl', 'warehouse.duckdb.status'].filter((f) => existsSync(join(wdir, f))));
  }, 60_000);

  it('still writes its own exports: --out, --format xlsx and .output', async () => {
    const csv = join(wdir, 'r.csv');
    const xlsx = join(wdir, 'r.xlsx');
    expect(cli(['--db', wh, '-c', 'select 1 as a', '--format', 'csv', '--out', csv]).status).toBe(0);
    expect(readFileSync(csv, 'utf8')).toBe('\ufeffa\n1\n');
    expect(cli(['--db', wh, '-c', 'select 1 as a', '--format', 'xlsx', '--out', xlsx]).status).toBe(0);
    expect(existsSync(xlsx)).toBe(true);
    const out = join(wdir, 'console.txt');
    const piped = cli(['--db', wh], `.output ${out}\nselect 7 as seven;\n`);
    expect(piped.status, piped.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('7');
  }, 60_000);

  it('says in one line that a file is not a warehouse', () => {
    const notDb = join(wdir, 'notes.duckdb');
    writeFileSync(notDb, '这不是数据库');
    const r = cli(['--db', notDb, '-c', 'select 1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('无法打开仓库');
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  }, 30_000);
});
