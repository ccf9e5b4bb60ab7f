import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, parse } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openWarehouse, type PlainRow, type Warehouse } from '../../pipeline/load/query.ts';
import { buildInto } from '../helpers/build.ts';
import { REALWORLD_DIR } from '../helpers/paths.ts';

/**
 * The 43 published reports in ../shared/realworld (many provinces, layouts and
 * years): every file loads or is rejected without a crash, and every labelled
 * field is compared with what the warehouse holds, the way the realworld scorer
 * does (a label may list every acceptable reading; a file may yield several
 * reports). Files are renamed to neutral names first, so nothing is read from
 * the original names. Each field kind must stay at the count reached.
 */

// the counts reached; a change that loses one is a regression, one that gains should raise these
const REACHED: Record<string, number> = {
  unit: 40,
  region: 37,
  year: 42,
  kind: 43,
  project: 19,
  initial_budget: 5,
  full_year_budget: 20,
  actual: 17,
  exec_rate: 14,
  self_score: 6,
  indicator_count: 3,
};
const LABELLED_FILES = 43;
// files the build rejects as not a self-evaluation report (no title, table or indicators it recognises)
const REJECTED = 0;

const oneOrMany = <T extends z.ZodTypeAny>(t: T) => z.union([t, z.array(t)]).nullable();
const labelSchema = z.object({
  file: z.string(),
  unit: oneOrMany(z.string()),
  region: oneOrMany(z.string()),
  year: oneOrMany(z.number()),
  kind: oneOrMany(z.enum(['department', 'project'])),
  project: oneOrMany(z.string()).optional(),
  initial_budget_wan: oneOrMany(z.number()),
  full_year_budget_wan: oneOrMany(z.number()),
  actual_spend_wan: oneOrMany(z.number()),
  execution_rate_pct: oneOrMany(z.number()),
  self_score: oneOrMany(z.number()),
  indicator_count: oneOrMany(z.number()),
});
type Label = z.infer<typeof labelSchema>;
const labels = z.array(labelSchema.loose()).parse(JSON.parse(readFileSync(join(REALWORLD_DIR, 'labels.json'), 'utf8')));

const anyOf = <T,>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);
const norm = (s: unknown) => String(s ?? '').replace(/[\s\u3000（）()]/g, '');
const core = (s: string) => norm(s.split(/[(（]/)[0]);
const close = (a: unknown, b: number) => a !== null && a !== undefined && Math.abs(Number(a) - b) <= 0.01 * Math.max(1, Math.abs(b));
const nameMatches = (got: unknown, want: string) => {
  const g = norm(got);
  return g.length > 0 && (g.includes(core(want)) || (core(want).includes(g) && g.length >= 3));
};

describe('realworld reports', () => {
  let w: Warehouse;
  const neutral = new Map<string, string>();

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

  it('has a label for every file, and loads or rejects every file', async () => {
    expect(labels).toHaveLength(LABELLED_FILES);
    for (const l of labels) expect(neutral.has(l.file), l.file).toBe(true);
    const [{ errors }] = await w.query('select count(*) as errors from ingest_errors');
    const files = await w.query('select distinct file_name from reports');
    expect(files.length + Number(errors)).toBe(neutral.size);
    expect(Number(errors)).toBeLessThanOrEqual(REJECTED);
  });

  it('keeps every labelled field kind at the count reached, and prints the misses', async () => {
    const reports = await w.query('select * from reports');
    const budgets = await w.query('select * from budget_lines');
    const indicators = await w.query('select report_id, count(*) as n from indicators group by all');
    const results: { file: string; field: string; ok: boolean; expected: unknown; got: unknown }[] = [];
    for (const l of labels as Label[]) {
      const name = parse(neutral.get(l.file)!).name;
      const rs = reports.filter((r) => parse(String(r.file_name)).name === name);
      const ids = new Set(rs.map((r) => r.report_id));
      const mine = budgets.filter((b) => ids.has(b.report_id));
      // the whole report's line; for a one-project report stored only under its project, that line
      const lines: PlainRow[] = mine.some((b) => b.project === null) ? mine.filter((b) => b.project === null) : mine.length === 1 ? mine : [];
      const record = (field: string, want: unknown, got: unknown[], ok: boolean) => results.push({ file: l.file, field, ok, expected: want, got: got.join('/') });
      if (l.unit !== null) record('unit', l.unit, rs.map((r) => r.unit), rs.some((r) => anyOf(l.unit!).some((u) => nameMatches(r.unit, u))));
      if (l.region !== null) record('region', l.region, rs.map((r) => r.region), rs.some((r) => anyOf(l.region!).some((u) => nameMatches(r.region, u))));
      if (l.year !== null) record('year', l.year, rs.map((r) => r.fiscal_year), rs.some((r) => anyOf(l.year!).includes(Number(r.fiscal_year))));
      if (l.kind !== null) record('kind', l.kind, rs.map((r) => r.kind), rs.some((r) => anyOf(l.kind!).includes(r.kind as 'project')));
      if (l.project != null) record('project', l.project, rs.map((r) => r.project), rs.some((r) => anyOf(l.project!).some((p) => nameMatches(r.project, p))));
      const money: [keyof Label, string][] = [
        ['initial_budget_wan', 'initial_budget'],
        ['full_year_budget_wan', 'full_year_budget'],
        ['actual_spend_wan', 'actual'],
        ['execution_rate_pct', 'exec_rate_pct'],
      ];
      for (const [key, col] of money) {
        const want = l[key] as number | number[] | null;
        if (want === null) continue;
        record(col === 'exec_rate_pct' ? 'exec_rate' : col, want, lines.map((x) => x[col]), lines.some((x) => anyOf(want).some((v) => close(x[col], v))));
      }
      if (l.self_score !== null) record('self_score', l.self_score, rs.map((r) => r.self_score), rs.some((r) => anyOf(l.self_score!).some((v) => close(r.self_score, v))));
      if (l.indicator_count !== null) {
        const counts = rs.map((r) => Number(indicators.find((x) => x.report_id === r.report_id)?.n ?? 0));
        record('indicator_count', l.indicator_count, counts, counts.some((n) => anyOf(l.indicator_count!).includes(n)));
      }
    }
    const byField = new Map<string, [number, number]>();
    for (const x of results) {
      const [a, b] = byField.get(x.field) ?? [0, 0];
      byField.set(x.field, [a + (x.ok ? 1 : 0), b + 1]);
    }
    console.log(
      `\nrealworld: ${results.filter((x) => x.ok).length}/${results.length} labelled fields right\n` +
        [...byField].map(([f, [a, b]]) => `  ${f.padEnd(18)} ${a}/${b}`).join('\n') +
        '\nmisses:\n' +
        results
          .filter((x) => !x.ok)
          .map((x) => `  ${x.file} ${x.field}: expected ${JSON.stringify(x.expected)}, got ${JSON.stringify(x.got)}`)
          .join('\n'),
    );
    const reached = Object.fromEntries([...byField].map(([f, [a]]) => [f, a]));
    for (const [field, count] of Object.entries(REACHED)) expect(reached[field] ?? 0, field).toBeGreaterThanOrEqual(count);
  });
});
