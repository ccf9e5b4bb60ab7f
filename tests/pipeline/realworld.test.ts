import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openWarehouse, type PlainRow, type Warehouse } from '../../pipeline/load/query.ts';
import { buildInto } from '../helpers/build.ts';
import { REALWORLD_DIR } from '../helpers/paths.ts';
import { squashAll } from '../helpers/gold.ts';

/**
 * The 20 published reports from 13 provinces: every file loads or is rejected
 * without a crash, and the fields labels.json states are counted against what
 * the warehouse holds. Files are renamed to neutral names first, so nothing is
 * read from the original file names.
 */

const labelSchema = z.object({
  file: z.string(),
  unit: z.string().nullable(),
  region: z.string().nullable(),
  year: z.number().nullable(),
  kind: z.enum(['department', 'project']).nullable(),
  project: z.string().nullable().optional(),
  initial_budget_wan: z.number().nullable(),
  full_year_budget_wan: z.number().nullable(),
  actual_spend_wan: z.number().nullable(),
  execution_rate_pct: z.number().nullable(),
  self_score: z.number().nullable(),
  indicator_count: z.number().nullable(),
});
const labels = z.array(labelSchema.loose()).parse(JSON.parse(readFileSync(join(REALWORLD_DIR, 'labels.json'), 'utf8')));

const near = (got: unknown, expected: number | null) =>
  expected === null ? got === null || got === undefined : typeof got === 'number' && Math.abs(got - expected) <= 0.011;

describe('realworld reports', () => {
  let w: Warehouse;
  const neutral = new Map<string, string>();
  const results: { file: string; field: string; ok: boolean; expected: unknown; got: unknown }[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-realworld-'));
    readdirSync(REALWORLD_DIR)
      .filter((f) => f.endsWith('.txt'))
      .forEach((f, i) => {
        const name = `report_${String(i + 1).padStart(2, '0')}.txt`;
        neutral.set(f, name);
        copyFileSync(join(REALWORLD_DIR, f), join(dir, name));
      });
    const { db } = await buildInto(dir);
    w = await openWarehouse(db);
  });
  afterAll(() => w?.close());

  it('loads or rejects every file, and loads most of them', async () => {
    const [{ reports }] = await w.query('select count(*) as reports from reports');
    const [{ errors }] = await w.query('select count(*) as errors from ingest_errors');
    expect(Number(reports) + Number(errors)).toBe(neutral.size);
    expect(Number(reports)).toBeGreaterThanOrEqual(neutral.size - 1);
  });

  it('finds the fields labels.json states', async () => {
    for (const label of labels) {
      const name = neutral.get(label.file);
      if (!name) continue;
      const [r] = await w.query(`select * from reports where file_name = '${name}'`);
      const lines = r ? await w.query(`select * from budget_lines where report_id = '${r.report_id}' and project is null`) : [];
      const line: PlainRow = lines[0] ?? {};
      const indicators = r ? await w.query(`select count(*) as n from indicators where report_id = '${r.report_id}'`) : [{ n: 0 }];
      const record = (field: string, ok: boolean, expected: unknown, got: unknown) => results.push({ file: label.file, field, ok, expected, got });
      const s = (x: unknown) => squashAll(typeof x === 'string' ? x : '');
      if (label.unit !== null) record('unit', !!r && (s(r.unit) === s(label.unit) || (s(r.unit).length >= 4 && (s(label.unit).includes(s(r.unit)) || s(r.unit).includes(s(label.unit))))), label.unit, r?.unit);
      if (label.region !== null) record('region', !!r && !!r.region && (s(r.region).includes(s(label.region)) || s(label.region).includes(s(r.region))), label.region, r?.region);
      if (label.year !== null) record('year', r?.fiscal_year === label.year, label.year, r?.fiscal_year);
      if (label.kind !== null) record('kind', r?.kind === label.kind, label.kind, r?.kind);
      record('initial_budget', near(line.initial_budget, label.initial_budget_wan), label.initial_budget_wan, line.initial_budget);
      record('full_year_budget', near(line.full_year_budget, label.full_year_budget_wan), label.full_year_budget_wan, line.full_year_budget);
      record('actual', near(line.actual, label.actual_spend_wan), label.actual_spend_wan, line.actual);
      record('exec_rate', near(line.exec_rate_pct, label.execution_rate_pct), label.execution_rate_pct, line.exec_rate_pct);
      if (label.self_score !== null) record('self_score', near(r?.self_score, label.self_score), label.self_score, r?.self_score);
      if (label.indicator_count !== null) record('indicator_count', Number(indicators[0].n) === label.indicator_count, label.indicator_count, indicators[0].n);
    }
    const right = results.filter((x) => x.ok).length;
    const byField = new Map<string, [number, number]>();
    for (const x of results) {
      const [a, b] = byField.get(x.field) ?? [0, 0];
      byField.set(x.field, [a + (x.ok ? 1 : 0), b + 1]);
    }
    console.log(
      `\nrealworld: ${right}/${results.length} labelled fields right\n` +
        [...byField].map(([f, [a, b]]) => `  ${f.padEnd(18)} ${a}/${b}`).join('\n') +
        '\nmisses:\n' +
        results
          .filter((x) => !x.ok)
          .map((x) => `  ${x.file} ${x.field}: expected ${JSON.stringify(x.expected)}, got ${JSON.stringify(x.got)}`)
          .join('\n'),
    );
    // a floor that guards against regressions; the closing figure is printed above
    expect(right / results.length).toBeGreaterThanOrEqual(0.8);
  });
});
