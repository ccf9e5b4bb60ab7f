import type { Document } from '../read/document.ts';
import { budgetOutcomes, lineFromReading, ownBudgetWithoutTable, type BudgetReading } from './fields/budget.ts';
import { buildContext, documentText, isSingleProjectReport } from './fields/context.ts';
import { proseFundingAndSpending } from './fields/funding.ts';
import { readKind } from './fields/kind.ts';
import { readProject } from './fields/project.ts';
import { valueOf, type FieldOutcome } from './fields/reading.ts';
import { readReportDate } from './fields/report-date.ts';
import { readSelfScore } from './fields/self-score.ts';
import { readTables } from './fields/tables.ts';
import { readLooseIndicators } from './fields/indicators.ts';
import { readRegion, readUnit } from './fields/unit.ts';
import { readFiscalYear } from './fields/year.ts';
import type { BudgetColumn } from './form/index.ts';
import { unitKeyOf } from './header.ts';
import { findTextFindings } from './hygiene.ts';
import { findAmounts, findSumStatements, proseBudget, proseIndicators } from './prose.ts';
import type { BudgetLine, FieldSource, Report } from './report.ts';
import { reportSchema } from './report.ts';
import { conformsTo } from './conforms.ts';
import { findSections } from './sections.ts';
import { findYearMentions } from './years.ts';
import { asWrittenIn, looksTraditional, simplifiedDocument, withoutPinyinGlosses } from './traditional.ts';

export { PARSER_VERSION } from './parser-version.ts';

/** A report read field by field: each reader tries its strategies in order and says where its value came from. */
export function extractReport(written: Document, fileName: string): Report {
  const doc = withoutPinyinGlosses(written);
  if (!looksTraditional(doc)) return extractFrom(doc, fileName);
  // traditional characters: read a simplified copy, give the names back as written
  const original = documentText(doc);
  const r = extractFrom(simplifiedDocument(doc), fileName);
  const back = asWrittenIn(r.text, original);
  const unit = back(r.unit);
  const region = back(r.region);
  return checked({
    ...r,
    unit,
    region,
    unitKey: unitKeyOf(unit, region),
    project: back(r.project),
    title: back(r.title),
    fieldSources: r.fieldSources.map((f) => (f.field === 'unit' || f.field === 'region' || f.field === 'project' ? { ...f, value: back(f.value) } : f)),
    text: original.length === r.text.length ? original : r.text,
  });
}

function extractFrom(doc: Document, fileName: string): Report {
  const ctx = buildContext(doc, fileName);
  const kind = readKind(ctx);
  const unit = readUnit(ctx);
  const region = readRegion(ctx, valueOf(unit));
  const reportDate = readReportDate(ctx);
  const fiscalYear = readFiscalYear(ctx, valueOf(reportDate));
  const project = readProject(ctx, valueOf(kind)!);
  const single = isSingleProjectReport(ctx, valueOf(kind)!);
  const tables = readTables(ctx, single);

  const amounts = findAmounts(ctx.text).filter((a) => !ctx.inTable(a.offset));
  const proseSums = findSumStatements(ctx.text, amounts).filter((s) => !ctx.inTable(ctx.text.indexOf(s.evidence)));
  const prose = proseBudget(ctx.text, amounts);
  const budget = readOwnBudget(ctx, tables, prose);
  const more = proseFundingAndSpending(tables, proseSums, amounts);
  const selfScore = readSelfScore(ctx, tables, single);
  const loose = readLooseIndicators(ctx, tables, budget.lines, single);

  const titleIdx = ctx.title?.index ?? -1;
  const titleEnd = titleIdx >= 0 ? ctx.paragraphs[titleIdx].offset + ctx.paragraphs[titleIdx].text.length + (ctx.paraTexts[titleIdx + 1]?.length ?? 0) + 1 : 0;
  const outcomes: FieldOutcome<unknown>[] = [unit, region, fiscalYear, kind, project, reportDate, selfScore, ...budget.outcomes, ...loose.outcomes];
  const report: Report = {
    unit: valueOf(unit),
    region: valueOf(region),
    unitKey: unitKeyOf(valueOf(unit), valueOf(region)),
    fiscalYear: valueOf(fiscalYear),
    fiscalYearSource: yearSource(fiscalYear.reading?.source),
    kind: valueOf(kind)!,
    project: valueOf(project),
    reportDate: valueOf(reportDate),
    selfScore: valueOf(selfScore),
    title: ctx.title?.text ?? null,
    budgetLines: budget.lines,
    funding: [...tables.funding, ...more.funding],
    spending: [...tables.spending, ...more.spending],
    indicatorTables: [...tables.indicatorTables.filter((t) => !loose.replaces.has(t.tableNo)), ...loose.indicatorTables],
    indicators: [...tables.indicators.filter((i) => i.tableNo === null || !loose.replaces.has(i.tableNo)), ...loose.indicators, ...proseIndicators(ctx.paraTexts.join('\n'))],
    projects: ctx.projectTables.filter(() => !single).map((v) => ({ name: ctx.projectOf.get(v.tableNo)!, tableNo: v.tableNo })),
    amounts,
    sumStatements: [...tables.sumStatements, ...proseSums],
    yearMentions: findYearMentions(ctx.text, titleEnd, valueOf(fiscalYear)),
    sections: findSections(ctx.paraTexts),
    textFindings: findTextFindings(ctx.text),
    fieldSources: outcomes.map(toFieldSource),
    text: ctx.text,
  };
  return checked(report);
}

const reportConforms = conformsTo(reportSchema);

/** The report as reportSchema.parse gives it back: the report itself where it already conforms (most do; parse copies every object). */
const checked = (report: unknown): Report => (reportConforms(report) ? (report as Report) : reportSchema.parse(report));

function yearSource(source: string | undefined): Report['fiscalYearSource'] {
  if (!source) return null;
  return source === 'report_date' ? 'report_date' : source === 'file_name' ? 'file_name' : 'text';
}

function toFieldSource(o: FieldOutcome<unknown>): FieldSource {
  const r = o.reading;
  return {
    project: o.project,
    field: o.field,
    value: r ? String(r.value) : null,
    source: r?.source ?? null,
    strategy: r?.strategy ?? null,
    location: r?.location ?? o.location ?? null,
    evidence: (r?.evidence ?? o.evidence ?? null)?.slice(0, 500) ?? null,
    reason: r ? null : o.reason,
  };
}

/**
 * The report's own budget line: its table's 年度资金总额 row (prose fills a blank
 * cell), else the row in another layout, else the figures the prose states.
 */
function readOwnBudget(
  ctx: ReturnType<typeof buildContext>,
  tables: ReturnType<typeof readTables>,
  prose: ReturnType<typeof proseBudget>,
): { lines: BudgetLine[]; outcomes: FieldOutcome<number>[] } {
  const lines = [...tables.budgetLines];
  const filled = new Set<BudgetColumn>();
  let reading: Pick<BudgetReading, 'source' | 'strategy' | 'ambiguous'> | null = null;
  let own: BudgetLine | null = null;
  const fill = (line: BudgetLine, col: BudgetColumn, key: 'initialBudget' | 'fullYearBudget' | 'actual' | 'execRatePct', value: number | null, ambiguous: BudgetColumn[]) => {
    if (line[key] === null && value !== null && !ambiguous.includes(col)) {
      line[key] = value;
      filled.add(col);
    }
  };
  if (tables.ownBlock) {
    own = tables.ownBlock.line;
    const amb = tables.ownBlock.ambiguous;
    reading = { source: 'table', strategy: 'table: budget row', ambiguous: amb };
    // a table figure wins over the prose; prose fills a blank cell
    fill(own, 'initial', 'initialBudget', prose.initialBudget, amb);
    fill(own, 'fullYear', 'fullYearBudget', prose.fullYearBudget, amb);
    fill(own, 'actual', 'actual', prose.actual, amb);
    fill(own, 'rate', 'execRatePct', prose.execRatePct, amb);
    own.adjustment ??= prose.adjustment;
  } else {
    const r = ownBudgetWithoutTable(ctx);
    if (r) {
      own = lineFromReading(r, prose);
      reading = r;
      for (const col of ['initial', 'fullYear', 'actual', 'rate'] as const) if (r.figures[col] === undefined && !r.ambiguous.includes(col)) filled.add(col);
      lines.unshift(own);
    } else if ([prose.initialBudget, prose.fullYearBudget, prose.actual, prose.execRatePct].some((x) => x !== null)) {
      own = {
        project: null,
        tableNo: null,
        source: 'prose',
        initialBudget: prose.initialBudget,
        fullYearBudget: prose.fullYearBudget,
        adjustment: prose.adjustment,
        actual: prose.actual,
        weight: null,
        execRatePct: prose.execRatePct,
        score: prose.score,
        evidence: prose.evidence.join(' / '),
        location: '正文',
      };
      lines.unshift(own);
    }
  }
  return { lines, outcomes: budgetOutcomes(own, reading ? { ...reading, filledFromProse: filled } : null, prose) };
}

