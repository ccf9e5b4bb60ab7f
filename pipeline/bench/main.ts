import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import mammoth from 'mammoth';
import { Command } from 'commander';
import { Piscina } from 'piscina';
import { z } from 'zod';
import { build } from '../jobs/build.ts';
import { configSchema } from '../config.ts';
import { openWarehouse } from '../load/query.ts';
import { runModels } from '../models/run.ts';
import { buildSite, REPO_ROOT } from '../jobs/site.ts';

/**
 * `npm run bench`: one run on one generated corpus, printing each figure as it
 * is measured and, last, one JSON line with all of them.
 */

const options = z
  .object({ reports: z.coerce.number().int().min(10), corpus: z.string().optional(), keep: z.boolean().optional(), site: z.boolean() })
  .parse(
    new Command()
      .option('--reports <n>', 'corpus size', '2000')
      .option('--corpus <dir>', 'use (or create) the corpus in this folder')
      .option('--keep', 'keep the working folder')
      .option('--no-site', 'skip the site build')
      .parse()
      .opts(),
  );

const work = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
const corpus = resolve(options.corpus ?? join(work, 'corpus'));
const log = (s: string) => console.error(s);
const seconds = async (label: string, f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  const s = Math.round(performance.now() - t) / 1000;
  log(`${label}: ${s} s`);
  return s;
};
const workers = availableParallelism();
const config = configSchema.parse({});
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

if (!existsSync(join(corpus, 'answer-key.json'))) {
  log(`generating ${options.reports} reports in ${corpus} …`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'pipeline/corpus/main.ts'), '--reports', String(options.reports), '--out', corpus], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error('corpus generation failed');
}
const files = readdirSync(corpus, { recursive: true }).map(String).filter((f) => /\.(docx|txt)$/.test(f));
const docx = files.filter((f) => f.endsWith('.docx')).map((f) => join(corpus, f));
log(`corpus: ${files.length} reports (${docx.length} .docx), ${workers} cores`);

const mammoth1 = await seconds('mammoth alone, 1 worker', async () => {
  for (const f of docx) await mammoth.convertToHtml({ buffer: await readFile(f) });
});
const mammothAll = await seconds(`mammoth alone, ${workers} workers`, async () => {
  const pool = new Piscina({ filename: new URL('./mammoth-worker.mjs', import.meta.url).href, maxThreads: workers, minThreads: workers });
  await Promise.all(docx.map((f) => pool.run(f)));
  await pool.destroy();
});

const db1 = join(work, 'one.duckdb');
const ingest1 = await seconds('full ingest, 1 worker', () => build({ input: corpus, db: db1, config, workers: 1, cacheDir: null, allowShrink: true }));
const db = join(work, 'all.duckdb');
const cache = join(work, 'cache');
const ingestAllS = await seconds(`full ingest, ${workers} workers`, () => build({ input: corpus, db, config, workers, cacheDir: cache, allowShrink: true }));
const rerun = await seconds('no-change re-run', () => build({ input: corpus, db, config, workers, cacheDir: cache, allowShrink: true }));
// one file touched: every file goes through the cache and the models run again (a typical night)
const touched = docx[0];
utimesSync(touched, new Date(), new Date(statSync(touched).mtimeMs + 1000));
await seconds('re-run after one file changed (cache)', () => build({ input: corpus, db, config, workers, cacheDir: cache, allowShrink: true }));

const modelsCopy = join(work, 'models.duckdb');
cpSync(db, modelsCopy);
const w = await openWarehouse(modelsCopy, false);
const models = await seconds('models', () => runModels(w.connection, config.rules));
const [{ reports }] = await w.query('select count(*) as reports from reports');
w.close();

// recall and precision of every rule against the answer key (report level)
const { scoreAgainstKey } = (await import('../corpus/score.ts')) as {
  scoreAgainstKey: (db: string, key: string) => Promise<{ rule: string; recall: number; precision: number; expected: number; flagged: number }[]>;
};
const scores = await scoreAgainstKey(db, join(corpus, 'answer-key.json'));
const tier1 = (await import('../models/run.ts')).listModels().filter((m) => m.layer === 'rules' && /-- tier: 1/.test(m.sql)).map((m) => m.name);
for (const s of scores) log(`  ${s.rule.padEnd(26)} recall ${s.recall.toFixed(3)}  precision ${s.precision.toFixed(3)}  (expected ${s.expected}, flagged ${s.flagged})`);
const t1 = scores.filter((s) => tier1.includes(s.rule) && s.expected > 0);

let siteS: number | null = null;
let overviewBytes: number | null = null;
if (options.site) {
  const dist = join(work, 'dist');
  siteS = await seconds('site build', () => buildSite(db, dist));
  const dataDir = join(dist, '_file', 'data');
  const overview = readdirSync(dataDir).find((f) => f.startsWith('overview.'));
  overviewBytes = overview ? statSync(join(dataDir, overview)).size : null;
  log(`overview data: ${overviewBytes} bytes`);
}
clearInterval(sampler);

const result = {
  reports: Number(reports),
  mammoth_1w_s: mammoth1,
  mammoth_all_s: mammothAll,
  ingest_1w_s: ingest1,
  ingest_all_s: ingestAllS,
  rerun_s: rerun,
  models_s: models,
  peak_rss_mb: Math.round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1048576),
  recall_min: t1.length ? Math.min(...t1.map((s) => s.recall)) : null,
  precision_min: t1.length ? Math.min(...t1.map((s) => s.precision)) : null,
  site_build_s: siteS,
  overview_data_bytes: overviewBytes,
};
if (!options.keep) rmSync(work, { recursive: true, force: true });
else log(`kept ${work}`);
console.log(JSON.stringify(result));
