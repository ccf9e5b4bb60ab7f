import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The worker threads' entry as one compiled JavaScript file, so that a worker
 * starting does not compile TypeScript: `pipeline/ingest/worker.ts` bundled by
 * esbuild (npm packages left as imports) into `node_modules/.cache/jixiao/`,
 * named by a hash of the pipeline's sources, built once and reused until a
 * source changes. Where it cannot be built (no esbuild, read-only folder) the
 * workers load the TypeScript through tsx as before.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const PIPELINE = resolve(HERE, '..');
const REPO_ROOT = resolve(PIPELINE, '..');
const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'jixiao');
const TSX_ENTRY = new URL('./worker-entry.mjs', import.meta.url).href;

/** Hash of every TypeScript source under pipeline/ (a changed source gives a new file). */
function sourcesHash(): string {
  // the bundle holds the sources' absolute locations (see sourceLocations): a moved folder is a new bundle
  const hash = createHash('sha256').update(REPO_ROOT).update('\0');
  const files = readdirSync(PIPELINE, { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|mjs|json)$/.test(f))
    .sort();
  for (const f of files) hash.update(relative(PIPELINE, join(PIPELINE, f))).update('\0').update(readFileSync(join(PIPELINE, f))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

let entry: Promise<string> | null = null;

/** The URL the pool loads its workers from: the compiled bundle, or the tsx entry when it cannot be built. */
export function workerEntry(): Promise<string> {
  entry ??= compile().catch(() => TSX_ENTRY);
  return entry;
}

async function compile(): Promise<string> {
  const name = `worker-${sourcesHash()}.mjs`;
  const out = join(CACHE_DIR, name);
  if (!existsSync(out)) {
    const { build } = await import('esbuild');
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    await build({
      entryPoints: [join(HERE, 'worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: tmp,
      logLevel: 'silent',
      plugins: [sourceLocations],
    });
    // another build may have written it meanwhile: the rename is atomic and the content the same
    renameSync(tmp, out);
    // bundles of other source versions go once they are a day old: a run of another version (tests
    // while a source is edited, a second checkout) may be loading one right now
    const dayAgo = Date.now() - 24 * 3600 * 1000;
    for (const old of readdirSync(CACHE_DIR)) {
      if (!old.startsWith('worker-') || old === name) continue;
      const path = join(CACHE_DIR, old);
      try {
        if (statSync(path).mtimeMs < dayAgo) rmSync(path, { force: true });
      } catch {
        // removed meanwhile by another run
      }
    }
  }
  return new URL(`file://${out}`).href;
}

/**
 * A module that finds files beside itself (import.meta.url, import.meta.dirname) must still find
 * them from the bundle: each source's own location is written into it as a literal.
 */
const sourceLocations = {
  name: 'source-locations',
  setup(build: { onLoad: (options: { filter: RegExp }, load: (args: { path: string }) => Promise<{ contents: string; loader: 'ts' }>) => void }) {
    build.onLoad({ filter: /\.m?ts$/ }, async ({ path }) => ({
      contents: (await readFile(path, 'utf8'))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(path)))
        .replaceAll('import.meta.filename', JSON.stringify(path)),
      loader: 'ts',
    }));
  },
};
