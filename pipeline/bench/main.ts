import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledEntry } from '../../bin/compiled.mjs';
import mammoth from 'mammoth';
import { Command } from 'commander';
import { z } from 'zod';
import { configSchema } from '../config.ts';
import { extractReport } from '../extract/index.ts';
import { reportColumns } from '../load/columns.ts';
import { openWarehouse } from '../load/query.ts';
import { WarehouseWriter } from '../load/warehouse.ts';
import { runModels, listModels } from '../models/run.ts';
import { readDocx } from '../read/docx.ts';
import { REPO_ROOT } from '../jobs/site.ts';
import { RULES_NOT_KEYED } from '../corpus/generate.ts';

/**
 * `npm run bench`: the nightly job measured on generated corpora (the mixed one,
 * and the county-mode one where the generator has it). Every figure is printed on
 * stderr as it is measured; each corpus ends with one JSON line on stdout. Times
 * are ratios within one run: the machine may be shared.
 */

const options = z
  .object({
    reports: z.coerce.number().int().min(10),
    corpus: z.string().optional(),
    corpora: z.string(),
    pairs: z.coerce.number().int().min(1).max(9),
    keep: z.boolean().optional(),
    site: z.boolean(),
  })
  .parse(
    new Command()
      .option('--reports <n>', 'corpus size', '2000')
      .option('--corpus <dir>', 'keep the corpora in (or reuse them from) DIR/<mode>')
      .option('--corpora <list>', 'corpus modes to measure: mixed, county', 'mixed,county')
      .option('--pairs <n>', 'alternating mammoth / ingest pairs (the median is reported)', '1')
      .option('--keep', 'keep the working folder')
      .option('--no-site', 'skip the site build')
      .parse()
      .opts(),
  );

const work = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
const log = (s: string) => console.error(s);
const workers = availableParallelism();
const config = configSchema.parse({});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const tsxNode = [process.execPath, '--import', 'tsx'];

async function seconds(label: string, f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  const s = round((performance.now() - t) / 1000);
  log(`${label}: ${s} s`);
  return s;
}

interface ChildResult {
  seconds: number;
  first_result_s: number | null;
  last_result_s: number | null;
  max_rss_mb: number;
  cpu_s: number;
  /** the largest resident size of any one process of the job's tree (the child and what it spawns), from wait4 via /usr/bin/time */
  tree_max_rss_mb: number | null;
  summary: { filesLoaded?: number; unchanged?: boolean } | null;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
/** child.ts as one compiled module (null where it cannot be built: then through tsx) */
const jobChild = await compiledEntry(join(REPO_ROOT, 'pipeline/bench/child.ts'), 'bench-child')
  .then((href) => fileURLToPath(href))
  .catch(() => null);

/**
 * One job in its own process: its seconds and its peak resident memory as the OS reports it. The
 * pipeline's jobs run child.ts compiled (bin/compiled.mjs, as `jixiao` runs its CLI); mammoth alone
 * runs mammoth-child.mjs, plain JavaScript under plain node, so no loader touches mammoth or its workers.
 */
function child(label: string, job: Record<string, unknown>): ChildResult {
  const command =
    job.kind === 'mammoth'
      ? [process.execPath, join(REPO_ROOT, 'pipeline/bench/mammoth-child.mjs'), JSON.stringify(job)]
      : jobChild
        ? [process.execPath, jobChild, JSON.stringify(job)]
        : [...tsxNode, join(REPO_ROOT, 'pipeline/bench/child.ts'), JSON.stringify(job)];
  const r = TIME
    ? spawnSync(TIME, ['-v', ...command], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(command[0], command.slice(1), { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr}`);
  const result = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as ChildResult;
  const tree = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  result.tree_max_rss_mb = tree ? Math.round(Number(tree[1]) / 1024) : null;
  log(`${label}: ${result.seconds} s, peak RSS ${result.max_rss_mb} MB (largest process of its tree ${result.tree_max_rss_mb ?? '?'} MB), CPU ${result.cpu_s} s`);
  return result;
}

/** The generator's flag for county mode, when it has one. */
function countyFlag(): string | null {
  const help = spawnSync(tsxNode[0], [...tsxNode.slice(1), join(REPO_ROOT, 'pipeline/corpus/main.ts'), '--help'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const m = /(--county[\w-]*)/.exec(`${help.stdout}${help.stderr}`);
  return m ? m[1] : null;
}

function generate(dir: string, extra: string[]): void {
  if (existsSync(join(dir, 'answer-key.json'))) return;
  log(`generating ${options.reports} reports in ${dir} …`);
  const r = spawnSync(tsxNode[0], [...tsxNode.slice(1), join(REPO_ROOT, 'pipeline/corpus/main.ts'), '--reports', String(options.reports), '--out', dir, ...extra], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error('corpus generation failed');
}

/** CPU milliseconds per document of `f` over the files, in this thread (after one warm-up pass on a few). */
async function cpuPerDoc(files: Buffer[], f: (bytes: Buffer, index: number) => Promise<unknown>): Promise<number> {
  for (const [i, b] of files.slice(0, 30).entries()) await f(b, i);
  const before = process.cpuUsage();
  for (const [i, b] of files.entries()) await f(b, i);
  const used = process.cpuUsage(before);
  return round((used.user + used.system) / 1000 / files.length, 2);
}

/**
 * The largest file a page loads: the data loaders' files (`_file/`) and the pieces pages fetch
 * (`shards/`: flag shards, ranking pages, region and report files), not the full downloads a link offers.
 */
const largestPageData = (dist: string): { name: string; bytes: number } => {
  let best = { name: '', bytes: 0 };
  for (const top of ['_file', 'shards']) {
    const dir = join(dist, top);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir, { recursive: true }).map(String)) {
      if (top === 'shards' && f.split(/[\\/]/)[0] === 'downloads') continue;
      const size = statSync(join(dir, f)).isFile() ? statSync(join(dir, f)).size : 0;
      if (size > best.bytes) best = { name: join(top, f), bytes: size };
    }
  }
  return best;
};

async function measure(mode: 'mixed' | 'county', flag: string | null) {
  const corpus = resolve(options.corpus ? join(options.corpus, mode) : join(work, mode));
  generate(corpus, mode === 'county' && flag ? [flag] : []);
  const input = existsSync(join(corpus, 'reports')) ? join(corpus, 'reports') : corpus;
  const files = readdirSync(input, { recursive: true }).map(String).filter((f) => /\.(docx|txt)$/.test(f));
  const docx = files.filter((f) => f.endsWith('.docx')).map((f) => join(input, f));
  log(`\n[${mode}] ${files.length} reports (${docx.length} .docx), ${workers} cores`);

  // per document, one thread: read + extract; and the stages
  const bytes = docx.map((f) => readFileSync(f));
  const readExtract = await cpuPerDoc(bytes, async (b) => extractReport(await readDocx(b), 'x.docx'));
  const readOnly = await cpuPerDoc(bytes, (b) => readDocx(b));
  const sample = bytes.slice(0, Math.min(300, bytes.length));
  const mammothReadExtract = await cpuPerDoc(sample, async (b) => extractReport(await readDocx(b, {}, 'mammoth'), 'x.docx'));
  const mammothAlone = await cpuPerDoc(sample, (b) => mammoth.convertToHtml({ buffer: b }));
  const docs = await Promise.all(bytes.map(async (b) => extractReport(await readDocx(b), 'x.docx')));
  const facts = { reportId: 'r', fileName: 'x.docx', path: 'x.docx', format: 'docx', encoding: null, contentHash: 'h', sizeBytes: 1, fileMtime: new Date(), parserVersion: 'p' };
  const columnsCpu = await cpuPerDoc(bytes, async (_, i) => reportColumns({ ...facts, reportId: `r${i}` }, docs[i % docs.length], null));
  const columns = docs.map((d, i) => reportColumns({ ...facts, reportId: `r${i}` }, d, null));
  const writer = await WarehouseWriter.create(join(work, `${mode}-writer.duckdb`));
  const writeBefore = process.cpuUsage();
  for (const c of columns) await writer.appendReport(c);
  await writer.counts();
  const writeUsed = process.cpuUsage(writeBefore);
  writer.abort();
  const writeCpu = round((writeUsed.user + writeUsed.system) / 1000 / columns.length, 3);
  log(`CPU per .docx, one thread: read+extract ${readExtract} ms (read ${readOnly} ms), mammoth read+extract ${mammothReadExtract} ms, mammoth alone ${mammothAlone} ms`);
  log(`CPU per report: columns ${columnsCpu} ms (worker), writer ${writeCpu} ms (main thread)`);

  // alternating pairs: mammoth alone on all workers, the full ingest on all workers (own process, no cache)
  const mammothRuns: ChildResult[] = [];
  const ingestRuns: ChildResult[] = [];
  for (let p = 0; p < options.pairs; p++) {
    mammothRuns.push(child(`mammoth alone, ${workers} workers`, { kind: 'mammoth', input, workers }));
    const db = join(work, `${mode}-full-${p}.duckdb`);
    ingestRuns.push(child(`full ingest, ${workers} workers (jixiao build, no cache)`, { kind: 'build', input, db, workers, cacheDir: null, full: true }));
    rmSync(db, { force: true });
  }
  const mammothAll = median(mammothRuns.map((r) => r.seconds));
  const ingest = ingestRuns.map((r) => r.seconds);
  const ingestAll = median(ingest);
  const mammothCpu = median(mammothRuns.map((r) => r.cpu_s));
  const ingestCpu = median(ingestRuns.map((r) => r.cpu_s));
  // each pair's own ratio: the two runs of a pair ran next to each other, under about the same load
  const pairRatios = mammothRuns.map((m, p) => m.seconds / ingestRuns[p].seconds);
  const pairCpuRatios = mammothRuns.map((m, p) => m.cpu_s / ingestRuns[p].cpu_s);

  // the warehouse the re-runs and the site use, built with the cache
  const db = join(work, `${mode}.duckdb`);
  const cache = join(work, `${mode}.cache`);
  const withCache = child('full ingest with the cache being written', { kind: 'build', input, db, workers, cacheDir: cache, full: true });
  const rerun = child('no-change re-run', { kind: 'build', input, db, workers, cacheDir: cache, full: false });
  if (!rerun.summary?.unchanged) throw new Error('the no-change re-run did not keep the warehouse');
  utimesSync(docx[0], new Date(), new Date(statSync(docx[0]).mtimeMs + 1000));
  const touched = child('re-run after one file changed (cache)', { kind: 'build', input, db, workers, cacheDir: cache, full: false });

  const modelsCopy = join(work, `${mode}-models.duckdb`);
  cpSync(db, modelsCopy);
  const w = await openWarehouse(modelsCopy, false);
  const modelsCpuBefore = process.cpuUsage();
  const models = await seconds('models', () => runModels(w.connection, config.rules, undefined, { connect: () => w.instance.connect() }));
  const modelsUsed = process.cpuUsage(modelsCpuBefore);
  const modelsCpu = round((modelsUsed.user + modelsUsed.system) / 1e6);
  const [{ reports }] = await w.query('select count(*) as reports from reports');
  const [{ fallbacks }] = await w.query('select count(*) as fallbacks from reports where reader_reason is not null');
  w.close();

  const { scoreAgainstKey } = (await import('../corpus/score.ts')) as {
    scoreAgainstKey: (db: string, key: string) => Promise<{ rule: string; recall: number; precision: number; expected: number; flagged: number }[]>;
  };
  const scores = existsSync(join(corpus, 'answer-key.json')) ? await scoreAgainstKey(db, join(corpus, 'answer-key.json')) : [];
  const tier1 = listModels().filter((m) => m.layer === 'rules' && /-- tier: 1/.test(m.sql)).map((m) => m.name);
  // a rule the key covers counts when it is expected or when it flags (flags nobody expected are false flags)
  const scored = (s: { rule: string; expected: number; flagged: number }) =>
    !(RULES_NOT_KEYED as readonly string[]).includes(s.rule) && (s.expected > 0 || s.flagged > 0);
  const t1 = scores.filter((s) => tier1.includes(s.rule) && scored(s));
  const tier2 = listModels().filter((m) => m.layer === 'rules' && /-- tier: 2/.test(m.sql)).map((m) => m.name);
  const t2 = scores.filter((s) => tier2.includes(s.rule) && scored(s));

  let site: ChildResult | null = null;
  let largest: { name: string; bytes: number } | null = null;
  if (options.site) {
    const dist = join(work, `${mode}-dist`);
    site = child('site build', { kind: 'site', db, out: dist });
    largest = largestPageData(dist);
    log(`largest data file: ${largest.name} ${largest.bytes} bytes`);
  }

  return {
    corpus: mode,
    county_mode: mode === 'county' ? flag : undefined,
    reports: Number(reports),
    docx: docx.length,
    cores: workers,
    mammoth_all_s: mammothAll,
    ingest_all_s: ingestAll,
    ingest_runs_s: ingest,
    mammoth_runs_s: mammothRuns.map((r) => r.seconds),
    ingest_vs_mammoth_throughput: round(mammothAll / ingestAll, 2),
    ingest_vs_mammoth_throughput_pairs: pairRatios.map((r) => round(r, 2)),
    ingest_vs_mammoth_throughput_pair_median: round(median(pairRatios), 2),
    mammoth_all_cpu_s: mammothCpu,
    ingest_all_cpu_s: ingestCpu,
    ingest_vs_mammoth_cpu: round(mammothCpu / ingestCpu, 2),
    ingest_vs_mammoth_cpu_pair_median: round(median(pairCpuRatios), 2),
    ingest_first_result_s: median(ingestRuns.map((r) => r.first_result_s ?? 0)),
    ingest_last_result_s: median(ingestRuns.map((r) => r.last_result_s ?? 0)),
    cpu_ms_per_docx_read_extract: readExtract,
    cpu_ms_per_docx_read: readOnly,
    cpu_ms_per_docx_mammoth_read_extract: mammothReadExtract,
    cpu_ms_per_docx_mammoth_alone: mammothAlone,
    cpu_ms_per_report_columns: columnsCpu,
    cpu_ms_per_report_writer: writeCpu,
    docx_by_reference: Number(fallbacks),
    ingest_with_cache_s: withCache.seconds,
    rerun_s: rerun.seconds,
    rerun_vs_ingest: round(rerun.seconds / ingestAll, 3),
    rerun_one_changed_s: touched.seconds,
    models_s: models,
    models_cpu_s: modelsCpu,
    build_peak_rss_mb: Math.max(...ingestRuns.map((r) => r.max_rss_mb), withCache.max_rss_mb, rerun.max_rss_mb, touched.max_rss_mb),
    build_tree_max_rss_mb: Math.max(...[...ingestRuns, withCache, rerun, touched].map((r) => r.tree_max_rss_mb ?? 0)),
    site_build_s: site?.seconds ?? null,
    site_peak_rss_mb: site?.max_rss_mb ?? null,
    site_tree_max_rss_mb: site?.tree_max_rss_mb ?? null,
    largest_site_data_bytes: largest?.bytes ?? null,
    largest_site_data_file: largest?.name ?? null,
    recall_min: t1.length ? Math.min(...t1.map((s) => s.recall)) : null,
    precision_min: t1.length ? Math.min(...t1.map((s) => s.precision)) : null,
    tier2_recall_min: t2.length ? Math.min(...t2.map((s) => s.recall)) : null,
    tier2_precision_min: t2.length ? Math.min(...t2.map((s) => s.precision)) : null,
    // every rule against the key: expected / flagged files, recall, precision
    rule_scores: Object.fromEntries(scores.map((s) => [s.rule, { expected: s.expected, flagged: s.flagged, recall: round(s.recall, 3), precision: round(s.precision, 3) }])),
  };
}

const modes = options.corpora.split(',').map((m) => m.trim()) as ('mixed' | 'county')[];
const flag = modes.includes('county') ? countyFlag() : null;
for (const mode of modes) {
  if (mode === 'county' && !flag) {
    console.log(JSON.stringify({ corpus: 'county', skipped: 'the corpus generator has no county mode yet' }));
    continue;
  }
  console.log(JSON.stringify({ ...(await measure(mode, flag)), bench_process_peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}
if (!options.keep) rmSync(work, { recursive: true, force: true });
else log(`kept ${work}`);
