import { z } from 'zod';
import type { Query } from './warehouse.ts';

/**
 * The review priority and the triage light, as SQL built from the warehouse's `severities` table
 * (written from pipeline/models/severity.ts). The pages print the same rows as severities.json and
 * write the formula and the rule of the light from them, so the ranking and its explanation follow
 * one definition: a changed definition changes both.
 */

const termsSchema = z
  .array(
    z.object({
      // a severity names its count column (report_summary.<severity>_flags): an identifier only
      severity: z.string().regex(/^[a-z][a-z0-9_]*$/),
      severity_rank: z.coerce.number().int(),
      priority_weight: z.coerce.number().int().nonnegative(),
      light: z.string().min(1),
    }),
  )
  .min(1);

/** The severities most serious first, with their priority weight and light. */
export type TriageTerms = z.infer<typeof termsSchema>;

export async function triageTerms(q: Query): Promise<TriageTerms> {
  return termsSchema.parse(await q(`select severity, severity_rank, priority_weight, light from severities order by severity_rank`));
}

/** Which SQL expression holds a report's number of flags of a severity. */
export type CountColumn = (severity: string) => string;

/** Priority: each severity's count × its weight, summed. */
export const prioritySql = (terms: TriageTerms, count: CountColumn): string =>
  terms.map((t) => `${count(t.severity)} * ${t.priority_weight}`).join(' + ');

/** Light: that of the most serious severity with a flag; without one, the least serious severity's. */
export function lightSql(terms: TriageTerms, count: CountColumn): string {
  const otherwise = quote(terms[terms.length - 1].light);
  const when = terms.slice(0, -1).map((t) => `when ${count(t.severity)} > 0 then ${quote(t.light)}`);
  return when.length ? `case ${when.join(' ')} else ${otherwise} end` : otherwise;
}

/** The count columns of a `report_summary s` row. */
export const summaryCounts: CountColumn = (severity) => `s.${severity}_flags`;

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
