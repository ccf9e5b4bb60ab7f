/**
 * CPU per .docx in one thread for the direct reader and for extraction, as the benchmark's
 * per-document figures measure it (a warm-up, then process.cpuUsage over every file), repeated.
 * usage: npx tsx scripts/extract-cpu.ts [--repeat 3] [--only read|extract] FOLDER...
 * Prints each round and the medians. Run under `node --cpu-prof` for a profile of the same loop.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractReport } from '../pipeline/extract/index.ts';
import type { Document } from '../pipeline/read/document.ts';
import { readDocx } from '../pipeline/read/docx.ts';

const argv = process.argv.slice(2);
const opt = (k: string) => (argv.includes(k) ? argv[argv.indexOf(k) + 1] : undefined);
const repeat = Number(opt('--repeat') ?? 3);
const only = opt('--only');
const folders = argv.filter((a, i) => !a.startsWith('--') && !['--repeat', '--only'].includes(argv[i - 1]));

const files = folders.flatMap((d) =>
  readdirSync(d, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.docx'))
    .sort()
    .map((f) => join(d, f)),
);
const bytes = files.map((f) => readFileSync(f));

async function cpuPerDoc<T>(items: T[], f: (item: T) => unknown): Promise<number> {
  for (const item of items.slice(0, 30)) await f(item);
  const before = process.cpuUsage();
  for (const item of items) await f(item);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / items.length;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const docs: Document[] = [];
for (const b of bytes) docs.push(await readDocx(b));
const read: number[] = [];
const extract: number[] = [];
for (let r = 0; r < repeat; r++) {
  if (only !== 'extract') read.push(await cpuPerDoc(bytes, (b) => readDocx(b)));
  if (only !== 'read') extract.push(await cpuPerDoc(docs, (d) => extractReport(d, 'x.docx')));
  console.log(`round ${r + 1}: read ${read.at(-1)?.toFixed(3) ?? '-'} ms, extract ${extract.at(-1)?.toFixed(3) ?? '-'} ms per .docx`);
}
console.log(
  `${bytes.length} .docx, median of ${repeat}: read ${read.length ? median(read).toFixed(3) : '-'} ms, extract ${extract.length ? median(extract).toFixed(3) : '-'} ms` +
    (read.length && extract.length ? `, read + extract ${(median(read) + median(extract)).toFixed(3)} ms` : ''),
);
