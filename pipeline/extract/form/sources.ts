import type { Funding, Spending } from '../report.ts';

/**
 * Funding sources (资金来源 / 收入) and spending kinds (支出性质) as the forms and
 * 基础数据表 name them. Order matters: the most specific name first
 * (政府性基金预算财政拨款 is government funds, not 财政拨款).
 */
const FUNDING_SOURCES: { key: Funding['sourceKey']; words: string[] }[] = [
  { key: 'government_fund', words: ['政府性基金'] },
  { key: 'state_capital', words: ['国有资本经营'] },
  { key: 'special_account_non_tax', words: ['专户管理', '非税收入'] },
  { key: 'carryover', words: ['上年结转', '年初结转'] },
  // a project form's 其中：当年财政拨款 row, before the 财政拨款 of an income statement
  { key: 'fiscal_appropriation', words: ['当年财政拨款', '本年财政拨款', '财政资金'] },
  { key: 'general_public_budget', words: ['一般公共预算', '预算内财政拨款', '财政拨款'] },
  { key: 'other', words: ['其他资金', '其它资金', '其他收入', '其它收入'] },
];

/** The funding source a label names, or null. */
export function fundingSourceOf(label: string): Funding['sourceKey'] | null {
  const s = label.replace(/\s+/g, '');
  return FUNDING_SOURCES.find((f) => f.words.some((w) => s.includes(w)))?.key ?? null;
}

const SPENDING_KINDS: { nature: Spending['nature']; words: string[] }[] = [
  { nature: 'basic', words: ['基本支出'] },
  { nature: 'project', words: ['项目支出'] },
];

/** The spending kind a label starts (或 ends) with, or null. */
export function spendingKindOf(label: string, where: 'start' | 'end' = 'start'): Spending['nature'] | null {
  const s = label.replace(/\s+/g, '').replace(/^其中[：:]?/, '');
  return SPENDING_KINDS.find((k) => k.words.some((w) => (where === 'start' ? s.startsWith(w) : s.endsWith(w))))?.nature ?? null;
}
