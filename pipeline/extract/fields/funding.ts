import { fundingSourceOf, spendingKindOf } from '../form/index.ts';
import { proseSpending } from '../prose.ts';
import type { AmountMention, Funding, Spending, SumStatement } from '../report.ts';
import type { TablesRead } from './tables.ts';

/**
 * Funding and spending of the report itself where no table states them: a
 * "收入…其中：A、B" statement naming two funding sources, a "支出…其中：基本支出、项目支出"
 * statement; and prose figures for spending cells a table left blank.
 */
export function proseFundingAndSpending(tables: TablesRead, proseSums: SumStatement[], amounts: AmountMention[]): { funding: Funding[]; spending: Spending[] } {
  const funding: Funding[] = [];
  const spending: Spending[] = [];
  if (tables.ownBlock) {
    for (const nature of tables.ownBlock.blankSpending) {
      const a = proseSpending(amounts, nature);
      if (a) spending.push({ project: null, nature, label: a.label, amount: a.amount, origin: 'prose', evidence: a.sentence });
    }
    return { funding, spending };
  }
  const fundingStatement = proseSums.find(
    (s) => /收入/.test(s.totalLabel) && !/年初/.test(s.totalLabel) && s.parts.filter((p) => fundingSourceOf(p.label) !== null).length >= 2,
  );
  for (const p of fundingStatement?.parts ?? []) {
    const key = fundingSourceOf(p.label);
    if (key && p.role === 'part' && p.amount !== null) {
      funding.push({ project: null, sourceKey: key, label: p.label, amount: p.amount, origin: 'prose', evidence: fundingStatement!.evidence });
    }
  }
  const spendingStatement = proseSums.find(
    (s) =>
      /支出/.test(s.totalLabel) &&
      !/预算|年初|安排/.test(s.totalLabel) &&
      s.parts.some((p) => spendingKindOf(p.label, 'end') === 'basic') &&
      s.parts.some((p) => spendingKindOf(p.label, 'end') === 'project'),
  );
  for (const p of spendingStatement?.parts ?? []) {
    const nature = spendingKindOf(p.label, 'end');
    if (nature && p.amount !== null) spending.push({ project: null, nature, label: p.label, amount: p.amount, origin: 'prose', evidence: spendingStatement!.evidence });
  }
  return { funding, spending };
}
