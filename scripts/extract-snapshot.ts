/**
 * A differential check of reading and extraction: for every file of the folders given, the Document
 * read and the Report extracted, as one JSON line per file (undefined, NaN, -0 and key order kept
 * visible), written to --out (one .jsonl per folder) or compared with an earlier --out (--compare).
 * usage: npx tsx scripts/extract-snapshot.ts (--out DIR | --compare DIR) FOLDER...
 * A change that must not change any result is checked by writing the snapshot before it and
 * comparing after it: every file must give the same line.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { extractReport } from '../pipeline/extract/index.ts';
import { ReadError } from '../pipeline/read/errors.ts';
import { readDocument } from '../pipeline/read/index.ts';

const argv = process.argv.slice(2);
const opt = (k: string) => (argv.includes(k) ? argv[argv.indexOf(k) + 1] : undefined);
const out = opt('--out');
const against = opt('--compare');
if ((out === undefined) === (against === undefined)) throw new Error('give one of --out DIR or --compare DIR');
const folders = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--out' && argv[i - 1] !== '--compare');
if (!folders.length) throw new Error('give at least one folder');

const READ = /\.(docx|txt|xlsx|html?|mhtml?|pdf)$/i;

/** JSON with what plain JSON.stringify would hide: undefined members, NaN, infinities and -0. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => {
    if (v === undefined) return '\u0000undefined';
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return `\u0000number ${Object.is(v, -0) ? '-0' : String(v)}`;
    return v;
  });
}

async function snapshotLine(file: string): Promise<string> {
  const name = basename(file);
  const bytes = readFileSync(file);
  try {
    const document = await readDocument(name, bytes);
    const report = extractReport(document, name);
    return stableJson({ document, report });
  } catch (err) {
    if (err instanceof ReadError) return stableJson({ error: err.code, message: err.message });
    return stableJson({ thrown: String(err) });
  }
}

/** A folder's snapshot file name: its base name and a short hash of its full path. */
const snapshotName = (folder: string) => `${basename(folder)}-${createHash('sha256').update(resolve(folder)).digest('hex').slice(0, 8)}.jsonl`;

let compared = 0;
let differing = 0;
for (const folder of folders) {
  const files = readdirSync(folder, { recursive: true })
    .map(String)
    .filter((f) => READ.test(f))
    .sort()
    .map((f) => join(folder, f));
  const lines: string[] = [];
  for (const f of files) lines.push(`${relative(folder, f)}\t${await snapshotLine(f)}`);
  if (out !== undefined) {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, snapshotName(folder)), lines.join('\n') + '\n');
    console.log(`${folder}: ${lines.length} files written`);
    continue;
  }
  const earlier = join(against!, snapshotName(folder));
  if (!existsSync(earlier)) throw new Error(`no snapshot of ${folder} in ${against}`);
  const before = readFileSync(earlier, 'utf8').split('\n').filter(Boolean);
  const beforeOf = new Map(before.map((l) => [l.slice(0, l.indexOf('\t')), l]));
  let same = 0;
  const diff: string[] = [];
  for (const l of lines) {
    const key = l.slice(0, l.indexOf('\t'));
    if (beforeOf.get(key) === l) same++;
    else diff.push(key);
    beforeOf.delete(key);
  }
  diff.push(...[...beforeOf.keys()].map((k) => `${k} (gone)`));
  compared += lines.length;
  differing += diff.length;
  console.log(`${folder}: ${same}/${lines.length} identical${diff.length ? `; differ: ${diff.slice(0, 10).join(', ')}${diff.length > 10 ? ', …' : ''}` : ''}`);
}
if (against !== undefined) {
  console.log(`${compared} files compared, ${differing} differ`);
  if (differing) process.exitCode = 1;
}
