// TypeScript entries as compiled JavaScript bundles, so that starting the CLI or a worker thread does
// not compile TypeScript on every start: the entry bundled by esbuild (npm packages left as imports,
// but for the few inlined: see INLINED)
// into node_modules/.cache/jixiao/, named by a hash of the pipeline's sources, built once and reused
// until a source changes. Plain JavaScript, because bin/jixiao.mjs uses it before any loader is there.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PIPELINE = join(REPO_ROOT, 'pipeline');
const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'jixiao');

let hashed = null;

/** Hash of every source under pipeline/, of this file and of the lock file (a change to any gives new bundles). */
export function sourcesHash() {
  if (hashed) return hashed;
  // a bundle holds the sources' absolute locations (see sourceLocations): a moved folder is a new bundle
  const hash = createHash('sha256').update(REPO_ROOT).update('\0');
  const files = readdirSync(PIPELINE, { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|mjs|json)$/.test(f))
    .sort();
  for (const f of files) hash.update(f).update('\0').update(readFileSync(join(PIPELINE, f))).update('\0');
  // how they are bundled, and the versions of the packages inlined into them
  hash.update(readFileSync(fileURLToPath(import.meta.url))).update('\0');
  const lock = join(REPO_ROOT, 'package-lock.json');
  if (existsSync(lock)) hash.update(readFileSync(lock));
  hashed = hash.digest('hex').slice(0, 16);
  return hashed;
}

/**
 * The file URL of `entry` (a TypeScript file under pipeline/) as one compiled module named
 * `<name>-<hash>.mjs`; throws where it cannot be built (no esbuild, read-only folder), and the
 * caller then loads the TypeScript through tsx.
 */
export async function compiledEntry(entry, name) {
  const file = `${name}-${sourcesHash()}.mjs`;
  const out = join(CACHE_DIR, file);
  if (!existsSync(out)) {
    const { build } = await import('esbuild');
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      plugins: [sourceLocations, packagesExceptInlined],
      // inlined CommonJS requires what it requires (node:events, the DuckDB binding) through a real
      // require, resolved from the bundle's own place in node_modules
      banner: { js: `import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(${JSON.stringify(pathToFileURL(out).href)});` },
      outfile: tmp,
      logLevel: 'silent',
    });
    // another run may have written it meanwhile: the rename is atomic and the content the same
    renameSync(tmp, out);
    pruneOlder(name, file);
  }
  return pathToFileURL(out).href;
}

/**
 * `entry` (a TypeScript file's path or file URL) imported through tsx's loader: where compiledEntry
 * cannot build a bundle, the CLI (bin/jixiao.mjs) and the worker threads (pipeline/ingest/worker-entry.mjs)
 * both start this way.
 */
export async function importThroughTsx(entry) {
  const { register } = await import('tsx/esm/api');
  register();
  return import(entry.startsWith('file:') ? entry : pathToFileURL(entry).href);
}

/**
 * Bundles of other source versions go once they are a day old: a run of another version (tests while
 * a source is edited, a second checkout) may be loading one right now.
 */
function pruneOlder(name, keep) {
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const old of readdirSync(CACHE_DIR)) {
    if (!old.startsWith(`${name}-`) || old === keep) continue;
    const path = join(CACHE_DIR, old);
    try {
      if (statSync(path).mtimeMs < dayAgo) rmSync(path, { force: true });
    } catch {
      // removed meanwhile by another run
    }
  }
}

/**
 * npm packages stay imports of the bundle (some find files beside themselves), except those inlined:
 * zod is a hundred-odd ES modules whose resolution and loading cost each worker about 0.1 s at start.
 */
const INLINED = new Set(['zod', 'fflate', 'saxes', 'xmlchars', 'opencc-js', 'dingbat-to-unicode', '@duckdb/node-api', 'commander', 'cli-progress', 'string-width', 'strip-ansi', 'ansi-regex', 'get-east-asian-width', 'emoji-regex']);
const packagesExceptInlined = {
  name: 'packages-except-inlined',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path }) => {
      const name = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0];
      return INLINED.has(name) ? undefined : { path, external: true };
    });
  },
};

/**
 * A module that finds files beside itself (import.meta.url, import.meta.dirname) must still find
 * them from the bundle: each source's own location is written into it as a literal.
 */
// spelled in pieces: this file is bundled into the CLI too, and written whole the plugin would rewrite
// its own search strings there, so that a worker bundle built by the CLI kept its import.meta
const META = ['import', 'meta'].join('.');
const sourceLocations = {
  name: 'source-locations',
  setup(build) {
    build.onLoad({ filter: /\.(m?ts|mjs)$/ }, async ({ path }) => ({
      contents: (await readFile(path, 'utf8'))
        .replaceAll(`${META}.url`, JSON.stringify(pathToFileURL(path).href))
        .replaceAll(`${META}.dirname`, JSON.stringify(dirname(path)))
        .replaceAll(`${META}.filename`, JSON.stringify(path)),
      loader: path.endsWith('.mjs') ? 'js' : 'ts',
    }));
  },
};
