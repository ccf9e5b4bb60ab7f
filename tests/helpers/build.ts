import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildSummary } from '../../pipeline/jobs/build.ts';
import { configSchema } from '../../pipeline/config.ts';

/** Builds a warehouse from a folder into a fresh temporary directory. */
export async function buildInto(input: string, configInput: unknown = {}, db?: string): Promise<{ db: string; summary: BuildSummary }> {
  const target = db ?? join(mkdtempSync(join(tmpdir(), 'jixiao-test-')), 'warehouse.duckdb');
  const summary = await build({ input, db: target, config: configSchema.parse(configInput), allowShrink: true });
  if (summary.status !== 'ok') throw new Error(`build ${summary.status}: ${summary.message}`);
  return { db: target, summary };
}
