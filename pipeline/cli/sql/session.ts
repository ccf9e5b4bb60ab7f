import { statSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Cell, ResultSet } from '../render.ts';
import { LOCK_CONFIGURATION, lockedReaderOptions } from '../../load/resources.ts';

/**
 * A read-only connection to the warehouse. The nightly build writes a new file
 * and renames it over the old one; the session keeps reading the file it opened,
 * notices the newer one (different inode or modification time) and can reopen.
 */

/** A DuckDB value as a plain cell: bigint → number, DECIMAL → number, dates and the rest → their ISO text. */
function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  const v = value as { toDouble?: () => number };
  if (typeof v.toDouble === 'function') return v.toDouble(); // DECIMAL
  return String(value);
}

export interface Timed extends ResultSet {
  ms: number;
}

/** A statement the warehouse refused, with DuckDB's message (no stack). */
export class SqlError extends Error {}

interface FileId {
  ino: number;
  mtimeMs: number;
  size: number;
}

const fileId = (path: string): FileId | null => {
  try {
    const s = statSync(path);
    return { ino: s.ino, mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return null;
  }
};

const sameFile = (a: FileId, b: FileId) => a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.size === b.size;

export const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).replace(/^Failed to extract statements:\s*/, '');

interface Handle {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  file: FileId | null;
}

/**
 * Read-only, and unable to write anywhere: DuckDB refuses every file but the warehouse (COPY TO,
 * ATTACH, EXPORT DATABASE, INSTALL, read_csv …) and the settings are locked. The console's own
 * exports (.output, --out, --format xlsx) are written by this process, not by SQL.
 */
async function openHandle(db: string): Promise<Handle> {
  const file = fileId(db);
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(db, lockedReaderOptions());
  } catch (err) {
    throw new SqlError(`无法打开仓库 ${db}：${message(err).split('\n')[0]}（不是 DuckDB 数据库，或版本不符、文件损坏）`);
  }
  try {
    const connection = await instance.connect();
    await connection.run(LOCK_CONFIGURATION);
    return { instance, connection, file };
  } catch (err) {
    instance.closeSync();
    throw err;
  }
}

export class SqlSession {
  private constructor(
    readonly db: string,
    private handle: Handle,
  ) {}

  static async open(db: string): Promise<SqlSession> {
    return new SqlSession(db, await openHandle(db));
  }

  /** True when the file at the path is no longer the one this session opened. */
  newerAvailable(): boolean {
    const now = fileId(this.db);
    return !!now && !!this.handle.file && !sameFile(now, this.handle.file);
  }

  /** Opens the file now at the path; the old connection stays in use if that fails. */
  async reload(): Promise<void> {
    const next = await openHandle(this.db);
    const previous = this.handle;
    this.handle = next;
    closeHandle(previous);
  }

  /** Stops the running statement (Ctrl-C in the console). */
  interrupt(): void {
    this.handle.connection.interrupt();
  }

  /**
   * Runs every statement in `sql` in order, reporting each result; resolves to the last one.
   * A failing statement stops the run with a SqlError naming it when there are several.
   */
  async run(sql: string, onResult?: (result: Timed, index: number, count: number) => void | Promise<void>): Promise<Timed> {
    const { connection } = this.handle;
    let extracted;
    try {
      extracted = await connection.extractStatements(sql);
    } catch (err) {
      throw new SqlError(sql.trim() ? message(err) : '没有可执行的语句');
    }
    let last: Timed | null = null;
    for (let i = 0; i < extracted.count; i++) {
      const started = performance.now();
      let result: Timed;
      try {
        const prepared = await extracted.prepare(i);
        try {
          const reader = await prepared.runAndReadAll();
          result = { columns: reader.columnNames(), rows: reader.getRows().map((r) => r.map(toCell)), ms: performance.now() - started };
        } finally {
          prepared.destroySync();
        }
      } catch (err) {
        throw new SqlError(extracted.count > 1 ? `第 ${i + 1} 条语句：${message(err)}` : message(err));
      }
      await onResult?.(result, i, extracted.count);
      last = result;
    }
    if (!last) throw new SqlError('没有可执行的语句');
    return last;
  }

  /** Table and view names, and the columns of each, for completion. */
  async catalog(): Promise<Map<string, string[]>> {
    const r = await this.run(`select table_name, column_name from duckdb_columns()
                              where schema_name = 'main' and database_name = current_database() order by table_name, column_index`);
    const tables = new Map<string, string[]>();
    for (const [t, c] of r.rows) tables.set(String(t), [...(tables.get(String(t)) ?? []), String(c)]);
    return tables;
  }

  close(): void {
    closeHandle(this.handle);
  }
}

function closeHandle(h: Handle): void {
  try {
    h.connection.closeSync();
  } catch {
    // already closed
  }
  try {
    h.instance.closeSync();
  } catch {
    // already closed
  }
}
