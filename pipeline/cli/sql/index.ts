import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { requireWarehouse } from '../warehouse-path.ts';
import { FORMATS, renderText, writeXlsx } from './export.ts';
import { startRepl } from './repl.ts';
import { findSaved, listSaved } from './saved.ts';
import { SqlSession } from './session.ts';

const sqlOptionsSchema = z.object({
  db: z.string().min(1),
  command: z.string().optional(),
  format: z.enum(FORMATS).default('table'),
  out: z.string().optional(),
  query: z.string().optional(),
  list: z.boolean().optional(),
});

/** `jixiao sql`: the console, or one-shot queries for scripts (only the result on stdout). */
export async function sqlCommand(file: string | undefined, raw: unknown): Promise<void> {
  const parsed = sqlOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    console.error(`参数有误：${z.prettifyError(parsed.error)}`);
    process.exit(2);
  }
  const options = parsed.data;
  if (options.list) {
    for (const q of listSaved()) process.stdout.write(`${q.name.padEnd(22)} ${q.title}\n`);
    return;
  }
  let sql = options.command ?? null;
  if (options.query) {
    const saved = findSaved(options.query);
    if (!saved) {
      console.error(`没有名为 ${options.query} 的保存查询；npx jixiao sql --list 列出全部`);
      process.exit(2);
    }
    sql = saved.sql;
  }
  if (file) {
    if (!existsSync(file)) {
      console.error(`找不到文件 ${file}`);
      process.exit(2);
    }
    sql = readFileSync(file, 'utf8');
  }
  const db = requireWarehouse(options.db);
  if (sql === null) {
    await startRepl({
      db,
      input: process.stdin,
      output: process.stdout,
      terminal: process.stdin.isTTY,
      historyFile: join(homedir(), '.jixiao_sql_history'),
      width: process.stdout.columns,
    });
    return;
  }
  if (options.format === 'xlsx' && !options.out) {
    console.error('--format xlsx 需要 --out 文件名');
    process.exit(2);
  }
  const session = await SqlSession.open(db);
  try {
    const result = await session.query(sql);
    if (options.format === 'xlsx') await writeXlsx(result, options.out!);
    else {
      const text = renderText(result, options.format, process.stdout.isTTY ? process.stdout.columns : 10_000);
      if (options.out) (await import('node:fs')).writeFileSync(options.out, text);
      else process.stdout.write(text);
    }
    console.error(`${result.rows.length} 行，${result.ms.toFixed(0)} 毫秒${options.out ? ` → ${options.out}` : ''}`);
  } catch (err) {
    console.error(`SQL 错误：${(err as Error).message}`);
    process.exitCode = 1;
  } finally {
    session.close();
  }
}
