import type { BudgetLine, Funding, Indicator, IndicatorTable, Spending, SumStatement } from '../report.ts';
import { parseBudgetBlock, parseIndicatorBlock, tableSumStatements, type BudgetBlock } from '../tables.ts';
import type { ReportContext } from './context.ts';

/** What the tables state: budget lines (the report's own and each project's), funding, spending, indicators, breakdowns. */
export interface TablesRead {
  budgetLines: BudgetLine[];
  funding: Funding[];
  spending: Spending[];
  indicators: Indicator[];
  indicatorTables: IndicatorTable[];
  sumStatements: SumStatement[];
  /** the report's own budget block, where a table holds it */
  ownBlock: BudgetBlock | null;
}

export function readTables(ctx: ReportContext, singleProjectReport: boolean): TablesRead {
  const out: TablesRead = { budgetLines: [], funding: [], spending: [], indicators: [], indicatorTables: [], sumStatements: [], ownBlock: null };
  // “项目支出”需要填报…所有项目支出: the form says the parts listed must be complete
  const completeLabels = [...ctx.text.matchAll(/[“"]([^”"]{2,8})[”"]需要填报[^。\n]*所有/g)].map((m) => m[1]);
  for (const v of ctx.views) {
    const tableProject = ctx.projectOf.get(v.tableNo) ?? null;
    const isOwn = !tableProject || singleProjectReport;
    const lineProject = isOwn ? null : tableProject;
    const block = parseBudgetBlock(v, lineProject);
    if (block && !(isOwn && out.ownBlock)) {
      if (isOwn) out.ownBlock = block;
      out.budgetLines.push(block.line);
      out.funding.push(...block.funding);
      out.spending.push(...block.spending);
    }
    const ind = parseIndicatorBlock(v, lineProject);
    if (ind) {
      out.indicatorTables.push(ind.table);
      out.indicators.push(...ind.indicators);
    }
    if (!block && !ind) out.sumStatements.push(...tableSumStatements(v, completeLabels));
  }
  return out;
}
