import { statSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Cell, ResultSet } from '../render.ts';

/**
 * A read-only connection to the warehouse that notices when the nightly build
 * has renamed a newer file into place, and can reopen on it.
 */

export function toCell(value: unknown): Cell {
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

interface FileId {
  ino: number;
  mtimeMs: number;
}

const fileId = (path: string): FileId | null => {
  try {
    const s = statSync(path);
    return { ino: s.ino, mtimeMs: s.mtimeMs };
  } catch {
    return null;
  }
};

export class SqlSession {
  private instance!: DuckDBInstance;
  private connection!: DuckDBConnection;
  private opened: FileId | null = null;

  private constructor(readonly db: string) {}

  static async open(db: string): Promise<SqlSession> {
    const session = new SqlSession(db);
    await session.connect();
    return session;
  }

  private async connect(): Promise<void> {
    this.opened = fileId(this.db);
    this.instance = await DuckDBInstance.create(this.db, { access_mode: 'READ_ONLY' });
    this.connection = await this.instance.connect();
  }

  /** The build renames a new file over the old one: a different inode or time means a newer warehouse. */
  newerAvailable(): boolean {
    const now = fileId(this.db);
    return !!now && !!this.opened && (now.ino !== this.opened.ino || now.mtimeMs !== this.opened.mtimeMs);
  }

  async reload(): Promise<void> {
    this.close();
    await this.connect();
  }

  /** Runs one or more statements; the result is the last one's. */
  async query(sql: string): Promise<Timed> {
    const started = performance.now();
    const reader = await this.connection.runAndReadAll(sql);
    const columns = reader.columnNames();
    const rows = reader.getRows().map((r) => r.map(toCell));
    return { columns, rows, ms: performance.now() - started };
  }

  async tableNames(): Promise<string[]> {
    const r = await this.query(`select table_name from duckdb_tables() where schema_name = 'main' union select view_name from duckdb_views() where schema_name = 'main' and not internal order by 1`);
    return r.rows.map((x) => String(x[0]));
  }

  async columnNames(): Promise<string[]> {
    const r = await this.query(`select distinct column_name from duckdb_columns() where schema_name = 'main' order by 1`);
    return r.rows.map((x) => String(x[0]));
  }

  close(): void {
    try {
      this.connection?.closeSync();
      this.instance?.closeSync();
    } catch {
      // already closed
    }
  }
}
