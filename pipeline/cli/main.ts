import { Command, Option } from 'commander';
import { buildCommand } from './build.ts';

/** `jixiao <command>`: the command-line entry point. */

const program = new Command()
  .name('jixiao')
  .description('绩效自评报告分析：读取报告、建立 DuckDB 仓库、运行异常规则')
  .showHelpAfterError();

program
  .command('build')
  .description('读取输入目录中的全部报告，建立新的仓库并运行模型（原子替换）')
  .option('-i, --input <dir>', '报告所在目录（含子目录）', 'data/samples')
  .option('--db <file>', '仓库文件', 'data/warehouse.duckdb')
  .option('-c, --config <file>', '配置文件（JSON），默认读取当前目录的 jixiao.config.json')
  .option('--allow-shrink', '文件数远少于上次时仍然替换仓库')
  .addOption(new Option('--progress', '显示进度条（终端中默认显示）'))
  .option('--no-progress', '不显示进度条')
  .action(buildCommand);

await program.parseAsync(process.argv);
