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
    score_recompute_mismatch: rule({ tolerance: z.number().min(0).default(0.5) }),
    target_too_low: rule({ min_ratio: z.number().positive().default(1.2) }),
    unit_mismatch: rule({}),
    exec_rate_denominator: rule({ tolerance_pct: z.number().min(0).default(0.5) }),
    grade_band_mismatch: rule({
      excellent_min: z.number().min(0).max(100).default(90),
      good_min: z.number().min(0).max(100).default(80),
      pass_min: z.number().min(0).max(100).default(60),
    }),
    text_table_conflict: rule({
      amount_share: z.number().min(0).default(0.005),
      rate_tolerance_pct: z.number().min(0).default(0.5),
      score_tolerance: z.number().min(0).default(0.05),
      share_tolerance: z.number().min(0).default(1),
    }),
    balance_conflict: rule({
      tolerance_per_part: z.number().min(0).default(0.01),
      min_tolerance: z.number().min(0).default(0.02),
    }),
    line_item_above_budget: rule({ min_ratio: z.number().positive().default(1.5) }),
    weights_off_template: rule({
      output: z.number().min(0).max(100).default(50),
      benefit: z.number().min(0).max(100).default(30),
      satisfaction: z.number().min(0).max(100).default(10),
      budget: z.number().min(0).max(100).default(10),
    }),
    indicator_misclassified: rule({
      /** comma-separated terms */
      cost_terms: z.string().default('万元,元,成本,费用,经费,资金,单价,预算,概算,投资,价格'),
      ecology_terms: z.string().default('环境,生态,绿化,污染,排放,节能,节水,垃圾,植被,水质,空气,河道,保洁,碳'),
    }),
    overachieve_unexplained: rule({
      min_ratio: z.number().positive().default(1.3),
      zero_target_actual: z.number().min(0).default(30),
    }),
    duplicate_indicator: rule({}),
    cost_indicator_direction: rule({}),
    cost_indicator_missing: rule({
      from_year: z.number().int().default(2022),
      min_rows: z.number().int().min(1).default(3),
    }),
    indicator_set_thin: rule({
      min_rows: z.number().int().min(1).default(3),
      max_share: z.number().min(0).max(1).default(0.4),
    }),
    zero_weight_indicator: rule({}),
    no_problems_stated: rule({}),
    unquantified_targets: rule({
      min_share: z.number().min(0).max(1).default(0.5),
      min_rows: z.number().int().min(1).default(3),
    }),
    score_inflation: rule({
      min_score: z.number().min(0).max(100).default(95),
      exec_below_pct: z.number().min(0).max(100).default(90),
      min_missed: z.number().int().min(1).default(2),
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
      // the count of other units is exact where joining a passage's report and unit sets costs at most
      // this many rows per report row there (a lower bound, 至少, elsewhere); the model's rows grow with it
      join_rows_per_passage: z.number().int().min(1).default(64),
    }),
  })
  .strict()
  .prefault({});
export type RuleSettings = z.infer<typeof ruleSettingsSchema>;
