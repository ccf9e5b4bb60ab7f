import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BudgetLine, Indicator, IndicatorTable, Report } from '../../pipeline/extract/report.ts';
import { reportSchema } from '../../pipeline/extract/report.ts';
import { reportColumns, type ReportColumns } from '../../pipeline/load/columns.ts';
import { writeWarehouse } from '../../pipeline/jobs/model-step.ts';
import { openWarehouse, type PlainRow } from '../../pipeline/load/query.ts';
import { ruleSettingsSchema } from '../../pipeline/models/settings.ts';

/** Constructed reports for the rules' own tests: only the figures a test cares about are given. */

export function line(fields: Partial<BudgetLine> = {}): BudgetLine {
  return {
    project: null,
    tableNo: 0,
    source: 'table',
    initialBudget: null,
    fullYearBudget: null,
    adjustment: null,
    actual: null,
    weight: null,
    execRatePct: null,
    score: null,
    evidence: '年度资金总额',
    location: '表1',
    ...fields,
  };
}

const measure = (text: string) => {
  const m = /^(≥|≤|=)?\s*(\d+(?:\.\d+)?)\s*(%|万元|元|次|人)?$/.exec(text);
  const comparator = m?.[1] === '≥' ? '>=' : m?.[1] === '≤' ? '<=' : m?.[1] === '=' ? '=' : null;
  return { comparator, number: m ? Number(m[2]) : null, unit: m?.[3] ?? null, isRange: false } as Indicator['target'];
};

export function indicator(fields: Partial<Indicator> & { name: string }, texts: { target?: string; actual?: string } = {}): Indicator {
  const targetText = texts.target ?? '';
  const actualText = texts.actual ?? '';
  return {
    tableNo: 1,
    project: null,
    rowNo: 0,
    source: 'table',
    level1: '产出指标',
    level1WeightStated: null,
    level2: '数量指标',
    targetText,
    actualText,
    target: measure(targetText),
    actual: measure(actualText),
    weight: null,
    weightText: '',
    score: null,
    scoreText: '',
    deviation: null,
    actualYear: null,
    evidence: fields.name,
    location: '表2',
    ...fields,
  };
}

export function indicatorTable(fields: Partial<IndicatorTable> = {}): IndicatorTable {
  return { tableNo: 1, project: null, totalWeight: 100, totalScore: null, totalScoreText: null, hasTotalRow: true, location: '表2', ...fields };
}

export function report(fields: Partial<Report> = {}): Report {
  return reportSchema.parse({
    unit: '测试镇人民政府',
    region: '测试县',
    unitKey: '测试县|测试镇人民政府',
    fiscalYear: 2021,
    fiscalYearSource: 'text',
    kind: 'department',
    project: null,
    reportDate: null,
    selfScore: null,
    title: '2021年度测试镇人民政府部门整体支出绩效自评报告',
    budgetLines: [],
    funding: [],
    spending: [],
    indicatorTables: [],
    indicators: [],
    projects: [],
    amounts: [],
    sumStatements: [],
    yearMentions: [],
    sections: [],
    textFindings: [],
    fieldSources: [],
    text: '',
    ...fields,
  });
}

/** Loads constructed reports into a fresh warehouse, runs the models and returns the flags of one rule. */
export async function flagsFor(ruleId: string, reports: Report[], settings: unknown = {}): Promise<PlainRow[]> {
  const db = join(mkdtempSync(join(tmpdir(), 'jixiao-rule-')), 'warehouse.duckdb');
  const columns: ReportColumns[] = reports.map((r, i) => {
    const id = `r${i}`;
    const facts = {
      reportId: id,
      fileName: `${id}.txt`,
      path: `${id}.txt`,
      format: 'txt',
      encoding: 'utf-8',
      contentHash: id,
      sizeBytes: 1,
      fileMtime: new Date(0),
      parserVersion: 'test',
    };
    return reportColumns(facts, r, null);
  });
  await writeWarehouse(db, columns, ruleSettingsSchema.parse(settings));
  const w = await openWarehouse(db);
  try {
    return await w.query(`select * from anomalies where rule_id = '${ruleId}' order by report_id, subject`);
  } finally {
    w.close();
  }
}
