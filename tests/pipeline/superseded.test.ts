import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBConnection } from '@duckdb/node-api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { build } from '../../pipeline/jobs/build.ts';
import { mergeStores } from '../../pipeline/jobs/merge.ts';
import { configSchema } from '../../pipeline/config.ts';
import { openWarehouse } from '../../pipeline/load/query.ts';
import { listModels } from '../../pipeline/models/run.ts';
import { buildInto } from '../helpers/build.ts';
import { SAMPLES_DIR } from '../helpers/paths.ts';

/**
 * A build's count of superseded files (runs.files_superseded, the summary) is what the models decided
 * (reports.superseded_by): the versions model's query runs once per build, in the models.
 */

const versions = listModels().find((m) => m.name === 'int_report_versions')!;
// a line of the model's own SQL: any statement running the model carries it
const MARKER = versions.sql.split('\n').find((l) => l.includes('first_value(report_id) over versions'))!.trim();

afterEach(() => vi.restoreAllMocks());

/**
 * Statements that run the versions query. Its text also comes back once in the view put back after
 * the models (the staged views, run.ts): a view's definition computes nothing.
 */
const runningVersions = (statements: string[]) =>
  statements.filter((s) => s.split(';\n').some((part) => part.includes(MARKER) && !/^\s*create\s+(or\s+replace\s+)?view\b/i.test(part)));

/** Every sample twice: each copy is superseded by its original (or the other way round). */
function samplesTwice(): { input: string; samples: number } {
  const input = mkdtempSync(join(tmpdir(), 'jixiao-superseded-'));
  const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.docx'));
  for (const f of samples) {
    copyFileSync(join(SAMPLES_DIR, f), join(input, f));
    copyFileSync(join(SAMPLES_DIR, f), join(input, `copy-${f}`));
  }
  return { input, samples: samples.length };
}

/** The SQL of every statement DuckDB is given from here on (until the mocks are restored). */
function recordStatements(): string[] {
  const statements: string[] = [];
  for (const method of ['run', 'stream', 'start', 'startStream', 'prepare'] as const) {
    const original = DuckDBConnection.prototype[method] as (this: DuckDBConnection, sql: string, ...rest: unknown[]) => Promise<unknown>;
    vi.spyOn(DuckDBConnection.prototype, method).mockImplementation(function (this: DuckDBConnection, sql: string, ...rest: unknown[]) {
      statements.push(sql);
      return original.call(this, sql, ...rest);
    } as never);
  }
  return statements;
}

describe('superseded files of a build', () => {
  it('are counted from the models’ versions, the versions query run once; the runs row, the summary and reports agree', async () => {
    expect(MARKER).toBeTruthy();
    const { input, samples } = samplesTwice();
    const statements = recordStatements();
    const { db, summary } = await buildInto(input);
    vi.restoreAllMocks();
    expect(statements.length).toBeGreaterThan(50);
    expect(runningVersions(statements)).toHaveLength(1);

    const w = await openWarehouse(db);
    try {
      const [{ n }] = await w.query(`select count(*) as n from reports where superseded_by is not null`);
      const runs = await w.query(`select files_superseded, files_loaded, status from runs`);
      expect(Number(n)).toBe(samples);
      expect(summary.filesSuperseded).toBe(samples);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ files_superseded: samples, files_loaded: samples * 2, status: 'ok' });
    } finally {
      w.close();
    }
  });

  it('of a merge are the models’ count over every shard, the versions query run once by the merge', async () => {
    const { input, samples } = samplesTwice();
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-superseded-merge-'));
    const config = configSchema.parse({});
    const stores = [1, 2].map((k) => join(dir, `shard-${k}`));
    for (const [i, store] of stores.entries()) {
      const shard = await build({ input, db: join(dir, 'unused.duckdb'), config, store, shard: { k: i + 1, n: 2 }, workers: 1 });
      expect(shard.status, shard.message).toBe('ok');
    }
    const db = join(dir, 'merged.duckdb');
    const statements = recordStatements();
    const merged = await mergeStores(stores, db, config);
    vi.restoreAllMocks();
    expect(runningVersions(statements)).toHaveLength(1);
    expect(merged).toEqual({ reports: samples * 2, superseded: samples });
    const w = await openWarehouse(db);
    try {
      expect(await w.query(`select files_superseded, files_loaded from runs`)).toEqual([{ files_superseded: samples, files_loaded: samples * 2 }]);
    } finally {
      w.close();
    }
  });
});
