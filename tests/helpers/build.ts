import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildSummary } from '../../pipeline/jobs/build.ts';
import { configSchema } from '../../pipeline/config.ts';
import { REPO_ROOT } from './paths.ts';

/** Builds a warehouse from a folder into a fresh temporary directory. */
export async function buildInto(input: string, configInput: unknown = {}, db?: string): Promise<{ db: string; summary: BuildSummary }> {
  const target = db ?? join(mkdtempSync(join(tmpdir(), 'jixiao-test-')), 'warehouse.duckdb');
  const summary = await build({ input, db: target, config: configSchema.parse(configInput), allowShrink: true });
  if (summary.status !== 'ok') throw new Error(`build ${summary.status}: ${summary.message}`);
  return { db: target, summary };
}

/** The build in a child process: its summary and the process's peak resident memory in MB. */
export function buildInChild(input: string, db: string, configInput: unknown = {}): { summary: BuildSummary; maxRssMb: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'tests', 'helpers', 'build-child.ts'), input, db, JSON.stringify(configInput)], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (r.status !== 0) throw new Error(`child build exited ${r.status} (${r.signal ?? ''}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { summary: BuildSummary; maxRssMb: number };
}
