import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWarehouse } from '../../pipeline/load/query.ts';
import { REPO_ROOT, SAMPLES_DIR } from '../helpers/paths.ts';

/**
 * Where a bundle cannot be built, the CLI and the worker threads load their TypeScript through tsx:
 * one definition of that fallback (bin/compiled.mjs importThroughTsx), which both use.
 */

/** The project's own JavaScript and TypeScript that runs (bin/, pipeline/). */
function sources(): [string, string][] {
  return ['bin', 'pipeline'].flatMap((dir) =>
    readdirSync(join(REPO_ROOT, dir), { recursive: true })
      .map(String)
      .filter((f) => /\.(m?js|m?ts)$/.test(f) && !f.endsWith('.d.mts'))
      .map((f): [string, string] => [join(dir, f), readFileSync(join(REPO_ROOT, dir, f), 'utf8')]),
  );
}

describe('tsx fallback', () => {
  it('is written once: only bin/compiled.mjs registers tsx’s loader, and the CLI and the worker entry use it', () => {
    const all = sources();
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter(([, text]) => text.includes('tsx/esm/api')).map(([f]) => f)).toEqual([join('bin', 'compiled.mjs')]);
    for (const f of [join('bin', 'jixiao.mjs'), join('pipeline', 'ingest', 'worker-entry.mjs')]) {
      expect(all.find(([name]) => name === f)?.[1], f).toMatch(/\bimportThroughTsx\(/);
    }
  });

  it('builds the samples with the CLI and its workers through tsx when no bundle can be built', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'jixiao-tsx-fallback-')), 'warehouse.duckdb');
    const r = spawnSync(
      process.execPath,
      ['--import', join(REPO_ROOT, 'tests', 'helpers', 'no-bundles.mjs'), join(REPO_ROOT, 'bin', 'jixiao.mjs'), 'build', '--input', SAMPLES_DIR, '--db', db, '--workers', '2', '--no-progress'],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    // both bundles were refused: the CLI ran from its TypeScript, the workers from worker-entry.mjs
    expect(r.stderr).toContain('no bundle: cli');
    expect(r.stderr).toContain('no bundle: worker');
    const files = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.docx')).length;
    expect(r.stderr).toContain(`载入 ${files}，`);
    const w = await openWarehouse(db);
    try {
      expect((await w.query('select count(*)::int as n from reports'))[0].n).toBe(files);
    } finally {
      w.close();
    }
  });
});
