import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { PlainRow, Warehouse } from '../../pipeline/load/query.ts';
import { GOLD_FILE } from './paths.ts';

/** The hand-checked expectations for the five sample reports (../shared/gold/seeds.json). */

const num = z.number().nullable();
const budget = z.object({
  initial: num,
  full_year: num,
  actual: num,
  weight: num,
  exec_rate_pct: num,
  score: num,
  adjustment: num.optional(),
});
const indicator = z.object({
  level1: z.string(),
  level2: z.string(),
  name: z.string(),
  target: z.string(),
  actual: z.string(),
  weight: num,
  score: num,
  deviation: z.string().optional(),
});
const flag = z.object({
  rule: z.string(),
  tier: z.number().optional(),
  evidence: z.string().optional(),
  why: z.string().optional(),
  severity: z.enum(['critical', 'warning', 'info']).optional(),
  not_on: z.array(z.number()).optional(),
});
export const goldReportSchema = z.object({
  file: z.string(),
  unit: z.string(),
  region: z.string(),
  fiscal_year: z.number(),
  kind: z.enum(['department', 'project']),
  report_date: z.string().optional(),
  self_score: num,
  budget,
  funding: z.record(z.string(), z.number()),
  spending: z.object({ basic: z.number(), project: z.number() }),
  indicators: z.array(indicator).optional(),
  indicators_count: z.number().optional(),
  indicators_first: indicator.optional(),
  projects: z
    .array(z.object({ name: z.string(), budget, indicators_count: z.number(), quantity_target: z.string() }))
    .optional(),
  expected_flags: z.array(flag),
  must_not_flag: z.array(flag),
});
export type GoldReport = z.infer<typeof goldReportSchema>;

export function loadGold(): GoldReport[] {
  const raw = JSON.parse(readFileSync(GOLD_FILE, 'utf8')) as { reports: unknown[] };
  return raw.reports.map((r) => goldReportSchema.parse(r));
}

/** Cell text compared as the gold README says: all whitespace removed, U+3000 included. */
export const squashAll = (s: string | null | undefined) => (s ?? '').replace(/[\s\u3000]+/g, '');

const close = (a: unknown, b: number | null | undefined) =>
  b === null || b === undefined ? a === null : typeof a === 'number' && Math.abs(a - b) < 0.005;

export interface Mismatch {
  field: string;
  expected: unknown;
  got: unknown;
}

/**
 * Every field gold states for one report, compared with the report loaded from `fileName`:
 * the mismatches (empty when all agree). `tally` sees every comparison, for accuracy figures.
 */
export async function compareWithGold(w: Warehouse, g: GoldReport, fileName: string, tally: (field: string, ok: boolean) => void = () => {}): Promise<Mismatch[]> {
  const out: Mismatch[] = [];
  const check = (field: string, ok: boolean, expected: unknown, got: unknown) => {
    tally(field, ok);
    if (!ok) out.push({ field, expected, got });
  };
  const [report] = await w.query(`select * from reports where file_name = '${fileName}'`);
  if (!report) return [{ field: 'report', expected: fileName, got: null }];
  const id = report.report_id;
  check('unit', report.unit === g.unit, g.unit, report.unit);
  check('region', report.region === g.region, g.region, report.region);
  check('fiscal_year', report.fiscal_year === g.fiscal_year, g.fiscal_year, report.fiscal_year);
  check('kind', report.kind === g.kind, g.kind, report.kind);
  check('self_score', close(report.self_score, g.self_score), g.self_score, report.self_score);
  if (g.report_date) check('report_date', String(report.report_date).startsWith(g.report_date), g.report_date, report.report_date);

  const lines = await w.query(`select * from budget_lines where report_id = '${id}' order by line_no`);
  const compareBudget = (label: string, line: PlainRow | undefined, b: GoldReport['budget']) => {
    const pairs: [string, string, number | null | undefined][] = [
      ['initial', 'initial_budget', b.initial],
      ['full_year', 'full_year_budget', b.full_year],
      ['actual', 'actual', b.actual],
      ['weight', 'weight', b.weight],
      ['exec_rate_pct', 'exec_rate_pct', b.exec_rate_pct],
      ['score', 'score', b.score],
    ];
    if (b.adjustment !== undefined) pairs.push(['adjustment', 'adjustment', b.adjustment]);
    for (const [goldKey, column, expected] of pairs) {
      const got = line?.[column] ?? null;
      check(`${label}.${goldKey}`, close(got, expected), expected, got);
    }
  };
  const own = lines.filter((l) => l.project === null);
  check('budget.own_lines', own.length === 1, 1, own.length);
  compareBudget('budget', own[0], g.budget);

  const funding = await w.query(`select source_key, sum(amount) as amount from funding where report_id = '${id}' and project is null group by all`);
  for (const [key, amount] of Object.entries(g.funding)) {
    const got = funding.find((f) => f.source_key === key)?.amount ?? (amount === 0 ? 0 : null);
    check('funding', close(got, amount), `${key} ${amount}`, got);
  }
  const spending = await w.query(`select nature, sum(amount) as amount from spending where report_id = '${id}' and project is null group by all`);
  for (const [nature, amount] of Object.entries(g.spending)) {
    const got = spending.find((s) => s.nature === nature)?.amount ?? null;
    check('spending', close(got, amount), `${nature} ${amount}`, got);
  }

  const indicators = await w.query(
    `select * from indicators where report_id = '${id}' and source = 'table' and project is null order by table_no, row_no`,
  );
  const compareRow = (label: string, got: PlainRow | undefined, expected: NonNullable<GoldReport['indicators']>[number]) => {
    const ok =
      !!got &&
      got.level1 === expected.level1 &&
      got.level2 === expected.level2 &&
      squashAll(String(got.name)) === squashAll(expected.name) &&
      squashAll(String(got.target_text)) === squashAll(expected.target) &&
      squashAll(String(got.actual_text)) === squashAll(expected.actual) &&
      close(got.weight, expected.weight) &&
      close(got.score, expected.score) &&
      squashAll(got.deviation as string | null) === squashAll(expected.deviation);
    check(label, ok, expected, got && { ...got, evidence: undefined, location: undefined });
  };
  if (g.indicators) {
    check('indicators.count', indicators.length === g.indicators.length, g.indicators.length, indicators.length);
    g.indicators.forEach((expected, i) => compareRow('indicators.row', indicators[i], expected));
  }
  if (g.indicators_count !== undefined) check('indicators.count', indicators.length === g.indicators_count, g.indicators_count, indicators.length);
  if (g.indicators_first) compareRow('indicators.row', indicators[0], g.indicators_first);

  for (const p of g.projects ?? []) {
    const line = lines.find((l) => l.project === p.name);
    check('projects.found', !!line, p.name, lines.map((l) => l.project));
    compareBudget('projects.budget', line, p.budget);
    const rows = await w.query(
      `select * from indicators where report_id = '${id}' and project = '${p.name.replace(/'/g, "''")}' order by table_no, row_no`,
    );
    check('projects.indicators_count', rows.length === p.indicators_count, p.indicators_count, rows.length);
    const quantity = rows.find((r) => r.level2 === '数量指标');
    check('projects.quantity_target', squashAll(String(quantity?.target_text)) === squashAll(p.quantity_target), p.quantity_target, quantity?.target_text);
  }
  return out;
}
