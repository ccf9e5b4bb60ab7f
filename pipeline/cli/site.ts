import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { buildSite } from '../jobs/site.ts';
import { serveStatic } from '../serve.ts';
import { buildCommand } from './build.ts';
import { ConfigError, loadConfig } from '../config.ts';
import type { DuckDBResources } from '../load/resources.ts';

const siteOptionsSchema = z.object({
  db: z.string().min(1),
  out: z.string().min(1),
  input: z.string().min(1).optional(),
  config: z.string().optional(),
  memos: z.boolean().optional(),
});

/** A missing warehouse is built only from a folder named with --input; otherwise it is an error (a typo must not publish the samples). */
async function ensureWarehouse(options: z.infer<typeof siteOptionsSchema>): Promise<void> {
  if (existsSync(options.db)) return;
  if (!options.input) {
    console.error(`仓库 ${options.db} 不存在：请检查 --db，或先运行 npx jixiao build --input <报告目录> --db ${options.db}（也可加 --input <报告目录> 先构建）`);
    process.exit(2);
  }
  console.error(`仓库 ${options.db} 不存在，先从 ${options.input} 构建`);
  await buildCommand({ input: options.input, db: options.db, config: options.config });
  if (!existsSync(options.db)) process.exit(1);
}

/** `jixiao site`: the static dashboard in --out, from the warehouse (built first from --input when missing). */
export async function siteCommand(raw: unknown): Promise<void> {
  const options = siteOptionsSchema.parse(raw);
  let timeZone: string;
  let duckdb: DuckDBResources;
  try {
    ({ timeZone, duckdb } = loadConfig(options.config));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(2);
  }
  await ensureWarehouse(options);
  const started = Date.now();
  try {
    await buildSite(options.db, options.out, { memos: options.memos, timeZone, duckdb });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  console.error(`网站已生成：${options.out}（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
}

const serveOptionsSchema = z.object({ dir: z.string().min(1), port: z.coerce.number().int().min(0).max(65535), host: z.string() });

/** `jixiao serve`: serve a built site locally. */
export async function serveCommand(raw: unknown): Promise<void> {
  const options = serveOptionsSchema.parse(raw);
  if (!existsSync(options.dir)) {
    console.error(`目录 ${options.dir} 不存在；请先运行 npx jixiao site`);
    process.exit(2);
  }
  let server;
  try {
    server = await serveStatic(options.dir, options.port, options.host);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') console.error(`端口 ${options.port} 已被占用：请用 --port 换一个端口，或先结束占用它的程序`);
    else if (code === 'EACCES') console.error(`没有权限监听端口 ${options.port}（1024 以下的端口需要管理员权限）：请用 --port 换一个端口`);
    else if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') console.error(`无法在地址 ${options.host} 上监听：请检查 --host`);
    else throw err;
    process.exit(2);
  }
  const { port } = server.address() as AddressInfo;
  console.error(`看板已在 http://${options.host}:${port}/ 提供（Ctrl+C 结束）`);
}

/** `jixiao start`: the main job on a folder: build the warehouse, the site, and serve it. */
export async function startCommand(raw: unknown): Promise<void> {
  const options = siteOptionsSchema.extend({ port: z.coerce.number().int(), host: z.string(), allowShrink: z.boolean().optional() }).parse(raw);
  await buildCommand({ input: options.input, db: options.db, config: options.config, allowShrink: options.allowShrink });
  if (!existsSync(options.db)) process.exit(1);
  await siteCommand(options);
  await serveCommand({ dir: options.out, port: options.port, host: options.host });
}
