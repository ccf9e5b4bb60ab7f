import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface, type Completer } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { FORMATS, renderText, writeXlsx, type Format } from './export.ts';
import { SqlSession } from './session.ts';

/**
 * The interactive console: statements end with ";", lines starting with "."
 * are commands. Errors are printed and the console stays open.
 */

export interface ReplOptions {
  db: string;
  input: Readable;
  output: Writable;
  historyFile?: string | null;
  terminal?: boolean;
  width?: number;
}

const DOT_COMMANDS = ['.tables', '.schema', '.rules', '.mode', '.output', '.read', '.reload', '.help', '.quit', '.exit'];

const HELP = `命令（以 . 开头）：
  .tables              列出表和视图
  .schema [表]         表的字段、类型与说明
  .rules               规则目录与当前阈值
  .mode table|csv|json|markdown   结果格式
  .output [文件]       结果写入文件；不带参数则回到屏幕
  .read 文件.sql       执行文件中的语句
  .reload              重新打开仓库（构建生成了新仓库时）
  .help                本帮助
  .quit                退出
SQL 语句以分号 ; 结束，可以跨行。仓库以只读方式打开。`;

export async function startRepl(options: ReplOptions): Promise<void> {
  const session = await SqlSession.open(options.db);
  const out = options.output;
  const say = (s: string) => out.write(s.endsWith('\n') ? s : s + '\n');
  let mode: Exclude<Format, 'xlsx'> = 'table';
  let outputFile: string | null = null;
  const names = [...(await session.tableNames()), ...(await session.columnNames())];

  const completer: Completer = (line: string) => {
    const word = /[\w.]*$/.exec(line)?.[0] ?? '';
    const pool = line.trimStart().startsWith('.') && !line.includes(' ') ? DOT_COMMANDS : names;
    const hits = pool.filter((n) => n.startsWith(word));
    return [hits.length ? hits : pool, word];
  };

  const history = options.historyFile && existsSync(options.historyFile)
    ? readFileSync(options.historyFile, 'utf8').split('\n').filter(Boolean).reverse().slice(0, 1000)
    : [];
  const rl = createInterface({
    input: options.input,
    output: out,
    terminal: options.terminal ?? false,
    completer,
    history,
    historySize: 1000,
  });
  const remember = (entry: string) => {
    if (options.historyFile) {
      try {
        appendFileSync(options.historyFile, entry.replace(/\n/g, ' ') + '\n');
      } catch {
        // history is a convenience
      }
    }
  };

  const prompt = (continuing: boolean) => {
    const base = session.newerAvailable() ? 'jixiao(有新仓库，输入 .reload)' : 'jixiao';
    rl.setPrompt(continuing ? ' '.repeat(base.length - 2) + '...> ' : `${base}> `);
    rl.prompt();
  };

  const show = async (sql: string) => {
    try {
      const result = await session.query(sql);
      const rendered = renderText(result, mode, options.width);
      if (outputFile) appendFileSync(outputFile, rendered);
      else out.write(rendered);
      say(`${result.rows.length} 行，${result.ms.toFixed(0)} 毫秒${outputFile ? `（已写入 ${outputFile}）` : ''}`);
    } catch (err) {
      const message = (err as Error).message;
      say(/read-only|read only/i.test(message) ? `错误：仓库以只读方式打开，不能修改数据（${message.split('\n')[0]}）` : `错误：${message}`);
    }
  };

  const command = async (line: string): Promise<boolean> => {
    const [cmd, ...args] = line.trim().split(/\s+/);
    const arg = args.join(' ');
    switch (cmd) {
      case '.quit':
      case '.exit':
        return false;
      case '.help':
        say(HELP);
        break;
      case '.tables':
        await show(`select table_name as name, 'table' as kind, comment from duckdb_tables() where schema_name = 'main'
                    union all select view_name, 'view', comment from duckdb_views() where schema_name = 'main' and not internal order by 1`);
        break;
      case '.schema': {
        if (arg) {
          const [t] = (await session.query(`select comment from duckdb_tables() where table_name = '${arg.replace(/'/g, "''")}'`)).rows;
          if (t?.[0]) say(`${arg}：${t[0]}`);
        }
        await show(`select table_name as "table", column_name as "column", data_type as type, comment from duckdb_columns()
                    where schema_name = 'main' ${arg ? `and table_name = '${arg.replace(/'/g, "''")}'` : ''} order by table_name, column_index`);
        break;
      }
      case '.rules':
        await show('select rule_id, title, tier, default_severity, enabled, settings, reports_flagged, flags from rules order by tier, rule_id');
        break;
      case '.mode':
        if ((FORMATS as readonly string[]).includes(arg) && arg !== 'xlsx') {
          mode = arg as typeof mode;
          say(`结果格式：${mode}`);
        } else say('用法：.mode table|csv|json|markdown');
        break;
      case '.output':
        outputFile = arg || null;
        if (outputFile) writeFileSync(outputFile, '');
        say(outputFile ? `结果将写入 ${outputFile}` : '结果回到屏幕');
        break;
      case '.read':
        if (!arg || !existsSync(arg)) say(`找不到文件 ${arg}`);
        else await show(readFileSync(arg, 'utf8'));
        break;
      case '.reload':
        await session.reload();
        say('已重新打开仓库');
        break;
      default:
        say(`未知命令 ${cmd}；输入 .help 查看命令`);
    }
    return true;
  };

  say(`jixiao SQL 控制台 · ${options.db}（只读）· .help 查看命令`);
  let buffer = '';
  prompt(false);
  try {
    for await (const line of rl) {
      if (!buffer && line.trim().startsWith('.')) {
        remember(line.trim());
        if (!(await command(line))) break;
      } else if (line.trim() || buffer) {
        buffer += (buffer ? '\n' : '') + line;
        if (buffer.trim().endsWith(';')) {
          remember(buffer.trim());
          await show(buffer);
          buffer = '';
        }
      }
      prompt(buffer.length > 0);
    }
  } finally {
    rl.close();
    session.close();
  }
}
