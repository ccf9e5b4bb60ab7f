import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../pipeline/jobs/build.ts';
import { configSchema } from '../../pipeline/config.ts';
import { openWarehouse } from '../../pipeline/load/query.ts';
import { SEEDS_DIR } from '../helpers/paths.ts';

/** Incremental rebuilds from the extraction cache, and worker threads giving the same warehouse. */

const config = configSchema.parse({});
const countCacheEntries = (dir: string): number =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.json.gz')).length;

async function flagKeys(db: string): Promise<string[]> {
  const w = await openWarehouse(db);
  try {
    return (await w.query('select rule_id, subject, location, flag_key from anomalies order by flag_key')).map((r) => `${r.rule_id} ${r.subject} ${r.location} ${r.flag_key}`);
  } finally {
    w.close();
  }
}

describe('incremental rebuild', () => {
  it('parses an unchanged file once, a changed one again, and forgets a deleted one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-incr-'));
    const input = join(dir, 'in');
    // a warehouse's catalog is its file's name: a hyphen, a space, a quote or Chinese in it must not break the SQL
    const db = join(dir, '2025-区县 "w".duckdb');
    const cache = `${db}.cache`;
    mkdirSync(input);
    for (const f of readdirSync(SEEDS_DIR)) copyFileSync(join(SEEDS_DIR, f), join(input, f));

    const first = await build({ input, db, config, workers: 1 });
    expect([first.status, first.filesLoaded, first.filesCached, first.filesNew]).toEqual(['ok', 5, 0, 5]);
    expect(countCacheEntries(cache)).toBe(5);

    // nothing changed: the tables are kept and the run is recorded
    const flagsBefore = await flagKeys(db);
    const second = await build({ input, db, config, workers: 1 });
    expect([second.unchanged, second.filesLoaded, second.filesCached, second.filesNew, second.filesChanged]).toEqual([true, 5, 5, 0, 0]);
    expect(await flagKeys(db)).toEqual(flagsBefore);
    const w0 = await openWarehouse(db);
    const runs = await w0.query('select unchanged, files_loaded, fingerprint from runs order by started');
    w0.close();
    expect(runs.map((r) => [r.unchanged, r.files_loaded])).toEqual([[false, 5], [true, 5]]);
    expect(runs[1].fingerprint).toBe(runs[0].fingerprint);

    // asked for, or with other settings, every file goes through the cache and the models run again
    const forced = await build({ input, db, config, workers: 1, full: true });
    expect([forced.unchanged, forced.filesCached]).toEqual([false, 5]);
    const stricter = configSchema.parse({ rules: { spend_above_initial: { warning_ratio: 1.2 } } });
    const retuned = await build({ input, db, config: stricter, workers: 1 });
    expect([retuned.unchanged, retuned.filesCached]).toEqual([false, 5]);
    expect((await build({ input, db, config: stricter, workers: 1 })).unchanged).toBe(true);
    // touching a file (same bytes, new time) is a change: file_mtime decides between resubmissions
    const touched = join(input, readdirSync(input)[0]);
    utimesSync(touched, new Date(), new Date(Date.now() + 5000));
    expect((await build({ input, db, config, workers: 1 })).unchanged).toBe(false);

    const names = readdirSync(input).sort();
    const changed = join(input, names[1]);
    writeFileSync(changed, readFileSync(changed, 'utf8') + '\n附：本报告已复核。\n');
    rmSync(join(input, names[0]));
    const third = await build({ input, db, config, workers: 1, allowShrink: true });
    expect([third.filesLoaded, third.filesCached, third.filesChanged, third.filesRemoved]).toEqual([4, 3, 1, 1]);
    const w = await openWarehouse(db);
    const paths = (await w.query('select path from reports order by path')).map((r) => r.path);
    w.close();
    expect(paths).toEqual(names.slice(1));
    // the deleted file's entry and the changed file's old entry are pruned
    expect(countCacheEntries(cache)).toBe(4);
  }, 120_000);

  it('builds the same warehouse on worker threads as in one thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-workers-'));
    const one = await build({ input: SEEDS_DIR, db: join(dir, 'one.duckdb'), config, workers: 1, cacheDir: null });
    const two = await build({ input: SEEDS_DIR, db: join(dir, 'two.duckdb'), config, workers: 2, cacheDir: null });
    expect([one.status, two.status]).toEqual(['ok', 'ok']);
    expect(await flagKeys(join(dir, 'two.duckdb'))).toEqual(await flagKeys(join(dir, 'one.duckdb')));
  }, 120_000);
});
