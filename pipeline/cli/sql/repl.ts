import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import stringWidth from 'string-width';
import type { ResultSet } from '../render.ts';
import { DOT_COMMANDS, runCommand, type CommandContext, type ConsoleState } from './commands.ts';
import { makeCompleter } from './complete.ts';
import { renderText } from './export.ts';
import { listSaved } from './saved.ts';
import { SqlSession, type Timed } from './session.ts';
import { oneLine, scanInput } from './statements.ts';

/**
 * The interactive console on streams (a terminal, or any Readable/Writable):
 * statements end with ";" and may span lines, lines starting with "." are
 * commands, errors are printed and the console stays open.
 */

interface ReplOptions {
  db: string;
  input: Readable;
  output: Writable;
  /** kept between runs; null = no history file */
  historyFile?: string | null;
  /** a real terminal: line editing, Tab completion, Ctrl-C */
  terminal?: boolean;
  /** table width (default: the output's columns, else 120) */
  width?: number;
  /** print the greeting and prompts (default true; off when statements are piped in) */
  prompts?: boolean;
}

const HISTORY_SIZE = 1000;
export const NEWER_PROMPT = 'jixiao(新仓库可用，输入 .reload)';

const readHistory = (file: string | null | undefined): string[] =>
  file && existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()) : [];

export const formatMs = (ms: number) => (ms < 1000 ? `${Math.max(0, Math.round(ms))} 毫秒` : `${(ms / 1000).toFixed(2)} 秒`);

function describeError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/read-only mode|read-only|read only/i.test(message)) return `错误：仓库以只读方式打开，不能修改数据（${message.split('\n')[0]}）`;
  if (/interrupt/i.test(message)) return '已中断';
  return `错误：${message}`;
}

/** Resolves when the console ends, with the number of statements that failed. */
export async function startRepl(options: ReplOptions): Promise<{ errors: number }> {
  const session = await SqlSession.open(options.db);
  const out = options.output;
  const terminal = options.terminal ?? false;
  const say = (s: string) => out.write(s.endsWith('\n') ? s : s + '\n');
  const width = () => options.width ?? (out as Writable & { columns?: number }).columns ?? 120;
  const state: ConsoleState = { mode: 'table', outputFile: null, maxRows: 1000 };
  let catalog = await session.catalog().catch(() => new Map<string, string[]>());
  let buffer = '';
  let bufferLines = 0;
  let running = false;
  let errors = 0;

  const history = readHistory(options.historyFile).slice(-HISTORY_SIZE).reverse();
  const rl = createInterface({
    input: options.input,
    output: out,
    terminal,
    history,
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    completer: makeCompleter({
      catalog: () => catalog,
      dotCommands: DOT_COMMANDS,
      savedQueries: () => listSaved().map((q) => q.name),
      continuing: () => buffer.length > 0,
    }),
  });

  /** Records an entry in the history file, and in a terminal makes a multi-line statement one entry. */
  const remember = (entry: string, lines: number) => {
    const flat = oneLine(entry);
    if (terminal && lines > 1) {
      const live = (rl as unknown as { history?: string[] }).history ?? history;
      let k = 0;
      for (const l of entry.split('\n').reverse()) if (l.trim() && live[k] === l) k++;
      live.splice(0, k, flat);
    }
    if (options.historyFile) {
      try {
        appendFileSync(options.historyFile, flat + '\n');
      } catch {
        // history is a convenience
      }
    }
  };

  const prompts = options.prompts ?? true;
  const prompt = () => {
    if (!prompts) return;
    const base = session.newerAvailable() ? NEWER_PROMPT : 'jixiao';
    rl.setPrompt(buffer ? ' '.repeat(Math.max(0, stringWidth(base) - 3)) + '...> ' : `${base}> `);
    rl.prompt();
  };

  const show = (result: Timed) => {
    const toFile = state.outputFile;
    const cut = !toFile && state.mode === 'table' && state.maxRows > 0 && result.rows.length > state.maxRows;
    const shown: ResultSet = cut ? { columns: result.columns, rows: result.rows.slice(0, state.maxRows) } : result;
    const text = renderText(shown, state.mode, toFile ? 10_000 : width());
    if (toFile) appendFileSync(toFile, text);
    else out.write(text);
    const count = result.columns.length ? `${result.rows.length} 行` : '完成';
    const note = cut ? `（显示前 ${state.maxRows} 行；.maxrows 0 显示全部）` : '';
    say(`${count}${note}，${formatMs(result.ms)}${toFile ? `，已写入 ${toFile}` : ''}`);
  };

  const execute = async (sql: string) => {
    running = true;
    try {
      await session.run(sql, show);
    } catch (err) {
      errors++;
      say(describeError(err));
    } finally {
      running = false;
    }
  };

  const reload = async () => {
    await session.reload();
    catalog = await session.catalog().catch(() => catalog);
    const latest = await session.run('select max(started) from runs').catch(() => null);
    const when = latest?.rows[0]?.[0];
    say(`已重新打开仓库 ${options.db}${when ? `（最近一次构建 ${when}）` : ''}`);
  };

  const ctx: CommandContext = { session, state, say, execute, reload };

  if (terminal) {
    rl.on('SIGINT', () => {
      if (running) {
        session.interrupt();
        return;
      }
      if (buffer || rl.line) {
        // drop what was typed: the statement so far and the current line
        out.write('^C\n');
        buffer = '';
        bufferLines = 0;
        rl.write(null, { ctrl: true, name: 'e' });
        rl.write(null, { ctrl: true, name: 'u' });
      } else out.write('\n（输入 .quit 或按 Ctrl-D 退出）\n');
      prompt();
    });
  }

  if (prompts) say(`jixiao SQL 控制台 · ${options.db}（只读）· 语句以 ; 结束 · .help 查看命令`);
  prompt();
  try {
    for await (const line of rl) {
      if (!buffer && /^\s*\./.test(line)) {
        remember(line.trim(), 1);
        if ((await runCommand(line, ctx)) === 'quit') break;
      } else {
        buffer = buffer ? `${buffer}\n${line}` : line;
        bufferLines++;
        const scanned = scanInput(buffer);
        if (scanned.empty) {
          buffer = '';
          bufferLines = 0;
        } else if (scanned.complete) {
          const sql = buffer;
          remember(sql, bufferLines);
          buffer = '';
          bufferLines = 0;
          await execute(sql);
        }
      }
      prompt();
    }
    // input ended in the middle of a statement: run what was typed
    if (buffer.trim()) {
      remember(buffer, bufferLines);
      await execute(buffer);
    }
  } finally {
    rl.close();
    session.close();
    trimHistory(options.historyFile);
  }
  return { errors };
}

/** Keeps the history file to its last HISTORY_SIZE entries. */
function trimHistory(file: string | null | undefined): void {
  if (!file) return;
  try {
    const lines = readHistory(file);
    if (lines.length > HISTORY_SIZE) writeFileSync(file, lines.slice(-HISTORY_SIZE).join('\n') + '\n');
  } catch {
    // history is a convenience
  }
}
