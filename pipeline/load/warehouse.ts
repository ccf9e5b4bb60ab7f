import { existsSync, renameSync, rmSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import type { RuleSettings } from '../models/settings.ts';
import { runModels } from '../models/run.ts';
import { toArrow } from './arrow.ts';
import { appendArrow, commentSql, createTableSql } from './duckdb.ts';
import { TABLES, type Row } from './tables.ts';

/**
 * Writes a complete warehouse into a temporary file next to the target and
 * renames it into place, so readers never see a half-built database and a
 * failed build leaves the previous one untouched.
 */

export type TableRows = Record<string, Row[]>;

export function tempPathFor(dbPath: string): string {
  return `${dbPath}.building-${process.pid}`;
}

function removeDb(path: string): void {
  for (const p of [path, `${path}.wal`]) rmSync(p, { force: true });
}

export async function writeWarehouse(
  dbPath: string,
  rows: TableRows,
  settings: RuleSettings,
  afterLoad?: (connection: import('@duckdb/node-api').DuckDBConnection) => Promise<void>,
): Promise<void> {
  const tmp = tempPathFor(dbPath);
  removeDb(tmp);
  try {
    const instance = await DuckDBInstance.create(tmp);
    const connection = await instance.connect();
    try {
      for (const spec of TABLES) {
        await connection.run(createTableSql(spec));
        for (const statement of commentSql(spec)) await connection.run(statement);
        await appendArrow(connection, spec, toArrow(spec, rows[spec.name] ?? []));
      }
      if (afterLoad) await afterLoad(connection);
      await runModels(connection, settings);
      await connection.run('checkpoint');
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    if (existsSync(`${tmp}.wal`)) throw new Error('临时仓库未完整写入（WAL 未合并）');
    // a stale log beside the old file must not be replayed onto the new one
    rmSync(`${dbPath}.wal`, { force: true });
    renameSync(tmp, dbPath);
  } catch (err) {
    removeDb(tmp);
    throw err;
  }
}
