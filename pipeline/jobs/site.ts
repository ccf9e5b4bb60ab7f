import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAllMemos } from '../reviews/memo.ts';
import { writeSiteData } from '../site-data/index.ts';
import type { DuckDBResources } from '../load/resources.ts';

/**
 * Builds the static site with Observable Framework from a warehouse: the data
 * files are prepared in one pass (pipeline/site-data), the loaders print them.
 * Each build runs Framework on its own copy of dashboard/ (`.site-root-*` beside it, so the pages' bare
 * imports and style.css's ../node_modules still resolve), so its loader cache starts empty (it cannot
 * know the warehouse changed) and two builds at once never share or clear each other's cache.
 * Only the browser bundles Framework makes of node_modules packages are carried from build to build
 * (see PACKAGE_BUNDLES).
 */

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Framework's `_node/` bundles (rollup + minify of d3, Plot, Inputs, htl, fflate … for the browser), one
 * folder per name@version, kept beside the worker bundle: they depend on node_modules alone, and
 * making them again was a large part of every site build's CPU. Removing the folder forces a rebuild.
 */
const PACKAGE_BUNDLES = join(REPO_ROOT, 'node_modules', '.cache', 'jixiao', 'framework-node');

/** The package folders of a `_node/` tree: `name@version`, or `@scope/name@version`. */
function packageFolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => (entry.startsWith('@') ? readdirSync(join(dir, entry)).map((name) => join(entry, name)) : [entry]));
}

/** Copies the kept bundles into a build's empty `_node/`. */
export function restorePackageBundles(kept: string, cacheNode: string): void {
  if (existsSync(kept)) cpSync(kept, cacheNode, { recursive: true });
}

/**
 * Keeps the package folders a successful build made that are not kept yet. Each is copied under a
 * temporary name and renamed into place, so a build reading the kept folders never sees half of one.
 */
export function savePackageBundles(cacheNode: string, kept: string): void {
  for (const folder of packageFolders(cacheNode)) {
    const target = join(kept, folder);
    if (existsSync(target)) continue;
    const partial = `${target}.partial-${process.pid}`;
    try {
      mkdirSync(dirname(target), { recursive: true });
      cpSync(join(cacheNode, folder), partial, { recursive: true });
      renameSync(partial, target);
    } catch {
      // another build kept it first, or the folder is not writable: the next build makes it again
      rmSync(partial, { recursive: true, force: true });
    }
  }
}

interface SiteOptions {
  /** also write a 复核意见 per current report into memos/ (minutes at 10,000 reports; off by default) */
  memos?: boolean;
  /** the zone the pages show times in (IANA name; default Asia/Shanghai) */
  timeZone?: string;
  /** DuckDB's memory limit and spill folder while the site's data is read (config `duckdb`) */
  duckdb?: DuckDBResources;
}

/**
 * Framework's own client and standard library name optional libraries (React, ECharts, Leaflet, …)
 * and, at every build, ask the npm registry for their latest version unless the build's cache already
 * lists one (an empty folder `.observablehq/cache/_npm/<name>@<version>`). The pages load none of them
 * (bare imports from node_modules only, DESIGN.md), so each build's root is given these entries: the
 * build asks no registry and works on a machine with no network at all. A library missing here shows
 * as a registry request in the build (and fails it where there is no network).
 */
const FRAMEWORK_NPM_VERSIONS: Record<string, string> = {
  '@observablehq/plot': '0.6.17', '@observablehq/sample-datasets': '1.0.1', 'apache-arrow': '21.2.0', arquero: '8.0.3',
  d3: '7.9.2', 'd3-dsv': '3.0.2', echarts: '6.1.0', htl: '1.0.0', leaflet: '1.9.4', lodash: '4.18.1', 'mapbox-gl': '3.32.0',
  'parquet-wasm': '0.8.0', react: '19.3.1', 'react-dom': '19.3.1', 'topojson-client': '3.1.0',
};

export async function buildSite(db: string, outDir = 'dist', options: SiteOptions = {}): Promise<void> {
  const siteData = mkdtempSync(join(tmpdir(), 'jixiao-site-data-'));
  const root = mkdtempSync(join(REPO_ROOT, '.site-root-'));
  try {
    // the pages, components and loaders; not a cache a previous preview may have left in dashboard/
    cpSync(join(REPO_ROOT, 'dashboard'), root, { recursive: true, filter: (src) => !src.split(sep).includes('.observablehq') });
    for (const [name, version] of Object.entries(FRAMEWORK_NPM_VERSIONS)) mkdirSync(join(root, '.observablehq', 'cache', '_npm', `${name}@${version}`), { recursive: true });
    await writeSiteData(resolve(db), siteData, join(REPO_ROOT, 'queries'), { memos: options.memos, timeZone: options.timeZone, duckdb: options.duckdb });
    // a fresh folder beside the old site, swapped in when complete: Framework refuses to write over
    // files of an earlier build, and the old site keeps serving until the new one is ready
    const target = resolve(outDir);
    const fresh = `${target}.building-${process.pid}`;
    rmSync(fresh, { recursive: true, force: true });
    try {
      const cacheNode = join(root, '.observablehq', 'cache', '_node');
      restorePackageBundles(PACKAGE_BUNDLES, cacheNode);
      await runFramework(siteData, root, fresh);
      savePackageBundles(cacheNode, PACKAGE_BUNDLES);
      // shards, per-report files and downloads are fetched by the pages as plain files: moved, not copied
      // (a copy of ten thousand report files, then their removal with the temporary folder, was most of
      // the build's system time); copied only where the temporary folder is on another file system
      moveOrCopy(join(siteData, 'static'), join(fresh, 'shards'));
      if (options.memos) await writeAllMemos(resolve(db), join(fresh, 'memos'));
      const old = `${target}.old-${process.pid}`;
      if (existsSync(target)) renameSync(target, old);
      renameSync(fresh, target);
      rmSync(old, { recursive: true, force: true });
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  } finally {
    rmSync(siteData, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
}

function moveOrCopy(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    cpSync(from, to, { recursive: true });
  }
}

async function runFramework(siteData: string, root: string, outDir: string): Promise<void> {
  const require = createRequire(import.meta.url);
  const cli = join(dirname(require.resolve('@observablehq/framework/package.json')), 'dist', 'bin', 'observable.js');
  await new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [cli, 'build'], {
      cwd: REPO_ROOT,
      env: { ...process.env, JIXIAO_SITE_DATA: siteData, JIXIAO_SITE_OUT: resolve(outDir), JIXIAO_SITE_ROOT: root, OBSERVABLE_TELEMETRY_DISABLE: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`网站构建失败（退出码 ${code}）：\n${output.slice(-3000)}`))));
  });
}
