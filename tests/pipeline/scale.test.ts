import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, shardOf } from '../../pipeline/jobs/build.ts';
import { configSchema } from '../../pipeline/config.ts';
import { exportParquet, HIVE_DEFAULT, modelsOnParquet } from '../../pipeline/jobs/export.ts';
import { openWarehouse } from '../../pipeline/load/query.ts';
import { mergeStores } from '../../pipeline/jobs/merge.ts';
import { DuckDBInstance } from '@duckdb/node-api';
import { SEEDS_DIR } from '../helpers/paths.ts';

/** Past one machine: shards into stores, one merged warehouse, Parquet export. */

const config = configSchema.parse({});

async function snapshot(db: string) {
  const w = await openWarehouse(db);
  try {
    return {
      reports: (await w.query('select file_name, unit, fiscal_year, self_score from reports order by file_name')),
      flags: (await w.query('select flag_key from anomalies order by flag_key')).map((r) => r.flag_key),
    };
  } finally {
    w.close();
  }
}

describe('shards, merge and Parquet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-scale-'));

  it('splits files deterministically and merges shards into the same warehouse as one build', async () => {
    const names = readdirSync(SEEDS_DIR);
    expect(names.map((f) => shardOf(f, 3))).toEqual(names.map((f) => shardOf(f, 3)));
    const stores: string[] = [];
    let loaded = 0;
    for (let k = 1; k <= 3; k++) {
      const store = join(dir, `shard-${k}`);
      const s = await build({ input: SEEDS_DIR, db: join(dir, 'unused.duckdb'), config, shard: { k, n: 3 }, store, cacheDir: null });
      expect(s.status).toBe('ok');
      loaded += s.filesLoaded;
      stores.push(store);
    }
    expect(loaded).toBe(names.length);
    await mergeStores(stores, join(dir, 'merged.duckdb'), config);
    await build({ input: SEEDS_DIR, db: join(dir, 'whole.duckdb'), config, cacheDir: null });
    expect(await snapshot(join(dir, 'merged.duckdb'))).toEqual(await snapshot(join(dir, 'whole.duckdb')));
  }, 120_000);

  it('exports every table as Parquet, partitioned by year and region where the table has them', async () => {
    const out = join(dir, 'parquet');
    const written = await exportParquet(join(dir, 'whole.duckdb'), out);
    expect(written.find((t) => t.table === 'reports')?.partitioned).toEqual(['fiscal_year', 'region']);
    expect(existsSync(join(out, 'reports', 'fiscal_year=2021'))).toBe(true);
    // the models' inputs read back from the directory with DuckDB alone
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    const reader = await c.runAndReadAll(
      `select count(*), count(distinct fiscal_year) from read_parquet('${out}/reports/**/*.parquet', hive_partitioning = true)`,
    );
    expect(reader.getRows()[0].map(Number)).toEqual([5, 3]);
    const flags = await c.runAndReadAll(`select count(*) from read_parquet('${out}/anomalies/*.parquet')`);
    expect(Number(flags.getRows()[0][0])).toBeGreaterThan(0);
    c.closeSync();
    instance.closeSync();
    expect(HIVE_DEFAULT).toBe('__HIVE_DEFAULT_PARTITION__');
    // the same models over the directory give the same flags
    const fromParquet = await modelsOnParquet(out, join(dir, 'from-parquet.duckdb'), config.rules);
    expect(fromParquet).toBe((await snapshot(join(dir, 'whole.duckdb'))).flags.length);
  }, 60_000);
});
