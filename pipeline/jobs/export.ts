import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openWarehouse } from '../load/query.ts';

/**
 * Every table of a warehouse as Parquet, Hive-partitioned by fiscal_year and
 * region where the table has them (a missing value goes to Hive's default
 * partition), so Spark, Trino or DuckDB itself can read the directory.
 */

export const HIVE_DEFAULT = '__HIVE_DEFAULT_PARTITION__';
const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function tablesOf(connection: DuckDBConnection): Promise<{ name: string; columns: string[] }[]> {
  const reader = await connection.runAndReadAll(
    `select table_name, list(column_name order by column_index) from duckdb_columns() where schema_name = 'main' and not internal
     and table_name in (select table_name from duckdb_tables()) group by table_name order by table_name`,
  );
  return reader.getRows().map((r) => ({ name: String(r[0]), columns: (r[1] as { items: unknown[] }).items.map(String) }));
}

export async function exportParquet(db: string, outDir: string): Promise<{ table: string; partitioned: string[] }[]> {
  const out = resolve(outDir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const w = await openWarehouse(db);
  const written: { table: string; partitioned: string[] }[] = [];
  try {
    for (const { name, columns } of await tablesOf(w.connection)) {
      const keys = ['fiscal_year', 'region'].filter((k) => columns.includes(k));
      const target = join(out, name);
      if (keys.length) {
        // partition values are text, so a missing one can go to the default partition
        const select = columns
          .map((c) => (keys.includes(c) ? `coalesce(${c}::varchar, ${sqlText(HIVE_DEFAULT)}) as ${c}` : c))
          .join(', ');
        await w.connection.run(
          `copy (select ${select} from ${name}) to ${sqlText(target)} (format parquet, partition_by (${keys.join(', ')}), overwrite_or_ignore true)`,
        );
      } else {
        mkdirSync(target, { recursive: true });
        await w.connection.run(`copy ${name} to ${sqlText(join(target, 'data.parquet'))} (format parquet)`);
      }
      written.push({ table: name, partitioned: keys });
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
 * warehouse's base tables over the files (partition values typed back), then
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
      const typed = spec.columns
        .map((col) =>
          col.name === 'fiscal_year'
            ? `nullif(fiscal_year::varchar, ${sqlText(HIVE_DEFAULT)})::integer as fiscal_year`
            : col.name === 'region'
              ? `nullif(region::varchar, ${sqlText(HIVE_DEFAULT)}) as region`
              : col.name,
        )
        .join(', ');
      await c.run(
        `create view ${spec.name} as select ${typed} from read_parquet(${sqlText(join(dir, spec.name, '**', '*.parquet'))}, hive_partitioning = true, union_by_name = true)`,
      );
    }
    await runModels(c, settings);
    const reader = await c.runAndReadAll('select count(*) from anomalies');
    return Number(reader.getRows()[0][0]);
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}
