import { Command, Option } from 'commander';
import { buildCommand } from './build.ts';
import { checkCommand } from './check.ts';
import { memoCommand } from './memo.ts';
import { reviewExportCommand } from './review.ts';
import { sqlCommand } from './sql/index.ts';
import { exportCommand, mergeCommand, modelsCommand } from './scale.ts';
import { serveCommand, siteCommand, startCommand } from './site.ts';
import { DEFAULT_DB } from './warehouse-path.ts';
import { quietUntilFailure, speakChinese } from './output.ts';
import { SEVERITY_NAMES } from '../models/severity.ts';

/** `jixiao <command>`: the command-line entry point. */

const program = speakChinese(new Command())
  .name('jixiao')
  .description('绩效自评报告分析：读取报告、建立 DuckDB 仓库、运行异常规则')
  .option('-q, --quiet', '成功时不输出任何信息，出错时才输出（供 cron 使用）')
  .showHelpAfterError('（加 --help 查看说明）');
program.hook('preAction', () => {
  if (program.opts().quiet) quietUntilFailure();
});

program
  .command('build')
  .description('读取输入目录中的全部报告，建立新的仓库并运行模型（原子替换）')
  .option('-i, --input <dir>', '报告所在目录（含子目录）', 'data/samples')
  .option('--db <file>', '仓库文件', DEFAULT_DB)
  .option('-c, --config <file>', '配置文件（JSON），默认读取当前目录的 jixiao.config.json')
  .option('--allow-shrink', '文件数远少于上次时仍然替换仓库')
  .addOption(new Option('--progress', '显示进度条（终端中默认显示）'))
  .option('--no-progress', '不显示进度条')
  .option('-w, --workers <n>', '读取文件的工作线程数（默认每核一个；少于 20 个文件时用一个工作线程）')
  .option('--no-cache', '不使用提取缓存（<仓库>.cache），全部重新解析')
  .option('--full', '即使文件、设置与模型都未变化，也重新读取并运行模型（默认沿用现有结果）')
  .option('--shard <k/n>', '只读取第 k 个分片（共 n 个，按路径哈希划分），需配合 --store')
  .option('--store <dir>', '把提取结果写成 Parquet 存储（供 jixiao merge 合并），而不是仓库')
  .addOption(new Option('--docx-reader <reader>', '.docx 读取器：ooxml 直接读取（默认）/ mammoth 参照读取器').choices(['ooxml', 'mammoth']))
  .option('--reviews <dir>', '复核表目录（每次构建读入其中全部 .xlsx；默认取配置 reviews.dir，即 data/reviews/）')
  .action(buildCommand);

const review = program.command('review').description('复核：导出复核表，供复核人填写结论后放回复核目录');
review
  .command('export')
  .description('导出复核表（每个现行标记一行，已复核的带现行结论）')
  .option('--db <file>', '仓库文件', DEFAULT_DB)
  .requiredOption('--out <file>', '输出的 .xlsx 文件')
  .action(reviewExportCommand);

program
  .command('memo')
  .description('生成复核意见（Word）：--report ID --out 文件.docx，或 --all --out 目录')
  .option('--db <file>', '仓库文件', DEFAULT_DB)
  .option('--report <id>', '报告编号（report_summary.report_id）')
  .option('--all', '为每份现行报告各写一份，文件名 <report_id>.docx')
  .requiredOption('--out <path>', '输出文件（--all 时为目录）')
  .action(memoCommand);

program
  .command('merge')
  .description('把多个分片存储合并为一个仓库并运行模型')
  .argument('<stores...>', '分片存储目录')
  .option('--db <file>', '仓库文件', DEFAULT_DB)
  .option('-c, --config <file>', '配置文件（JSON）')
  .action(mergeCommand);

program
  .command('export')
  .description('把仓库的每张表导出为 Parquet（按 fiscal_year、region 分区）')
  .requiredOption('--parquet <dir>', '输出目录')
  .option('--db <file>', '仓库文件', DEFAULT_DB)
  .action(exportCommand);

program
  .command('models')
  .description('在导出的 Parquet 目录上运行模型（规则与汇总），结果写入新的 DuckDB 文件')
  .requiredOption('--parquet <dir>', 'jixiao export 导出的目录')
  .requiredOption('--db <file>', '输出的 DuckDB 文件')
  .option('-c, --config <file>', '配置文件（JSON）')
  .action(modelsCommand);

program
  .command('check')
  .description('按报告列出异常标记（表格，或 --json 供脚本使用）')
  .option('--db <file>', '仓库文件', DEFAULT_DB)
  .option('--json', '输出 JSON（仅结果写到 stdout）')
  .addOption(new Option('--severity <level>', '只看某一严重程度').choices([...SEVERITY_NAMES]))
  .option('--rule <id>', '只看某一规则')
  .action(checkCommand);

program
  .command('sql')
  .description('只读 SQL 控制台；或 -c / 文件 / --query 一次性执行（结果写到 stdout）')
  .argument('[file]', '要执行的 .sql 文件')
  .option('--db <file>', '仓库文件', DEFAULT_DB)
  .option('-c, --command <sql>', '执行一条（或多条，以 ; 分隔）语句')
  .option('--query <name>', '执行 queries/ 中保存的查询')
  .option('--list', '列出保存的查询')
  .addOption(new Option('--format <format>', '结果格式').choices(['table', 'line', 'csv', 'json', 'markdown', 'xlsx']).default('table'))
  .option('--out <file>', '结果写入文件（xlsx 必须）')
  .action(sqlCommand);

program
  .command('site')
  .description('由仓库生成静态看板网站（仓库不存在时报错；给出 --input 则先由该目录构建）')
  .option('--db <file>', '仓库文件', DEFAULT_DB)
  .option('--out <dir>', '网站输出目录', 'dist')
  .option('-i, --input <dir>', '仓库不存在时先由此目录构建（不给则报错）')
  .option('-c, --config <file>', '配置文件（JSON）')
  .option('--memos', '同时为每份现行报告生成复核意见（memos/<report_id>.docx，单位页面链接到它）')
  .action(siteCommand);

program
  .command('serve')
  .description('在本机提供已生成的看板网站')
  .option('--dir <dir>', '网站目录', 'dist')
  .option('-p, --port <port>', '端口', '3000')
  .option('--host <host>', '监听地址', '127.0.0.1')
  .action(serveCommand);

program
  .command('start')
  .description('主流程：读取报告目录 → 构建仓库 → 运行模型 → 生成并提供看板')
  .option('-i, --input <dir>', '报告所在目录（含子目录）', 'data/samples')
  .option('--db <file>', '仓库文件', DEFAULT_DB)
  .option('--out <dir>', '网站输出目录', 'dist')
  .option('-c, --config <file>', '配置文件（JSON）')
  .option('--allow-shrink', '文件数远少于上次时仍然替换仓库')
  .option('-p, --port <port>', '端口', '3000')
  .option('--host <host>', '监听地址', '127.0.0.1')
  .action(startCommand);

await program.parseAsync(process.argv);
