import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledEntry } from '../../bin/compiled.mjs';

/**
 * The worker threads' entry as one compiled JavaScript file (bin/compiled.mjs), so that a worker
 * starting does not compile TypeScript. Where it cannot be built (no esbuild, read-only folder)
 * the workers load the TypeScript through tsx as before.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const TSX_ENTRY = new URL('./worker-entry.mjs', import.meta.url).href;

let entry: Promise<string> | null = null;

/** The URL the pool loads its workers from: the compiled bundle, or the tsx entry when it cannot be built. */
export function workerEntry(): Promise<string> {
  entry ??= compiledEntry(join(HERE, 'worker.ts'), 'worker').catch(() => TSX_ENTRY);
  return entry;
}
