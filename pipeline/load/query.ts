import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** Small helpers to read a warehouse: plain JS rows (bigint → number, dates → ISO text). */

export type PlainValue = string | number | boolean | null;
export type PlainRow = Record<string, PlainValue>;

export function plain(value: unknown): PlainValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

async function queryRows(connection: DuckDBConnection, sql: string): Promise<PlainRow[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjects().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
}

export interface Warehouse {
  /** for further connections (one streaming result runs per connection at a time) */
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  query: (sql: string) => Promise<PlainRow[]>;
  close: () => void;
}

export async function openWarehouse(path: string, readOnly = true): Promise<Warehouse> {
  const instance = await DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : {});
  const connection = await instance.connect();
  return {
    instance,
    connection,
    query: (sql) => queryRows(connection, sql),
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
