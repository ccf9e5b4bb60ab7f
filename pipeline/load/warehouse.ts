import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writerOptions, type DuckDBResources } from './resources.ts';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { appendColumnsTo, CHUNK_ROWS } from './chunks.ts';
import type { ReportColumns } from './columns.ts';
import { asScript, commentSql, createTableSql, type MappedTable, type TableColumns, type TableShape } from './spec.ts';
import { RUNS, TABLES, type RunRow } from './tables.ts';
import { tempPathFor } from '../ops/paths.ts';

/**
 * Writes a warehouse into a temporary file next to the target, report by report
 * (columns built by the workers → whole DuckDB data chunks through one appender
 * per table, so memory does not grow with the folder), and renames the file into
 * place when the job says it is complete: readers never see a half-built database
 * and a failed build leaves the previous one untouched. It writes rows and nothing
 * else; resubmissions (resolve.ts), the models and the review step are the job's
 * steps on the connection it hands out.
 */

const SHAPES = new Map(TABLES.map((t) => [t.name, t]));

function shapeOf(table: string): TableShape {
  const shape = SHAPES.get(table);
  if (!shape) throw new Error(`unknown warehouse table ${table}`);
  return shape;
}

function removeDb(path: string): void {
  for (const p of [path, `${path}.wal`]) rmSync(p, { force: true });
}

export class WarehouseWriter {
  private readonly appenders = new Map<string, DuckDBAppender>();

  private constructor(
    readonly dbPath: string,
    readonly tmpPath: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  static async create(dbPath: string, resources?: DuckDBResources): Promise<WarehouseWriter> {
    const tmp = tempPathFor(dbPath);
    removeDb(tmp);
    const instance = await DuckDBInstance.create(tmp, writerOptions(dbPath, resources));
    const connection = await instance.connect();
    const writer = new WarehouseWriter(dbPath, tmp, instance, connection);
    try {
      await connection.run(asScript(TABLES.flatMap((spec) => [createTableSql(spec), ...commentSql(spec)])));
    } catch (err) {
      writer.abort();
      throw err;
    }
    return writer;
  }

  /**
   * A copy of the current warehouse, to be changed and swapped in like a new one (a run that
   * found nothing changed keeps the tables and adds itself to `runs`).
   */
  static async copyOf(dbPath: string, resources?: DuckDBResources): Promise<WarehouseWriter> {
    const tmp = tempPathFor(dbPath);
    removeDb(tmp);
    copyFileSync(dbPath, tmp);
    const instance = await DuckDBInstance.create(tmp, writerOptions(dbPath, resources));
    return new WarehouseWriter(dbPath, tmp, instance, await instance.connect());
  }

  /** DuckDB's memory_limit from now on (a figure such as "256MiB"; the build lowers it while workers read). */
  async setMemoryLimit(limit: string): Promise<void> {
    if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(limit)) throw new Error(`not a DuckDB memory figure: ${limit}`);
    await this.connection.run(`set memory_limit = '${limit}'`);
  }

  /** Replaces the runs table (a kept warehouse's runs gain the new run). */
  async replaceRuns(rows: readonly RunRow[]): Promise<void> {
    await this.flush();
    await this.connection.run('delete from runs');
    await this.append(RUNS, rows);
  }

  /** Counts of a finished warehouse: current reports, superseded ones and ingest errors. */
  async counts(): Promise<{ loaded: number; superseded: number; failed: number; byReference: number }> {
    await this.flush();
    const reader = await this.connection.runAndReadAll(
      'select (select count(*) from reports), (select count(*) from reports where superseded_by is not null), (select count(*) from ingest_errors), (select count(*) from reports where reader_reason is not null)',
    );
    const [loaded, superseded, failed, byReference] = reader.getRows()[0].map(Number);
    return { loaded, superseded, failed, byReference };
  }

  /** Columns waiting per table, as the pieces handed over (joined once a chunk's worth is there). */
  private readonly pending = new Map<string, { rowCount: number; pieces: TableColumns[] }>();

  /** Records of a table (runs, errors) through the table's own mapping, appended like a report's columns. */
  async append<Source>(table: MappedTable<Source>, source: Source): Promise<void> {
    await this.appendColumns(table.name, table.columnsOf(source));
  }

  /** Columns are collected per table and written as whole data chunks of CHUNK_ROWS rows. */
  async appendColumns(table: string, columns: TableColumns): Promise<void> {
    if (!columns.rowCount) return;
    shapeOf(table);
    let batch = this.pending.get(table);
    if (!batch) this.pending.set(table, (batch = { rowCount: 0, pieces: [] }));
    batch.pieces.push(columns);
    batch.rowCount += columns.rowCount;
    if (batch.rowCount >= CHUNK_ROWS) await this.writeBatch(table, false);
  }

  async appendReport(columns: ReportColumns): Promise<void> {
    for (const [table, tableColumns] of Object.entries(columns)) await this.appendColumns(table, tableColumns);
  }

  /** Writes the pending rows of a table in full chunks (all of them when `all`, else leaving a partial chunk). */
  private async writeBatch(table: string, all: boolean): Promise<void> {
    const batch = this.pending.get(table);
    if (!batch?.rowCount) return;
    const spec = shapeOf(table);
    const joined = spec.columns.map((_, c) => (batch.pieces.length === 1 ? batch.pieces[0].columns[c] : batch.pieces.flatMap((p) => p.columns[c])));
    const full = all ? batch.rowCount : batch.rowCount - (batch.rowCount % CHUNK_ROWS);
    let appender = this.appenders.get(table);
    if (!appender) {
      appender = await this.connection.createAppender(table);
      this.appenders.set(table, appender);
    }
    appendColumnsTo(appender, spec, joined, full);
    const rest = batch.rowCount - full;
    this.pending.set(table, rest ? { rowCount: rest, pieces: [{ rowCount: rest, columns: joined.map((col) => col.slice(full)) }] } : { rowCount: 0, pieces: [] });
  }

  private async flush(): Promise<void> {
    for (const table of this.pending.keys()) await this.writeBatch(table, true);
    for (const appender of this.appenders.values()) appender.closeSync();
    this.appenders.clear();
  }

  /** Writes every pending row and returns the connection to the new warehouse, for the steps after loading. */
  async written(): Promise<DuckDBConnection> {
    await this.flush();
    return this.connection;
  }

  /** Another connection to the warehouse being written (the models run on several at once); the caller closes it. */
  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  /** Swaps the finished file into place (the models and the review step have run on it). */
  async commit(): Promise<void> {
    try {
      await this.flush();
      await this.connection.run('checkpoint');
      this.close();
      if (existsSync(`${this.tmpPath}.wal`)) throw new Error('临时仓库未完整写入（WAL 未合并）');
      // a stale log beside the old file must not be replayed onto the new one
      rmSync(`${this.dbPath}.wal`, { force: true });
      renameSync(this.tmpPath, this.dbPath);
    } catch (err) {
      this.abort();
      throw err;
    }
  }

  /** A shard's output: every loaded table as one Parquet file per table, no models. */
  async writeStore(store: string): Promise<void> {
    await this.flush();
    rmSync(store, { recursive: true, force: true });
    for (const spec of TABLES) {
      mkdirSync(join(store, spec.name), { recursive: true });
      await this.connection.run(`copy ${spec.name} to '${join(store, spec.name, 'data.parquet').replace(/'/g, "''")}' (format parquet)`);
    }
    this.abort();
  }

  /** Loads the tables of shard stores (see writeStore) in place of reading files. */
  async loadStores(files: (table: string) => string[]): Promise<void> {
    await this.flush();
    for (const spec of TABLES) {
      const paths = files(spec.name);
      if (!paths.length || spec.name === 'runs') continue;
      const list = paths.map((p) => `'${p.replace(/'/g, "''")}'`).join(', ');
      await this.connection.run(
        `insert into ${spec.name} select ${spec.columns.map((c) => c.name).join(', ')} from read_parquet([${list}], union_by_name = true)`,
      );
    }
  }

  private closed = false;
  private close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.appenders.clear();
      this.connection.closeSync();
      this.instance.closeSync();
    } catch {
      // closing after a failure must not hide the failure
    }
  }

  abort(): void {
    this.close();
    removeDb(this.tmpPath);
  }
}
