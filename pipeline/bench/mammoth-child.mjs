// Benchmark child: mammoth alone on every .docx of a folder, on N worker threads, as plain JavaScript.
// Started with no loader (no tsx), so neither this process nor its workers transform any module:
// the floor the ingest is compared with is mammoth's own cost. Prints one JSON line like child.ts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Piscina } from 'piscina';

const { input, workers } = JSON.parse(process.argv[2] ?? '{}');
if (typeof input !== 'string' || !Number.isInteger(workers) || workers < 1) throw new Error('usage: mammoth-child.mjs {"input":DIR,"workers":N}');
const started = performance.now();
const files = readdirSync(input, { recursive: true }).map(String).filter((f) => f.endsWith('.docx'));
const pool = new Piscina({ filename: new URL('./mammoth-worker.mjs', import.meta.url).href, maxThreads: workers, minThreads: workers });
await Promise.all(files.map((f) => pool.run(join(input, f))));
await pool.destroy();
const seconds = Math.round(performance.now() - started) / 1000;
const usage = process.resourceUsage();
console.log(
  JSON.stringify({
    seconds,
    first_result_s: null,
    last_result_s: null,
    max_rss_mb: Math.round(usage.maxRSS / 1024),
    cpu_s: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1e3) / 1e3,
    loader: process.execArgv.length ? process.execArgv.join(' ') : null,
    summary: null,
  }),
);
