/**
 * Refreshes tests/fixtures/ from ../shared (the seeds, the gold file, the development reports and their
 * labels) when the copy there is newer. The fixtures are committed, so a clone tests itself without
 * ../shared; this script is how they follow the shared set.
 *
 *   npm run fixtures:refresh            copy every shared file that is newer and differs
 *   npm run fixtures:refresh -- --check list what would change; exit 1 if anything would
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '..');
const SHARED = resolve(process.env.JIXIAO_SHARED ?? join(REPO_ROOT, '..', 'shared'));
const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures');
/** The shared folders that are fixtures; everything else in ../shared (tools, docs) stays there. */
const FOLDERS = ['seeds', 'gold', 'realworld'];

const check = process.argv.includes('--check');
if (!existsSync(SHARED)) {
  console.log(`${SHARED} not found: fixtures left as committed`);
  process.exit(0);
}

const changes: string[] = [];
for (const folder of FOLDERS) {
  const from = join(SHARED, folder);
  const to = join(FIXTURES, folder);
  if (!existsSync(from)) continue;
  const shared = new Set(readdirSync(from).filter((name) => statSync(join(from, name)).isFile()));
  for (const name of shared) {
    const source = join(from, name);
    const target = join(to, name);
    if (existsSync(target)) {
      if (readFileSync(source).equals(readFileSync(target))) continue;
      // a fixture edited here after the shared copy was made is kept: only a newer shared file wins
      if (statSync(source).mtimeMs <= statSync(target).mtimeMs) {
        console.log(`kept (fixture is newer): ${folder}/${name}`);
        continue;
      }
    }
    changes.push(`${existsSync(target) ? 'updated' : 'added'}: ${folder}/${name}`);
    if (!check) {
      mkdirSync(to, { recursive: true });
      copyFileSync(source, target);
    }
  }
  // a report removed from the shared set is removed here too, so the realworld labels stay in step
  for (const name of existsSync(to) ? readdirSync(to) : []) {
    if (shared.has(name)) continue;
    changes.push(`removed: ${folder}/${name}`);
    if (!check) rmSync(join(to, name));
  }
}

for (const line of changes) console.log(line);
console.log(changes.length ? `${changes.length} fixture file(s) ${check ? 'out of date' : 'refreshed'}` : 'fixtures are up to date');
if (check && changes.length) process.exit(1);
