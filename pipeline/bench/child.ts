import { z } from 'zod';
import { build } from '../jobs/build.ts';
import { buildSite } from '../jobs/site.ts';
import { configSchema } from '../config.ts';

/**
 * One measured job in a process of its own, so that its peak memory is its own:
 * prints one JSON line with the job's seconds and the OS's maximum resident size
 * of this process (getrusage; worker threads are threads of this process).
 * Mammoth alone runs in mammoth-child.mjs, plain JavaScript with no loader.
 */

const job = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('build'), input: z.string(), db: z.string(), workers: z.number().int().min(1), cacheDir: z.string().nullable(), full: z.boolean() }),
    z.object({ kind: z.literal('site'), db: z.string(), out: z.string() }),
  ])
  .parse(JSON.parse(process.argv[2] ?? '{}'));

const started = performance.now();
let summary: unknown = null;
// the ingest's span: from the start to the first and to the last file handed over (the rest is the tail: resubmissions, models, swap)
let firstResult: number | null = null;
let lastResult: number | null = null;
if (job.kind === 'build') {
  const s = await build({
    input: job.input,
    db: job.db,
    config: configSchema.parse({}),
    workers: job.workers,
    cacheDir: job.cacheDir,
    allowShrink: true,
    full: job.full,
    onProgress: () => {
      lastResult = performance.now();
      firstResult ??= lastResult;
    },
  });
  if (s.status !== 'ok') throw new Error(`build ${s.status}: ${s.message}`);
  summary = s;
} else await buildSite(job.db, job.out);
const since = (t: number | null) => (t === null ? null : Math.round(t - started) / 1000);
const seconds = Math.round(performance.now() - started) / 1000;
const usage = process.resourceUsage();
console.log(JSON.stringify({ seconds, first_result_s: since(firstResult), last_result_s: since(lastResult), max_rss_mb: Math.round(usage.maxRSS / 1024), cpu_s: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1e3) / 1e3, summary }));
