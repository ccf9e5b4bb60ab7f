import { Command, Help } from 'commander';

/**
 * The command line in Chinese, and `--quiet` for cron: messages are held back and written only when
 * the command fails, so a nightly run that succeeds prints nothing and cron sends no mail.
 */

export function quietUntilFailure(): void {
  const held: string[] = [];
  const hold = (...args: unknown[]) => {
    held.push(args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? (a.stack ?? a.message) : JSON.stringify(a))).join(' '));
  };
  console.error = hold;
  console.warn = hold;
  console.info = hold;
  process.on('exit', (code) => {
    if (code !== 0 && held.length) process.stderr.write(held.join('\n') + '\n');
  });
}

// commander's messages (v14) and their Chinese; the rest of the line (option names, values) is kept
const MESSAGES: [RegExp, string][] = [
  [/^error: unknown option '(.*)'/, '错误：未知选项 $1'],
  [/^error: unknown command '(.*)'/, '错误：未知命令 $1'],
  [/^error: missing required argument '(.*)'/, '错误：缺少必需的参数 $1'],
  [/^error: option '(.*)' argument missing/, '错误：选项 $1 缺少取值'],
  [/^error: required option '(.*)' not specified/, '错误：缺少必需的选项 $1'],
  [/^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\./, '错误：选项 $1 的取值 $2 无效，可选：$3'],
  [/^error: too many arguments for '(.*)'\. Expected (\d+) arguments? but got (\d+)\./, '错误：命令 $1 的参数过多（应为 $2 个，给出了 $3 个）'],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\./, '错误：参数过多（应为 $1 个，给出了 $2 个）'],
  [/^error: (.*)/, '错误：$1'],
  [/\(Did you mean (.*)\?\)/, '（是否想输入 $1？）'],
  [/\(add --help for additional information\)/, '（加 --help 查看说明）'],
];

export function translateCommanderMessage(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      for (const [pattern, zh] of MESSAGES) if (pattern.test(line)) return line.replace(pattern, zh);
      return line;
    })
    .join('\n');
}

const TITLES: Record<string, string> = { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' };

/** Chinese help headings, help option and error messages, inherited by every subcommand added after this call. */
export function speakChinese(program: Command): Command {
  return program
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个命令的帮助')
    .configureHelp({
      styleTitle: (title: string) => TITLES[title] ?? title,
      optionDescription: (option) => new Help().optionDescription(option).replace(/\(default: (.*)\)$/, '（默认：$1）').replace(/\(choices: (.*)\)/, '（可选：$1）'),
    })
    .configureOutput({ outputError: (text, write) => write(translateCommanderMessage(text)) });
}
