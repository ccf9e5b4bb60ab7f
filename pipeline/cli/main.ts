import { Command, Option } from 'commander';
import { buildCommand } from './build.ts';
import { checkCommand } from './check.ts';
import { DEFAULT_DB } from './warehouse-path.ts';

/** `jixiao <command>`: the command-line entry point. */

const program = new Command()
  .name('jixiao')
  .description('绩效自评报告分析：读取报告、建立 DuckDB 仓库、运行异常规则')
  .showHelpAfterError();

program
  .command('build')
  .description('读取输入目录中的全部报告，建立新的仓库并运行模型（原子替换）')
  .option('-i, --input <dir>', '报告所在目录（含子目录）', 'data/samples')
  .option('--db <file>', '仓库文件', DEFAULT_DB)
  .option('-c, --config <file>', '配置文件（JSON），默认读取当前目录的 jixiao.config.json')
  .option('--allow-shrink', '文件数远少于上次时仍然替换仓库')
  .addOption(new Option('--progress', '显示进度条（终端中默认显示）'))
  .option('--no-progress', '不显示进度条')
  .action(buildCommand);

program
  .command('check')
  .description('按报告列出异常标记（表格，或 --json 供脚本使用）')
  .option('--db <file>', '仓库文件', DEFAULT_DB)
  .option('--json', '输出 JSON（仅结果写到 stdout）')
  .addOption(new Option('--severity <level>', '只看某一严重程度').choices(['critical', 'warning', 'info']))
  .option('--rule <id>', '只看某一规则')
  .action(checkCommand);

await program.parseAsync(process.argv);
