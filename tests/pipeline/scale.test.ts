import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, shardOf } from '../../pipeline/jobs/build.ts';
import { configSchema } from '../../pipeline/config.ts';
import { exportParquet, MISSING_PARTITION, modelsOnParquet } from '../../pipeline/jobs/export.ts';
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

  it('exports every table as Parquet with no null or empty partition value, each table read back equal to the warehouse', async () => {
    // a warehouse where reports lack a region (null, blank) and a year, as real folders have
    const db = join(dir, 'gaps.duckdb');
    copyFileSync(join(dir, 'whole.duckdb'), db);
    const edit = await DuckDBInstance.create(db);
    const e = await edit.connect();
    const ids = (await e.runAndReadAll('select report_id from reports order by report_id')).getRows().map((r) => String(r[0]));
    await e.run(`update reports set region = null where report_id = '${ids[0]}'`);
    await e.run(`update reports set region = '  ' where report_id = '${ids[1]}'`);
    await e.run(`update reports set fiscal_year = null, region = null where report_id = '${ids[2]}'`);
    await e.run(`update report_summary set region = null where report_id = '${ids[0]}'`);
    e.closeSync();
    edit.closeSync();

    const out = join(dir, 'parquet');
    const written = await exportParquet(db, out);
    expect(written.find((t) => t.table === 'reports')?.partitioned).toEqual(['fiscal_year', 'region']);
    expect(existsSync(join(out, 'reports', 'part_year=2021'))).toBe(true);
    // DuckDB writes partition values URI-encoded (pyarrow's default segment_encoding 'uri' decodes them)
    const missing = encodeURIComponent(MISSING_PARTITION);
    expect(existsSync(join(out, 'reports', `part_year=${missing}`, `part_region=${missing}`))).toBe(true);
    // every partition directory, at any depth, has a value that is neither empty, null nor Hive's null fallback
    const segments = readdirSync(out, { recursive: true }).map(String).flatMap((p) => p.split(sep))
      .filter((s) => s.includes('=')).map(decodeURIComponent);
    expect(segments.length).toBeGreaterThan(0);
    const bad = [...new Set(segments)].filter((s) => /^[^=]+=(|null|NULL|__HIVE_DEFAULT_PARTITION__)$/.test(s) || s.split('=')[1].trim() === '');
    expect(bad).toEqual([]);
    // the partition keys are not columns of the files (pyarrow fails when a key is both)
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    await c.run(`attach '${db}' as w (read_only)`);
    const fileColumns = (await c.runAndReadAll(
      `select distinct name from parquet_schema('${out}/reports/**/*.parquet')`)).getRows().map((r) => String(r[0]));
    expect(fileColumns).toContain('region');
    expect(fileColumns).not.toContain('part_region');
    expect(fileColumns).not.toContain('part_year');
    // every table: same row count, and (hive_partitioning on) the same rows as the warehouse, nulls kept
    const tables = (await c.runAndReadAll(`select table_name from duckdb_tables() where database_name = 'w' order by 1`)).getRows().map((r) => String(r[0]));
    expect(written.map((t) => t.table).sort()).toEqual(tables);
    for (const t of written) {
      const source = `read_parquet('${join(out, t.table)}/**/*.parquet', hive_partitioning = true, union_by_name = true)`;
      const columns = (await c.runAndReadAll(
        `select list(column_name order by column_index) from duckdb_columns() where database_name = 'w' and table_name = '${t.table}'`,
      )).getRows()[0][0] as { items: unknown[] };
      const asText = columns.items.map((x) => `"${String(x)}"`).join(', ');
      const [[fromFiles]] = (await c.runAndReadAll(`select count(*) from ${source}`)).getRows();
      const [[inWarehouse]] = (await c.runAndReadAll(`select count(*) from w.${t.table}`)).getRows();
      expect({ table: t.table, rows: Number(fromFiles) }).toEqual({ table: t.table, rows: Number(inWarehouse) });
      expect(t.rows).toBe(Number(inWarehouse));
      const [[onlyOneSide]] = (await c.runAndReadAll(`
        select (select count(*) from (select ${asText} from ${source} except all select ${asText} from w.${t.table}))
             + (select count(*) from (select ${asText} from w.${t.table} except all select ${asText} from ${source}))`)).getRows();
      expect({ table: t.table, differing: Number(onlyOneSide) }).toEqual({ table: t.table, differing: 0 });
    }
    // the reports with no region or year read back as null, not as the directory placeholder
    const nulls = (await c.runAndReadAll(
      `select count(*) filter (where region is null), count(*) filter (where fiscal_year is null), count(*) filter (where region = '${MISSING_PARTITION}')
       from read_parquet('${out}/reports/**/*.parquet', hive_partitioning = true)`)).getRows()[0].map(Number);
    expect(nulls).toEqual([2, 1, 0]);
    c.closeSync();
    instance.closeSync();
    // the same models over the directory give the same flags as over the warehouse it came from
    const fromParquet = await modelsOnParquet(out, join(dir, 'from-parquet.duckdb'), config.rules);
    const w = await openWarehouse(db);
    const [{ n }] = await w.query('select count(*) as n from anomalies');
    w.close();
    expect(fromParquet).toBeGreaterThan(0);
    expect(fromParquet).toBe(Number(n));
  }, 60_000);
});
