import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../pipeline/jobs/build.ts';
import { configSchema } from '../../pipeline/config.ts';
import { TIER1_RULES, TIER2_RULES } from '../../pipeline/corpus/generate.ts';
import { openWarehouse } from '../../pipeline/load/query.ts';
import { scoreAgainstKey } from '../../pipeline/corpus/score.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

/** The synthetic corpus: deterministic, mostly clean, every tier-1 rule injected and found. */

const generate = (out: string, reports: number, seed = 11, extra: string[] = ['--tier2-share', '0']) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'pipeline/corpus/main.ts'), '--reports', String(reports), '--out', out, '--seed', String(seed), '--anomaly-share', '0.5', ...extra], {
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

  const injectedTier2 = new Set<string>();
  const tier2Rules = [...TIER2_RULES, 'duplicate_text', 'boilerplate_indicators', 'score_inflation'];
  /** Every tier-2 rule in the key or among the flags reaches recall 0.95 and precision 0.9. */
  async function tier2Corpus(name: string, extra: string[]): Promise<string> {
    const out = join(dir, name);
    expect(generate(out, 160, 5, ['--tier2-share', '1', '--txt-share', '0.5', ...extra]).status).toBe(0);
    const db = join(dir, `${name}.duckdb`);
    const summary = await build({ input: join(out, 'reports'), db, config: configSchema.parse({}), cacheDir: null });
    expect(summary.filesLoaded).toBe(160);
    const scores = await scoreAgainstKey(db, join(out, 'answer-key.json'));
    for (const rule of tier2Rules) {
      const s = scores.find((x) => x.rule === rule);
      if (!s) continue;
      if (s.expected > 0) injectedTier2.add(rule);
      expect(s.recall, `${rule} recall`).toBeGreaterThanOrEqual(0.95);
      expect(s.precision, `${rule} precision`).toBeGreaterThanOrEqual(0.9);
    }
    return db;
  }

  it('default mode: every tier-2 injection reaches recall 0.95 and precision 0.9', async () => {
    await tier2Corpus('default', []);
  }, 240_000);

  it('county mode: tier-2 injections and the cross-unit rules reach recall 0.95 and precision 0.9, one flag per report or table', async () => {
    const db = await tier2Corpus('county', ['--county']);
    const scores = await scoreAgainstKey(db, join(dir, 'county', 'answer-key.json'));
    // most units write from their county's template: the cross-unit rules have much to find
    expect(scores.find((x) => x.rule === 'duplicate_text')!.expected).toBeGreaterThan(80);
    expect(scores.find((x) => x.rule === 'boilerplate_indicators')!.expected).toBeGreaterThan(80);
    const w = await openWarehouse(db);
    try {
      const [perReport] = await w.query(`select max(n) as n from (select count(*) as n from anomalies where rule_id = 'duplicate_text' group by report_id)`);
      const [perTable] = await w.query(`select max(n) as n from (select count(*) as n from anomalies where rule_id = 'boilerplate_indicators' group by report_id, project, location)`);
      expect(perReport.n).toBe(1);
      expect(perTable.n).toBe(1);
    } finally {
      w.close();
    }
  }, 240_000);

  it('the two tier-2 corpora inject every tier-2 rule', () => {
    expect(TIER2_RULES.filter((r) => !injectedTier2.has(r))).toEqual([]);
  });
});
