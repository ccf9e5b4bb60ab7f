import type { BudgetLine, Funding, Indicator, IndicatorTable, Spending, SumStatement } from '../report.ts';
import { labelFieldOf } from '../form/index.ts';
import { parseCellNumber } from '../numbers.ts';
import { isIndicatorHeaderRow, parseBudgetBlock, parseIndicatorBlock, tableSumStatements, type BudgetBlock, type TableView } from '../tables.ts';
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
  let lastHeader = null as { cells: string[]; project: string | null } | null;
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
    let ind = parseIndicatorBlock(v, lineProject);
    let project = lineProject;
    if (!ind && !block && lastHeader?.cells.length && continuesIndicators(v, lastHeader.cells.length)) {
      // a table continued after a page break, or pasted in parts: read under the header of the part before
      project = lastHeader.project;
      ind = parseIndicatorBlock({ ...v, rows: [lastHeader.cells, ...v.rows], raw: [lastHeader.cells, ...v.raw] }, project);
      if (ind) for (const i of ind.indicators) i.location = i.location.replace(/第(\d+)行/, (_, n) => `第${Number(n) - 1}行`);
    }
    // only an indicator table without its 总分 row goes on in the next table
    if (ind && !ind.table.hasTotalRow) lastHeader = { cells: indicatorHeaderOf(v) ?? lastHeader?.cells ?? [], project };
    else lastHeader = null;
    if (ind) {
      out.indicatorTables.push(ind.table);
      out.indicators.push(...ind.indicators);
    }
    if (!block && !ind) out.sumStatements.push(...tableSumStatements(v, completeLabels));
  }
  return out;
}

/** The indicator table's header row (一级指标 … 三级指标 … 分值 … 得分), if the table has one. */
function indicatorHeaderOf(v: TableView): string[] | null {
  return (
    v.rows.find(isIndicatorHeaderRow) ?? null
  );
}

/** Rows of indicators without a header of their own: no label cells, and most rows end in figures (分值, 得分). */
function continuesIndicators(v: TableView, headerLength: number): boolean {
  // the 总分 row closes the table; the rows before it are indicators, no label cells among them
  const body = v.rows.filter((r) => !/^(总分|合计|总计)/.test(r.find((c) => c !== '') ?? ''));
  if (!body.length || body.some((r) => r.some((c) => labelFieldOf(c) !== null))) return false;
  // rows as wide as the header, or narrower by the merged columns on the left (一级 / 二级指标)
  if ( body.some((r) => r.length > headerLength || r.length < headerLength - 3)) return false;
  const scored = body.filter((r) => r.slice(-3).some((c) => parseCellNumber(c) !== null));
  return scored.length >= Math.max(1, Math.ceil(body.length / 2));
}
