import { z } from 'zod';

/**
 * The one record every later step trusts: what a report states, as read.
 * Amounts are 万元 (converted from 元/亿元 where the report writes those).
 * A field the reader could not find is null; nothing here is a judgement.
 */

const amount = z.number().finite().nullable();

export const measureSchema = z.object({
  /** '>=', '<=', '=', '>', '<' or null where the text states a plain value */
  comparator: z.enum(['>=', '<=', '=', '>', '<']).nullable(),
  number: z.number().finite().nullable(),
  unit: z.string().nullable(),
  /** the value is written as a range or promise (≥98, 以上) rather than a measured figure */
  isRange: z.boolean(),
});
export type Measure = z.infer<typeof measureSchema>;

export const budgetLineSchema = z.object({
  /** null = the report's own line (also in a project report) */
  project: z.string().nullable(),
  tableNo: z.number().int().nullable(),
  source: z.enum(['table', 'prose']),
  initialBudget: amount,
  fullYearBudget: amount,
  /** a stated adjustment (预算调整 / 调增) where the report gives one */
  adjustment: amount,
  actual: amount,
  weight: amount,
  execRatePct: amount,
  score: amount,
  /** the row's cells or the sentences the figures come from */
  evidence: z.string(),
  location: z.string(),
});
export type BudgetLine = z.infer<typeof budgetLineSchema>;

export const fundingSchema = z.object({
  project: z.string().nullable(),
  sourceKey: z.enum([
    'general_public_budget',
    'government_fund',
    'special_account_non_tax',
    'state_capital',
    'fiscal_appropriation',
    'carryover',
    'other',
  ]),
  label: z.string(),
  amount: z.number().finite(),
  origin: z.enum(['table', 'prose']),
  evidence: z.string(),
});
export type Funding = z.infer<typeof fundingSchema>;

export const spendingSchema = z.object({
  project: z.string().nullable(),
  nature: z.enum(['basic', 'project']),
  label: z.string(),
  amount: z.number().finite(),
  origin: z.enum(['table', 'prose']),
  evidence: z.string(),
});
export type Spending = z.infer<typeof spendingSchema>;

export const indicatorSchema = z.object({
  tableNo: z.number().int().nullable(),
  project: z.string().nullable(),
  rowNo: z.number().int(),
  source: z.enum(['table', 'prose']),
  level1: z.string().nullable(),
  /** the weight printed beside the level-1 heading, 产出指标(50分) → 50 */
  level1WeightStated: amount,
  level2: z.string().nullable(),
  name: z.string(),
  targetText: z.string(),
  actualText: z.string(),
  target: measureSchema,
  actual: measureSchema,
  weight: amount,
  weightText: z.string(),
  score: amount,
  scoreText: z.string(),
  deviation: z.string().nullable(),
  /** the year written before 实际完成值 in prose ("2020年实际完成值") */
  actualYear: z.number().int().nullable(),
  evidence: z.string(),
  location: z.string(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const indicatorTableSchema = z.object({
  tableNo: z.number().int(),
  project: z.string().nullable(),
  /** weight and score written in the 总分 row; text kept for blank cells */
  totalWeight: amount,
  totalScore: amount,
  totalScoreText: z.string().nullable(),
  hasTotalRow: z.boolean(),
  location: z.string(),
});
export type IndicatorTable = z.infer<typeof indicatorTableSchema>;

const projectSchema = z.object({
  name: z.string(),
  tableNo: z.number().int(),
});

export const amountMentionSchema = z.object({
  offset: z.number().int(),
  label: z.string(),
  amount: z.number().finite(),
  originalText: z.string(),
  unitWritten: z.enum(['万元', '元', '万', '亿元']),
  /** a comparator written before the figure (≤9.64万元): a target, not a statement of fact */
  comparator: z.string().nullable(),
  sentence: z.string(),
});
export type AmountMention = z.infer<typeof amountMentionSchema>;

const sumPartSchema = z.object({
  label: z.string(),
  amount: z.number().finite().nullable(),
  /** carry-overs listed after the parts (上年结转, 年末结转) may lie outside the total */
  role: z.enum(['part', 'carryover']),
});

export const sumStatementSchema = z.object({
  origin: z.enum(['prose', 'table']),
  totalLabel: z.string(),
  total: z.number().finite(),
  parts: z.array(sumPartSchema),
  /** the form says the parts must be complete (“项目支出”需要填报…所有项目支出) */
  declaredComplete: z.boolean(),
  evidence: z.string(),
  location: z.string(),
});
export type SumStatement = z.infer<typeof sumStatementSchema>;

const yearRoles = [
  'title',
  'table_header',
  'this_period',
  'document_number',
  'plan',
  'comparison',
  'date',
  'other',
] as const;
export const yearMentionSchema = z.object({
  offset: z.number().int(),
  year: z.number().int(),
  role: z.enum(yearRoles),
  snippet: z.string(),
});
export type YearMention = z.infer<typeof yearMentionSchema>;

export const sectionSchema = z.object({
  kind: z.enum(['problems', 'measures']),
  heading: z.string(),
  text: z.string(),
});
export type Section = z.infer<typeof sectionSchema>;

export const textFindingSchema = z.object({
  kind: z.enum(['mobile', 'id_card', 'bank_account', 'placeholder']),
  value: z.string(),
  context: z.string(),
  offset: z.number().int(),
});
export type TextFinding = z.infer<typeof textFindingSchema>;

export const fieldSourceSchema = z.object({
  /** null = the report itself */
  project: z.string().nullable(),
  field: z.string(),
  /** the value as text; null where none was stored */
  value: z.string().nullable(),
  /** the kind of source: table, lines, runon, label_line, title, prose, metadata, report_date, file_name, derived */
  source: z.string().nullable(),
  /** the strategy of the field reader that read it */
  strategy: z.string().nullable(),
  location: z.string().nullable(),
  evidence: z.string().nullable(),
  /** why no value was stored (not found, or two readings remain) */
  reason: z.string().nullable(),
});
export type FieldSource = z.infer<typeof fieldSourceSchema>;

export const reportSchema = z.object({
  unit: z.string().nullable(),
  region: z.string().nullable(),
  unitKey: z.string().nullable(),
  fiscalYear: z.number().int().min(1990).max(2100).nullable(),
  fiscalYearSource: z.enum(['text', 'report_date', 'file_name']).nullable(),
  kind: z.enum(['department', 'project']),
  project: z.string().nullable(),
  reportDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  selfScore: amount,
  title: z.string().nullable(),
  budgetLines: z.array(budgetLineSchema),
  funding: z.array(fundingSchema),
  spending: z.array(spendingSchema),
  indicatorTables: z.array(indicatorTableSchema),
  indicators: z.array(indicatorSchema),
  projects: z.array(projectSchema),
  amounts: z.array(amountMentionSchema),
  sumStatements: z.array(sumStatementSchema),
  yearMentions: z.array(yearMentionSchema),
  sections: z.array(sectionSchema),
  textFindings: z.array(textFindingSchema),
  /** where each headline field was read, or why it could not be */
  fieldSources: z.array(fieldSourceSchema),
  /** the plain text the offsets refer to */
  text: z.string(),
});
export type Report = z.infer<typeof reportSchema>;
