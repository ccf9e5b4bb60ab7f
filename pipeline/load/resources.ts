import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * DuckDB's memory limit and spill folder. Without a limit DuckDB takes 80% of the machine's
 * memory and a heavy model fails there ("Out of Memory"); with one it spills to the temp folder.
 */

export const duckdbSchema = z
  .object({
    /** DuckDB's memory_limit, e.g. "1GB", "512MB" */
    memoryLimit: z
      .string()
      .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, '形如 1GB、512MB')
      .default('1GB'),
    /** where heavy queries spill; default `<db>.tmp/` beside the warehouse being built */
    tempDirectory: z.string().min(1).nullable().default(null),
  })
  .strict()
  .prefault({});
export type DuckDBResources = z.infer<typeof duckdbSchema>;

const DEFAULT_RESOURCES: DuckDBResources = duckdbSchema.parse({});

/** Instance options for a warehouse being written at `dbPath`. */
export function writerOptions(dbPath: string, resources: DuckDBResources = DEFAULT_RESOURCES): Record<string, string> {
  return { memory_limit: resources.memoryLimit, temp_directory: resources.tempDirectory ?? `${dbPath}.tmp` };
}

/**
 * Instance options for a reader that must not touch any file but the warehouse: read-only, no file
 * system access from SQL (COPY, ATTACH, EXPORT, INSTALL, read_csv … are refused), spilling to a
 * folder of its own. `lock_configuration` is set on the connection (see lockedConnection).
 */
export function lockedReaderOptions(resources: DuckDBResources = DEFAULT_RESOURCES): Record<string, string> {
  return {
    access_mode: 'READ_ONLY',
    memory_limit: resources.memoryLimit,
    temp_directory: resources.tempDirectory ?? join(tmpdir(), `jixiao-sql-${process.pid}`),
    // last: options are applied in order, and a temp directory cannot be set once file access is off
    enable_external_access: 'false',
  };
}

/** Run on a locked reader's connection before anything else: no SET can undo the options. */
export const LOCK_CONFIGURATION = 'set lock_configuration = true';
