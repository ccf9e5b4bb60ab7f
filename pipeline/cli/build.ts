import cliProgress from 'cli-progress';
import { z } from 'zod';
import { build } from '../jobs/build.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { recordFailedStart } from '../ops/run-record.ts';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const buildOptionsSchema = z.object({
  input: z.string().min(1),
  db: z.string().min(1),
  config: z.string().optional(),
  allowShrink: z.boolean().optional(),
  progress: z.boolean().optional(),
  workers: z.coerce.number().int().min(1).max(256).optional(),
  cache: z.boolean().optional(),
  shard: z
    .string()
    .regex(/^\d+\/\d+$/, '格式为 k/n，例如 2/4')
    .transform((v) => {
      const [k, n] = v.split('/').map(Number);
      return { k, n };
    })
    .refine(({ k, n }) => n >= 1 && k >= 1 && k <= n, '分片 k/n 须满足 1 ≤ k ≤ n')
    .optional(),
  store: z.string().optional(),
  full: z.boolean().optional(),
  docxReader: z.enum(['ooxml', 'mammoth']).optional(),
  reviews: z.string().min(1).optional(),
});

/** `jixiao build`: one line of summary on stderr; exit 1 only when no new warehouse was produced. */
export async function buildCommand(raw: unknown): Promise<void> {
  const parsed = buildOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    console.error(`参数有误：${z.prettifyError(parsed.error)}`);
    process.exit(2);
  }
  const options = parsed.data;
  if (options.shard && !options.store) {
    console.error('--shard 需要同时给出 --store DIR（分片的提取结果写入该目录，再用 jixiao merge 合并）');
    process.exit(2);
  }
  let config;
  try {
    config = loadConfig(options.config);
    if (options.docxReader) config = { ...config, docxReader: options.docxReader };
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      // cron's monitor reads the status file: a config error is a failed run like any other
      try {
        mkdirSync(dirname(resolve(options.db)), { recursive: true });
      } catch {
        // an unusable path: the message above is all there is
      }
      recordFailedStart(resolve(options.store ? `${options.store.replace(/\/+$/, '')}.duckdb` : options.db), resolve(options.input), err.message);
      process.exit(2);
    }
    throw err;
  }
  const showBar = options.progress ?? process.stderr.isTTY;
  const bar = showBar
    ? new cliProgress.SingleBar(
        { format: '读取报告 [{bar}] {value}/{total} {file}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started = false;
  const summary = await build({
    input: options.input,
    db: options.db,
    config,
    allowShrink: options.allowShrink,
    workers: options.workers,
    cacheDir: options.cache === false ? null : undefined,
    shard: options.shard,
    store: options.store,
    full: options.full,
    reviews: options.reviews,
    onProgress: (done, total, file) => {
      if (!bar) return;
      if (!started) {
        bar.start(total, 0, { file: '' });
        started = true;
      }
      bar.update(done, { file: file.length > 40 ? '…' + file.slice(-39) : file });
    },
  });
  if (started) bar?.stop();
  const counts = `文件 ${summary.filesSeen}，载入 ${summary.filesLoaded}，被取代 ${summary.filesSuperseded}，失败 ${summary.filesFailed}，跳过 ${summary.filesSkipped}，缓存命中 ${summary.filesCached}，参照读取器 ${summary.filesByReference}，用时 ${summary.seconds} 秒`;
  if (summary.status === 'ok') {
    const kept = summary.unchanged ? '（文件、设置与模型均未变化，沿用现有结果；--full 可强制重建）' : '';
    console.error(`构建完成${kept}：${counts} → ${options.store ?? options.db}`);
  } else {
    console.error(`构建${summary.status === 'refused' ? '被拒绝' : '失败'}：${summary.message}（${counts}；原仓库未改动）`);
    process.exitCode = 1;
  }
}
