import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { duckdbSchema } from './load/resources.ts';
import { SMALLEST_BUILD_MB } from './ingest/memory.ts';
import { ruleSettingsSchema } from './models/settings.ts';

// zod's messages in Chinese wherever configuration or options are checked
z.config(z.locales.zhCN());

/**
 * Run configuration: limits for reading files, the shrink guard, and the rules'
 * thresholds. Read from a JSON file (default `jixiao.config.json` in the working
 * folder, when present); every key is optional and falls back to its default.
 */

export const limitsSchema = z
  .object({
    /** files larger than this are refused (scanned seals make real reports large) */
    maxFileBytes: z.number().int().positive().default(100 * 1024 * 1024),
    /** declared uncompressed size of a .docx; above it the file is treated as a zip bomb */
    maxUncompressedBytes: z.number().int().positive().default(500 * 1024 * 1024),
    /** inflated size of a .docx's word/document.xml, counted while inflating (declared sizes can lie) */
    maxDocumentXmlBytes: z.number().int().positive().default(16 * 1024 * 1024),
    /** table rows, table cells and tables inside tables in one .docx */
    maxTableRows: z.number().int().positive().default(20_000),
    maxTableCells: z.number().int().positive().default(400_000),
    maxTableNesting: z.number().int().positive().default(16),
    /** seconds one file may take to read and extract (every file is read on a worker thread) */
    maxSecondsPerFile: z.number().positive().default(60),
    /** heap of the worker thread reading one file, in MB; above it the file becomes an out_of_memory row */
    maxMegabytesPerFile: z.number().int().min(32).default(768),
    /**
     * memory the build may take while it reads, in MB: every worker's heap, the main thread and DuckDB's
     * load buffers together; each worker's heap cap is its share, at most maxMegabytesPerFile (ingest/memory.ts)
     */
    maxBuildMegabytes: z.number().int().min(SMALLEST_BUILD_MB).default(1024),
  })
  .strict()
  .prefault({});
export type Limits = z.infer<typeof limitsSchema>;

/** The review score's grade bands: a score at or above a band's lower bound gets that grade (below `fair`: 差). */
export const gradeBandsSchema = z
  .object({
    excellent: z.number().min(0).max(100).default(90),
    good: z.number().min(0).max(100).default(80),
    fair: z.number().min(0).max(100).default(60),
  })
  .strict()
  .refine((b) => b.excellent >= b.good && b.good >= b.fair, '等级下限须满足 excellent ≥ good ≥ fair')
  .prefault({});
export type GradeBands = z.infer<typeof gradeBandsSchema>;

const reviewsSchema = z
  .object({
    /** folder of filled-in review sheets (.xlsx) read on every build */
    dir: z.string().min(1).default('data/reviews'),
    grades: gradeBandsSchema,
  })
  .strict()
  .prefault({});

export const configSchema = z
  .object({
    limits: limitsSchema,
    reviews: reviewsSchema,
    /** refuse to replace the warehouse when a run sees fewer than this share of the last run's files */
    minShareOfLastRun: z.number().min(0).max(1).default(0.5),
    /** .docx reader: `ooxml` the direct reader (default), `mammoth` the reference reader */
    docxReader: z.enum(['ooxml', 'mammoth']).default('ooxml'),
    /** DuckDB's memory limit and spill folder while building and running the models */
    duckdb: duckdbSchema,
    /** the zone the dashboard shows times in (IANA name); the warehouse keeps UTC */
    timeZone: z
      .string()
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat('zh-CN', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, '不是有效的时区名称（例如 Asia/Shanghai）')
      .default('Asia/Shanghai'),
    rules: ruleSettingsSchema,
  })
  .strict()
  .prefault({});
export type Config = z.infer<typeof configSchema>;

const DEFAULT_CONFIG_FILE = 'jixiao.config.json';

export class ConfigError extends Error {}

export function loadConfig(file?: string): Config {
  const path = file ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : null);
  if (!path) return configSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`配置文件 ${path} 无法读取或不是合法 JSON：${(err as Error).message}`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`配置文件 ${path} 有误：\n${z.prettifyError(parsed.error).replace(/→ at /g, "→ 位置 ")}`);
  }
  return parsed.data;
}
