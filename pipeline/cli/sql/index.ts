import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { requireWarehouse } from '../warehouse-path.ts';
import { FORMATS, renderText, writeXlsx } from './export.ts';
import { formatMs, startRepl } from './repl.ts';
import { findSaved, listSaved } from './saved.ts';
import { SqlError, SqlSession } from './session.ts';

const sqlOptionsSchema = z.object({
  db: z.string().min(1),
  command: z.string().optional(),
  format: z.enum(FORMATS).default('table'),
  out: z.string().optional(),
  query: z.string().optional(),
  list: z.boolean().optional(),
});

const HISTORY_FILE = join(homedir(), '.jixiao_sql_history');

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

/**
 * `jixiao sql`: the read-only console, or one-shot SQL from -c, a file or a saved
 * query. One-shot output: only the result on stdout (or in --out); the row count
 * and timing on stderr; a SQL error exits 1, a usage error or missing warehouse 2.
 */
export async function sqlCommand(file: string | undefined, raw: unknown): Promise<void> {
  const parsed = sqlOptionsSchema.safeParse(raw);
  if (!parsed.success) fail(`参数有误：${z.prettifyError(parsed.error)}`);
  const options = parsed.data;

  if (options.list) {
    const saved = listSaved();
    if (!saved.length) console.error('queries/ 目录中没有保存的查询');
    for (const q of saved) process.stdout.write(`${q.name.padEnd(22)} ${q.title}\n`);
    return;
  }

  const sources = [options.command !== undefined, file !== undefined, options.query !== undefined].filter(Boolean).length;
  if (sources > 1) fail('-c、SQL 文件和 --query 只能三选一');
  let sql: string | null = options.command ?? null;
  if (options.query) {
    const saved = findSaved(options.query);
    if (!saved) fail(`没有名为 ${options.query} 的保存查询；npx jixiao sql --list 列出全部`);
    sql = saved.sql;
  }
  if (file !== undefined) {
    if (!existsSync(file)) fail(`找不到文件 ${file}`);
    sql = readFileSync(file, 'utf8');
  }
  if (options.format === 'xlsx' && !options.out) fail('--format xlsx 需要 --out 文件名（例如 --out 结果.xlsx）');
  const db = requireWarehouse(options.db);
  // a file that is not a DuckDB warehouse: one line, no stack
  const opened = await SqlSession.open(db).catch((err: unknown) => fail(err instanceof SqlError ? err.message : `无法打开仓库 ${db}：${String(err)}`));

  if (sql === null) {
    opened.close();
    // statements piped in (not a terminal): a failed one makes the exit status 1, as for -c
    const { errors } = await startRepl({
      db,
      input: process.stdin,
      output: process.stdout,
      terminal: !!process.stdin.isTTY && !!process.stdout.isTTY,
      prompts: !!process.stdin.isTTY,
      historyFile: process.stdin.isTTY ? HISTORY_FILE : null,
    });
    if (errors && !process.stdin.isTTY) process.exitCode = 1;
    return;
  }

  const session = opened;
  try {
    const result = await session.run(sql);
    if (options.format === 'xlsx') {
      // Chinese headers: each result column's comment in the warehouse (the first table that has one)
      // tables the statement names come first, so "unit" from reports reads as that table describes it
      const named = sql.toLowerCase().replace(/'/g, "''");
      const comments = await session.run(`select column_name, arg_min(comment, (case when position(lower(table_name) in '${named}') > 0 then 0 else 1 end, table_name)) as comment
        from duckdb_columns() where comment is not null and comment <> '' group by column_name`);
      await writeXlsx(result, options.out!, new Map(comments.rows.map(([name, comment]) => [String(name), String(comment)])));
    } else {
      const width = !options.out && process.stdout.isTTY ? process.stdout.columns : 10_000;
      // CSV with a byte-order mark, as the site's downloads: Excel then reads the Chinese as UTF-8
      const text = (options.format === 'csv' ? '\ufeff' : '') + renderText(result, options.format, width);
      if (options.out) writeFileSync(options.out, text);
      else process.stdout.write(text);
    }
    const count = result.columns.length ? `${result.rows.length} 行` : '完成';
    console.error(`${count}，${formatMs(result.ms)}${options.out ? ` → ${options.out}` : ''}`);
  } catch (err) {
    console.error(err instanceof SqlError ? `SQL 错误：${err.message}` : `无法写出结果：${(err as Error).message}`);
    process.exitCode = 1;
  } finally {
    session.close();
  }
}
