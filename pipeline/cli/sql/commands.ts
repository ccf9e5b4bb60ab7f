import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { TEXT_FORMATS, type TextFormat } from './export.ts';
import { findSaved, listSaved } from './saved.ts';
import { sqlString, type SqlSession } from './session.ts';

/** The console's dot-commands: lines starting with "." (never inside a statement). */

export interface ConsoleState {
  mode: TextFormat;
  /** results go to this file instead of the screen */
  outputFile: string | null;
  /** rows shown on screen in table mode (0 = all) */
  maxRows: number;
}

export interface CommandContext {
  session: SqlSession;
  state: ConsoleState;
  say: (text: string) => void;
  /** runs SQL and shows every statement's result */
  execute: (sql: string) => Promise<void>;
  reload: () => Promise<void>;
}

export const DOT_COMMANDS = [
  '.tables', '.schema', '.rules', '.query', '.mode', '.output', '.maxrows', '.read', '.reload', '.help', '.quit', '.exit',
] as const;

const HELP = `命令（以 . 开头，单独一行）：
  .tables                          列出表和视图（附说明）
  .schema [表]                     字段、类型与说明；不带参数列出全部表的字段
  .rules                           规则目录：编号、名称、层级、当前阈值、标记数
  .query [名称]                    执行 queries/ 中保存的查询；不带参数列出全部
  .mode table|line|csv|json|markdown 结果格式（默认 table；line 每列一行）
  .output [文件]                   结果写入文件；不带参数回到屏幕
  .maxrows N                       表格最多显示 N 行（0 = 全部，默认 1000）
  .read 文件.sql                   执行文件中的全部语句
  .reload                          重新打开仓库（提示符显示“新仓库可用”时）
  .help                            本帮助
  .quit / .exit                    退出（也可按 Ctrl-D）
SQL 语句以分号 ; 结束，可以跨行；Tab 补全表名、字段名和命令；Ctrl-C 取消输入或中断查询。
仓库以只读方式打开：不能修改数据，构建期间也可以一直开着。`;

/** The argument after the command, without surrounding quotes. */
const argument = (rest: string) => rest.trim().replace(/^(["'])(.*)\1$/, '$2');

const main = `schema_name = 'main' and database_name = current_database()`;

export async function runCommand(line: string, ctx: CommandContext): Promise<'quit' | 'continue'> {
  const m = /^\s*(\.\S+)\s*(.*)$/.exec(line);
  const cmd = m?.[1] ?? '';
  const arg = argument(m?.[2] ?? '');
  const { state, say, execute } = ctx;
  switch (cmd) {
    case '.quit':
    case '.exit':
      return 'quit';
    case '.help':
      say(HELP);
      break;
    case '.tables':
      await execute(`select table_name as name, '表' as kind, estimated_size as estimated_rows, comment from duckdb_tables() where ${main}
                     union all
                     select view_name, '视图', null, comment from duckdb_views() where ${main} and not internal
                     order by name;`);
      break;
    case '.schema':
      if (!arg) {
        await execute(`select table_name as "table", column_name as "column", data_type as type, comment from duckdb_columns()
                       where ${main} order by table_name, column_index;`);
        break;
      }
      await schema(arg, ctx);
      break;
    case '.rules':
      await execute(`select rule_id as id, title, tier, default_severity as severity, enabled, settings, reports_flagged, flags
                     from rules order by tier, rule_id;`);
      break;
    case '.query': {
      if (!arg) {
        for (const q of listSaved()) say(`  ${q.name.padEnd(22)} ${q.title}`);
        break;
      }
      const saved = findSaved(arg);
      if (!saved) say(`没有名为 ${arg} 的保存查询；.query 列出全部`);
      else await execute(saved.sql);
      break;
    }
    case '.mode':
      if (!arg) say(`结果格式：${state.mode}`);
      else if ((TEXT_FORMATS as readonly string[]).includes(arg)) {
        state.mode = arg as TextFormat;
        say(`结果格式：${state.mode}`);
      } else say('用法：.mode table|line|csv|json|markdown');
      break;
    case '.output':
      if (!arg) {
        state.outputFile = null;
        say('结果回到屏幕');
        break;
      }
      try {
        writeFileSync(arg, '');
        state.outputFile = arg;
        say(`结果将写入 ${arg}（.output 回到屏幕）`);
      } catch (err) {
        say(`无法写入 ${arg}：${(err as Error).message}`);
      }
      break;
    case '.maxrows':
      if (/^\d+$/.test(arg)) {
        state.maxRows = Number(arg);
        say(state.maxRows ? `表格最多显示 ${state.maxRows} 行` : '表格显示全部行');
      } else say(`用法：.maxrows N（当前 ${state.maxRows || '全部'}）`);
      break;
    case '.read':
      if (!arg) say('用法：.read 文件.sql');
      else if (!existsSync(arg)) say(`找不到文件 ${arg}`);
      else await execute(readFileSync(arg, 'utf8'));
      break;
    case '.reload':
      try {
        await ctx.reload();
      } catch (err) {
        say(`无法重新打开仓库（仍使用原来的）：${(err as Error).message}`);
      }
      break;
    default:
      say(`未知命令 ${cmd || line.trim()}；输入 .help 查看命令`);
  }
  return 'continue';
}

/** One table or view: its comment, then its columns with types and comments. */
async function schema(name: string, { session, say, execute }: CommandContext): Promise<void> {
  const found = await session.run(`select '表' as kind, comment from duckdb_tables() where ${main} and table_name = ${sqlString(name)}
                                   union all
                                   select '视图', comment from duckdb_views() where ${main} and view_name = ${sqlString(name)}`);
  if (!found.rows.length) {
    say(`没有名为 ${name} 的表或视图；.tables 列出全部`);
    return;
  }
  const [kind, comment] = found.rows[0];
  say(`${kind} ${name}${comment ? `：${comment}` : ''}`);
  await execute(`select column_name as "column", data_type as type, case when is_nullable then '' else 'not null' end as "null", comment
                 from duckdb_columns() where ${main} and table_name = ${sqlString(name)} order by column_index;`);
}
