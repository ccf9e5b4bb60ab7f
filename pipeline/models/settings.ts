import { z } from 'zod';

/**
 * Thresholds of the anomaly rules (defaults as in the rule catalog). The SQL
 * models read them as DuckDB variables named `<rule>__<setting>`, e.g.
 * `getvariable('spend_above_initial__critical_ratio')`.
 */

const rule = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ enabled: z.boolean().default(true), ...shape })
    .strict()
    .prefault({} as never);

export const ruleSettingsSchema = z
  .object({
    spend_above_initial: rule({
      warning_ratio: z.number().positive().default(1.5),
      critical_ratio: z.number().positive().default(3),
    }),
    all_full_marks: rule({ min_rows: z.number().int().min(1).default(3) }),
    year_mismatch: rule({}),
    sum_mismatch: rule({
      tolerance_per_part: z.number().min(0).default(0.01),
      min_tolerance: z.number().min(0).default(0.02),
      complete_share: z.number().min(0).max(1).default(0.8),
    }),
    total_score_mismatch: rule({ tolerance: z.number().min(0).default(0.05) }),
    weights_inconsistent: rule({ total: z.number().positive().default(100) }),
    score_exceeds_weight: rule({}),
    exec_rate_mismatch: rule({
      rate_tolerance_pct: z.number().min(0).default(0.5),
      score_tolerance: z.number().min(0).default(0.1),
    }),
    target_missed_high_score: rule({ share_of_weight: z.number().min(0).max(1).default(0.9) }),
    actual_not_measured: rule({}),
    missing_fields: rule({}),
    missing_deviation_reason: rule({}),
    budget_adjustment_large: rule({
      warning_share: z.number().min(0).default(0.2),
      critical_share: z.number().min(0).default(1),
    }),
    budget_matches_actual: rule({ min_adjustment_share: z.number().min(0).default(0.2) }),
    low_execution: rule({
      warning_pct: z.number().min(0).max(100).default(90),
      critical_pct: z.number().min(0).max(100).default(75),
    }),
    boilerplate_indicators: rule({
      min_share: z.number().min(0).max(1).default(0.8),
      min_rows: z.number().int().min(1).default(3),
    }),
    pii_published: rule({}),
    template_residue: rule({}),
    peer_outlier: rule({
      max_abs_z: z.number().positive().default(3.5),
      min_peers: z.number().int().min(1).default(8),
    }),
    benford_deviation: rule({
      max_p: z.number().positive().max(1).default(0.001),
      min_mad: z.number().min(0).default(0.012),
      min_amounts: z.number().int().min(1).default(300),
    }),
    duplicate_text: rule({
      min_chars: z.number().int().min(10).default(60),
      boilerplate_unit_share: z.number().min(0).max(1).default(0.3),
    }),
  })
  .strict()
  .prefault({});
export type RuleSettings = z.infer<typeof ruleSettingsSchema>;
export type RuleId = keyof RuleSettings;
