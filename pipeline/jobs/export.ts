import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openWarehouse } from '../load/query.ts';

/**
 * Every table of a warehouse as Parquet, Hive-partitioned where the table has a fiscal year or a
 * region, so pandas/pyarrow, Spark, Trino or DuckDB itself can read the directory.
 *
 * The directories are keyed by their own columns, `part_year=` and `part_region=`, and the files keep
 * `fiscal_year` and `region` as they are (null where the report states none). Two documented pyarrow
 * behaviours decide this layout: `pyarrow.parquet.read_table` (what `pandas.read_parquet` calls)
 * discovers Hive partitions as dictionaries, and a null partition value (its `null_fallback`,
 * `__HIVE_DEFAULT_PARTITION__`, or an empty value) makes it fail with "Cannot yet unify dictionaries
 * with nulls"; and a partition key that is also a column of the files fails with "Unable to merge:
 * incompatible types" (string against dictionary). So no directory ever has a null or empty value: a
 * missing year or region is MISSING_PARTITION, and the data column stays null. A table with neither
 * column, or with no rows, is one `<table>/data.parquet`.
 */

export const MISSING_PARTITION = '未填';
/** Partition directory key for each partitioning column of the warehouse. */
export const PARTITION_KEYS = { fiscal_year: 'part_year', region: 'part_region' } as const;
const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function tablesOf(connection: DuckDBConnection): Promise<{ name: string; columns: string[] }[]> {
  const reader = await connection.runAndReadAll(
    `select table_name, list(column_name order by column_index) from duckdb_columns() where schema_name = 'main' and not internal
     and table_name in (select table_name from duckdb_tables()) group by table_name order by table_name`,
  );
  return reader.getRows().map((r) => ({ name: String(r[0]), columns: (r[1] as { items: unknown[] }).items.map(String) }));
}

interface ExportedTable {
  table: string;
  /** the warehouse columns it is partitioned by, in directory order */
  partitioned: string[];
  rows: number;
}

export async function exportParquet(db: string, outDir: string): Promise<ExportedTable[]> {
  const out = resolve(outDir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const w = await openWarehouse(db);
  const written: ExportedTable[] = [];
  try {
    for (const { name, columns } of await tablesOf(w.connection)) {
      const keys = (Object.keys(PARTITION_KEYS) as (keyof typeof PARTITION_KEYS)[]).filter((k) => columns.includes(k));
      const target = join(out, name);
      const counted = await w.connection.runAndReadAll(`select count(*) from ${name}`);
      const rows = Number(counted.getRows()[0][0]);
      // a partitioned copy of no rows writes no file at all: an empty table is one file with its columns
      if (keys.length && rows > 0) {
        // the directory values: text, never null or empty (trimmed, since a blank name is no name)
        const parts = keys.map((k) => `coalesce(nullif(trim(${k}::varchar), ''), ${sqlText(MISSING_PARTITION)}) as ${PARTITION_KEYS[k]}`);
        await w.connection.run(
          `copy (select *, ${parts.join(', ')} from ${name}) to ${sqlText(target)}
           (format parquet, partition_by (${keys.map((k) => PARTITION_KEYS[k]).join(', ')}), overwrite_or_ignore true)`,
        );
      } else {
        mkdirSync(target, { recursive: true });
        await w.connection.run(`copy ${name} to ${sqlText(join(target, 'data.parquet'))} (format parquet)`);
      }
      written.push({ table: name, partitioned: rows > 0 ? keys : [], rows });
    }
  } finally {
    w.close();
  }
  return written;
}

/** The Parquet files of one table in a store written by a shard. */
export function storeFiles(store: string, table: string): string[] {
  const dir = join(resolve(store), table);
  try {
    return readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.parquet'))
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/**
 * Runs the models on an exported Parquet directory: views named like the
 * warehouse's base tables over the files (the partition keys left out), then
 * the same SQL models, into a new DuckDB file.
 */
export async function modelsOnParquet(parquetDir: string, db: string, settings: import('../models/settings.ts').RuleSettings): Promise<number> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const { TABLES } = await import('../load/tables.ts');
  const { runModels } = await import('../models/run.ts');
  const dir = resolve(parquetDir);
  rmSync(db, { force: true });
  const { writerOptions } = await import('../load/resources.ts');
  const instance = await DuckDBInstance.create(db, writerOptions(db));
  const c = await instance.connect();
  try {
    for (const spec of TABLES) {
      const files = readdirSync(join(dir, spec.name), { recursive: true }).map(String).filter((f) => f.endsWith('.parquet'));
      if (!files.length) continue;
      // fiscal_year and region are columns of the files; the part_* directory keys are left out
      const typed = spec.columns.map((col) => col.name).join(', ');
      await c.run(
        `create view ${spec.name} as select ${typed} from read_parquet(${sqlText(join(dir, spec.name, '**', '*.parquet'))}, hive_partitioning = true, union_by_name = true)`,
      );
    }
    await runModels(c, settings, undefined, { connect: () => instance.connect() });
    const reader = await c.runAndReadAll('select count(*) from anomalies');
    return Number(reader.getRows()[0][0]);
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}
