import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../pipeline/jobs/build.ts';
import { configSchema } from '../../pipeline/config.ts';
import { TIER1_RULES } from '../../pipeline/corpus/generate.ts';
import { scoreAgainstKey } from '../../pipeline/corpus/score.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

/** The synthetic corpus: deterministic, mostly clean, every tier-1 rule injected and found. */

const generate = (out: string, reports: number, seed = 11) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'pipeline/corpus/main.ts'), '--reports', String(reports), '--out', out, '--seed', String(seed), '--anomaly-share', '0.5'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });

describe('corpus generator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-corpus-'));
  const a = join(dir, 'a');
  const b = join(dir, 'b');

  it('writes the same corpus for the same seed', () => {
    expect(generate(a, 120).status).toBe(0);
    expect(generate(b, 120).status).toBe(0);
    const filesA = readdirSync(join(a, 'reports')).sort();
    const filesB = readdirSync(join(b, 'reports')).sort();
    expect(filesA).toEqual(filesB);
    for (const f of filesB.filter((_, i) => i % 17 === 0)) expect(readFileSync(join(a, 'reports', f)).equals(readFileSync(join(b, 'reports', f)))).toBe(true);
    expect(readFileSync(join(a, 'answer-key.json'), 'utf8')).toBe(readFileSync(join(b, 'answer-key.json'), 'utf8'));
  }, 120_000);

  it('keeps clean reports the majority and injects every tier-1 rule', () => {
    const key = JSON.parse(readFileSync(join(a, 'answer-key.json'), 'utf8')) as { reports: string[]; flags: { file: string; rule: string }[] };
    expect(key.reports).toHaveLength(120);
    expect(new Set(key.flags.map((f) => f.file)).size).toBeLessThan(key.reports.length / 2 + 10);
    for (const rule of TIER1_RULES) expect(key.flags.map((f) => f.rule), rule).toContain(rule);
    expect(key.reports.some((f) => f.endsWith('.txt'))).toBe(true);
  });

  it('is read well enough that every tier-1 rule reaches recall and precision of 0.8', async () => {
    const db = join(dir, 'w.duckdb');
    const summary = await build({ input: join(a, 'reports'), db, config: configSchema.parse({}), cacheDir: null });
    expect(summary.filesLoaded).toBe(120);
    const scores = await scoreAgainstKey(db, join(a, 'answer-key.json'));
    for (const rule of TIER1_RULES) {
      const s = scores.find((x) => x.rule === rule)!;
      expect(s.recall, `${rule} recall`).toBeGreaterThanOrEqual(0.8);
      expect(s.precision, `${rule} precision`).toBeGreaterThanOrEqual(0.8);
    }
  }, 180_000);
});
