import { readFileSync } from 'node:fs';
import { z } from 'zod';
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
