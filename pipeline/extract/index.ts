import type { Document } from '../read/document.ts';
import { logicalCells } from '../read/document.ts';
import {
  cleanUnitName,
  findReportDate,
  isOrgName,
  publisherOf,
  unitFromBody,
  findTitle,
  kindOf,
  regionFromText,
  regionFromUnit,
  unitFromLabelLine,
  unitFromTitle,
  unitKeyOf,
  yearFromTitleZone,
  yearNearTitleWords,
} from './header.ts';
import { findTextFindings } from './hygiene.ts';
import { findAmounts, findSumStatements, proseBudget, proseIndicators, proseSelfScore, proseSpending } from './prose.ts';
import type { BudgetLine, Funding, Indicator, IndicatorTable, Report, Spending, SumStatement } from './report.ts';
import { reportSchema } from './report.ts';
import { runOnBudget, runOnTotalScore, runOnValue, runOnValues } from './runon.ts';
import { findSections } from './sections.ts';
import { escapeRe, fundingSourceOf, labelWords, spendingKindOf } from './form/index.ts';
import {
  labelValues,
  parseBudgetBlock,
  parseIndicatorBlock,
  projectNameOf,
  tableSumStatements,
  tableTotalScore,
  viewTable,
  type BudgetBlock,
  type TableView,
} from './tables.ts';
import { squash } from './text.ts';
import { findYearMentions } from './years.ts';

export const PARSER_VERSION = '1.2.0';

interface Layout {
  text: string;
  paragraphs: { text: string; offset: number }[];
  tables: { view: TableView; offset: number; end: number }[];
}

/** The document's text with every block's offset: paragraphs as lines, table rows as tab-joined lines. */
function layout(doc: Document): Layout {
  let text = '';
  const paragraphs: Layout['paragraphs'] = [];
  const tables: Layout['tables'] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'paragraph') {
      paragraphs.push({ text: block.text, offset: text.length });
      text += block.text + '\n';
    } else {
      const view = viewTable(block, tables.length);
      const offset = text.length;
      text += view.rows.map((r) => r.join('\t')).join('\n') + '\n';
      tables.push({ view, offset, end: text.length });
    }
  }
  return { text, paragraphs, tables };
}

const PROJECT_LINE_RE = new RegExp(`(?:${labelWords('project').map(escapeRe).join('|')})\\s*[：:|]\\s*([^\\s|]{2,60})`);

export function extractReport(doc: Document, fileName: string): Report {
  const { text, paragraphs, tables } = layout(doc);
  const paraTexts = paragraphs.map((p) => p.text);
  const inTable = (offset: number) => tables.some((t) => offset >= t.offset && offset < t.end);

  // ------------------------------------------------ what kind of form, whose, when
  const titleFound = findTitle(paraTexts);
  const title = titleFound?.text ?? null;
  const titleIdx = titleFound?.index ?? -1;
  const firstTable = tables[0]?.view;
  const headerZone = [...paraTexts.slice(0, 15), ...(firstTable ? firstTable.rows.slice(0, 6).flat() : [])].join('\n');
  const kind = kindOf(headerZone);

  const views = tables.map((t) => t.view);
  const projectOf = new Map<number, string | null>(views.map((v) => [v.tableNo, projectNameOf(v)]));
  const projectTables = views.filter((v) => projectOf.get(v.tableNo));
  const ownTables = views.filter((v) => !projectOf.get(v.tableNo));
  const singleProjectReport = kind === 'project' && projectTables.length === 1 && !ownTables.some((v) => parseBudgetBlock(v, null));

  const unit = findUnit(ownTables, projectTables, paraTexts, title);
  const region = unit ? (regionFromUnit(unit) ?? regionFromText(text)) : regionFromText(text);

  const zone = titleIdx >= 0 ? [paraTexts[titleIdx], ...paraTexts.slice(titleIdx + 1, titleIdx + 3), ...paraTexts.slice(0, 4)] : paraTexts.slice(0, 6);
  const reportDate = findReportDate([...paraTexts.slice(0, 30), ...paraTexts.slice(-30), ...views.flatMap((v) => v.rows.flat())]);
  let fiscalYear = yearFromTitleZone(zone);
  let fiscalYearSource: Report['fiscalYearSource'] = fiscalYear ? 'text' : null;
  if (!fiscalYear) {
    // a title inside a flattened form: "部门整体支出绩效自评表(2021年度)区级预算单位名称…"
    fiscalYear = yearNearTitleWords(paraTexts.join('\n'));
    if (fiscalYear) fiscalYearSource = 'text';
  }
  if (!fiscalYear && reportDate) {
    fiscalYear = Number(reportDate.slice(0, 4)) - 1;
    fiscalYearSource = 'report_date';
  }
  if (!fiscalYear) {
    const m = /(?<!\d)(20\d{2})(?!\d)/.exec(fileName);
    if (m) {
      fiscalYear = Number(m[1]);
      fiscalYearSource = 'file_name';
    }
  }

  let project: string | null = null;
  if (kind === 'project') {
    if (projectTables.length === 1) project = projectOf.get(projectTables[0].tableNo) ?? null;
    if (!project && title) project = unitFromTitle(title).rest || null;
    if (!project && titleIdx >= 0) {
      const next = squash(paraTexts[titleIdx + 1] ?? '');
      const m = /^[（(](.+项目.*)[)）]$/.exec(next);
      if (m) project = m[1];
    }
    if (!project) {
      const m = PROJECT_LINE_RE.exec(text);
      if (m) project = m[1];
    }
    if (!project) project = runOnValue(paraTexts.join('\n'), labelWords('project'));
  }

  // ------------------------------------------------ tables
  const budgetLines: BudgetLine[] = [];
  const funding: Funding[] = [];
  const spending: Spending[] = [];
  const indicators: Indicator[] = [];
  const indicatorTables: IndicatorTable[] = [];
  const sumStatements: SumStatement[] = [];
  let ownBlock: BudgetBlock | null = null;
  const completeLabels = [...text.matchAll(/[“"]([^”"]{2,8})[”"]需要填报[^。\n]*所有/g)].map((m) => m[1]);
  for (const v of views) {
    const tableProject = projectOf.get(v.tableNo) ?? null;
    const isOwn = !tableProject || singleProjectReport;
    const lineProject = isOwn ? null : tableProject;
    const block = parseBudgetBlock(v, lineProject);
    if (block && !(isOwn && ownBlock)) {
      if (isOwn) ownBlock = block;
      budgetLines.push(block.line);
      funding.push(...block.funding);
      spending.push(...block.spending);
    }
    const ind = parseIndicatorBlock(v, lineProject);
    if (ind) {
      indicatorTables.push(ind.table);
      indicators.push(...ind.indicators);
    }
    if (!block && !ind) sumStatements.push(...tableSumStatements(v, completeLabels));
  }

  // ------------------------------------------------ prose
  const amounts = findAmounts(text).filter((a) => !inTable(a.offset));
  const proseSums = findSumStatements(text, amounts).filter((s) => !inTable(text.indexOf(s.evidence)));
  sumStatements.push(...proseSums);
  const prose = proseBudget(text, amounts);
  const flattened = ownBlock ? null : runOnBudget(paraTexts.join('\n'));

  if (ownBlock) {
    const line = ownBlock.line;
    // a table figure wins over the prose; prose fills a blank cell
    line.initialBudget ??= prose.initialBudget;
    line.fullYearBudget ??= prose.fullYearBudget;
    line.actual ??= prose.actual;
    line.execRatePct ??= prose.execRatePct;
    line.adjustment ??= prose.adjustment;
    for (const nature of ownBlock.blankSpending) {
      const a = proseSpending(amounts, nature);
      if (a) spending.push({ project: null, nature, label: a.label, amount: a.amount, origin: 'prose', evidence: a.sentence });
    }
  } else if (flattened) {
    budgetLines.unshift({
      project: null,
      tableNo: null,
      source: 'table',
      initialBudget: flattened.initialBudget,
      fullYearBudget: flattened.fullYearBudget ?? prose.fullYearBudget,
      adjustment: prose.adjustment,
      actual: flattened.actual ?? prose.actual,
      weight: flattened.weight,
      execRatePct: flattened.execRatePct ?? prose.execRatePct,
      score: flattened.score,
      evidence: flattened.evidence,
      location: '正文（表格文本）',
    });
  } else if ([prose.initialBudget, prose.fullYearBudget, prose.actual, prose.execRatePct].some((x) => x !== null)) {
    budgetLines.unshift({
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
    });
  }
  if (!ownBlock) {
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
      (s) => /支出/.test(s.totalLabel) && !/预算|年初|安排/.test(s.totalLabel) && s.parts.some((p) => spendingKindOf(p.label, 'end') === 'basic') && s.parts.some((p) => spendingKindOf(p.label, 'end') === 'project'),
    );
    for (const p of spendingStatement?.parts ?? []) {
      const nature = spendingKindOf(p.label, 'end');
      if (nature && p.amount !== null) {
        spending.push({ project: null, nature, label: p.label, amount: p.amount, origin: 'prose', evidence: spendingStatement!.evidence });
      }
    }
  }
  indicators.push(...proseIndicators(paraTexts.join('\n')).map((ind) => ({ ...ind, location: ind.location })));

  const ownTotal = indicatorTables.find((t) => t.project === null);
  const selfScore =
    ownTotal?.totalScore ?? proseSelfScore(paraTexts.join('\n')) ?? tableTotalScore(singleProjectReport ? views : ownTables) ?? runOnTotalScore(paraTexts.join('\n'));
  const titleEnd = titleIdx >= 0 ? paragraphs[titleIdx].offset + paragraphs[titleIdx].text.length + (paraTexts[titleIdx + 1]?.length ?? 0) + 1 : 0;

  const report: Report = {
    unit,
    region,
    unitKey: unitKeyOf(unit, region),
    fiscalYear,
    fiscalYearSource,
    kind,
    project,
    reportDate,
    selfScore,
    title,
    budgetLines,
    funding,
    spending,
    indicatorTables,
    indicators,
    projects: projectTables
      .filter(() => !singleProjectReport)
      .map((v) => ({ name: projectOf.get(v.tableNo)!, tableNo: v.tableNo })),
    amounts,
    sumStatements,
    yearMentions: findYearMentions(text, titleEnd, fiscalYear),
    sections: findSections(paraTexts),
    textFindings: findTextFindings(text),
    text,
  };
  return reportSchema.parse(report);
}

function findUnit(ownTables: TableView[], projectTables: TableView[], paragraphs: string[], title: string | null): string | null {
  for (const v of ownTables) {
    const hit = labelValues(v).find((lv) => lv.field === 'unit');
    if (hit) return cleanUnitName(hit.value);
  }
  for (const p of paragraphs.slice(0, 40)) {
    const u = unitFromLabelLine(p);
    if (u) return u;
  }
  const head = paragraphs.slice(0, 40).join('\n');
  const named = orgName(runOnValues(head, labelWords('unit').filter((w) => w.length >= 4)));
  if (named) return named;
  for (const v of [...ownTables, ...projectTables]) {
    const hit = labelValues(v).find((lv) => lv.field === 'implementer' || lv.field === 'unit');
    if (hit) return cleanUnitName(hit.value);
  }
  const implementer = orgName(runOnValues(head, labelWords('implementer')));
  if (implementer) return implementer;
  if (title) {
    const u = unitFromTitle(title).unit;
    if (u) return u;
  }
  for (const v of projectTables) {
    const hit = labelValues(v).find((lv) => lv.field === 'supervisor');
    if (hit) return cleanUnitName(hit.value);
  }
  return unitFromBody(paragraphs) ?? orgName(runOnValues(head, labelWords('supervisor'))) ?? publisherOf(paragraphs);
}

/** A run-on value taken as a unit name only if it reads like one. */
function orgName(values: string[]): string | null {
  for (const value of values) {
    const name = cleanUnitName(value);
    if (isOrgName(name)) return name;
    // OCR noise after a name ("某市教育局实施第位"): the longest head that is a place's organisation
    for (let end = name.length - 1; end >= 4; end--) {
      const head = name.slice(0, end);
      if (isOrgName(head) && regionFromUnit(head)) return head;
    }
  }
  return null;
}

export { logicalCells };
