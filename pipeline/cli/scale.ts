import { z } from 'zod';
import { ConfigError, loadConfig } from '../config.ts';
import { exportParquet, modelsOnParquet } from '../jobs/export.ts';
import { mergeStores } from '../jobs/merge.ts';
import { requireWarehouse } from './warehouse-path.ts';

/** `jixiao merge` and `jixiao export`: past one machine. */

export async function mergeCommand(stores: string[], raw: unknown): Promise<void> {
  const options = z.object({ db: z.string().min(1), config: z.string().optional() }).parse(raw);
  try {
    const started = Date.now();
    const { reports, superseded } = await mergeStores(stores, options.db, loadConfig(options.config));
    console.error(`合并完成：${stores.length} 个分片，报告 ${reports}，被取代 ${superseded}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒 → ${options.db}`);
  } catch (err) {
    console.error(`合并失败：${err instanceof ConfigError ? err.message : (err as Error).message}（原仓库未改动）`);
    process.exitCode = 1;
  }
}

export async function exportCommand(raw: unknown): Promise<void> {
  const options = z.object({ db: z.string().min(1), parquet: z.string().min(1) }).parse(raw);
  const written = await exportParquet(requireWarehouse(options.db), options.parquet);
  for (const t of written) console.error(`${t.table}${t.partitioned.length ? `（按 ${t.partitioned.join('、')} 分区）` : ''}`);
  console.error(`已导出 ${written.length} 张表 → ${options.parquet}`);
}

export async function modelsCommand(raw: unknown): Promise<void> {
  const options = z.object({ parquet: z.string().min(1), db: z.string().min(1), config: z.string().optional() }).parse(raw);
  const flags = await modelsOnParquet(options.parquet, options.db, loadConfig(options.config).rules);
  console.error(`模型已在 ${options.parquet} 上运行：${flags} 条标记 → ${options.db}`);
}
