import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BudgetLine, Indicator, IndicatorTable, Report } from '../../pipeline/extract/report.ts';
import { reportSchema } from '../../pipeline/extract/report.ts';
import { reportColumns, type ReportColumns } from '../../pipeline/load/columns.ts';
import { writeWarehouse } from '../../pipeline/jobs/model-step.ts';
import { openWarehouse, type PlainRow } from '../../pipeline/load/query.ts';
import { MODELS_DIR } from '../../pipeline/models/run.ts';
import { ruleSettingsSchema, type RuleSettings } from '../../pipeline/models/settings.ts';

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

/**
 * Rules that compare reports with each other (peers by unit type, digit counts per unit and region,
 * indicator and text reuse across units). A case for one of them gets a warehouse of its own: other
 * cases' reports would be its peers. Every other rule reads one report at a time (its SQL partitions
 * by report_id), so its cases can share a warehouse.
 */
const CROSS_REPORT_RULES = new Set(['benford_deviation', 'boilerplate_indicators', 'duplicate_text', 'peer_outlier']);

/**
 * A rule whose SQL names units, unit types or regions compares reports across units; refuse to share a
 * warehouse for it unless it is listed above (a new cross-unit rule must be added there first).
 */
const CROSS_REPORT_HINT = /\b(unit_key|unit_type|stg_unit_types|region)\b/;
const crossReportChecked = new Map<string, boolean>();
function comparesReports(ruleId: string): boolean {
  if (CROSS_REPORT_RULES.has(ruleId)) return true;
  let hinted = crossReportChecked.get(ruleId);
  if (hinted === undefined) {
    const file = join(MODELS_DIR, 'rules', `${ruleId}.sql`);
    hinted = existsSync(file) && CROSS_REPORT_HINT.test(readFileSync(file, 'utf8'));
    crossReportChecked.set(ruleId, hinted);
  }
  if (hinted) throw new Error(`rules/${ruleId}.sql compares units: add it to CROSS_REPORT_RULES in tests/helpers/constructed.ts`);
  return false;
}

interface FlagRequest {
  ruleId: string;
  reports: Report[];
  settings: RuleSettings;
  resolve: (rows: PlainRow[]) => void;
  reject: (err: unknown) => void;
}

/** Report ids of one case: `<tag>-r<i>`; the tag is a hash of the case's reports. */
const caseTag = (reports: Report[]) => createHash('sha256').update(JSON.stringify(reports)).digest('hex').slice(0, 16);

function caseColumns(tag: string | null, reports: Report[]): ReportColumns[] {
  return reports.map((r, i) => {
    const id = tag === null ? `r${i}` : `${tag}-r${i}`;
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
    // a shared warehouse gives each case its own unit keys: reports of one case keep their relations (same
    // unit, another unit), and no report of another case is the same unit, so none is taken as a
    // resubmission or an earlier year of another case's report
    return reportColumns(facts, tag === null || r.unitKey === null ? r : { ...r, unitKey: `${r.unitKey}#${tag}` }, null);
  });
}

type Settle = () => void;

/**
 * One warehouse for a group of requests with the same settings: a cross-report rule's case alone, its
 * reports as given (ids `r0`, `r1`, …); other cases together, each under its own tag. Returns how to
 * settle each request (its own case's flags, ids as `r<i>`), called once the round is built.
 */
async function buildGroup(requests: FlagRequest[], alone: boolean): Promise<Settle[]> {
  try {
    const cases = requests.map((q) => ({ tag: alone ? null : caseTag(q.reports), ruleId: q.ruleId, reports: q.reports }));
    const results = await buildAndQuery(cases, requests[0].settings);
    return requests.map((q, i) => () => q.resolve(results[i]));
  } catch (err) {
    return requests.map((q) => () => q.reject(err));
  }
}

async function buildAndQuery(cases: { tag: string | null; ruleId: string; reports: Report[] }[], settings: RuleSettings): Promise<PlainRow[][]> {
  const db = join(mkdtempSync(join(tmpdir(), 'jixiao-rule-')), 'warehouse.duckdb');
  // the same reports asked for twice (another rule, another test) are one case
  const distinct = new Map(cases.map((c) => [c.tag, c.reports]));
  await writeWarehouse(db, [...distinct].flatMap(([tag, reports]) => caseColumns(tag, reports)), settings);
  const w = await openWarehouse(db);
  try {
    const results: PlainRow[][] = [];
    for (const c of cases) {
      const prefix = c.tag === null ? '' : `${c.tag}-`;
      const rows = await w.query(`select * from anomalies where rule_id = '${c.ruleId}' and starts_with(report_id, '${prefix}') order by report_id, subject`);
      results.push(rows.map((row) => ({ ...row, report_id: String(row.report_id).slice(prefix.length) })));
    }
    return results;
  } finally {
    w.close();
  }
}

let pending: FlagRequest[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;

/**
 * Builds the warehouses for every request made since the last build: the tests of a concurrent suite
 * each wait on one request at a time, so their requests gather here and one warehouse serves them all
 * (one per distinct settings; a cross-report rule's case alone). All are settled together, so the
 * tests' next requests again make one round.
 */
async function flush(): Promise<void> {
  flushTimer = null;
  const requests = pending;
  pending = [];
  const shared = new Map<string, FlagRequest[]>();
  const settle: Settle[] = [];
  for (const q of requests) {
    if (comparesReports(q.ruleId)) {
      settle.push(...(await buildGroup([q], true)));
    } else {
      const key = JSON.stringify(q.settings);
      shared.set(key, [...(shared.get(key) ?? []), q]);
    }
  }
  for (const group of shared.values()) settle.push(...(await buildGroup(group, false)));
  for (const s of settle) s();
}

/**
 * The flags of one rule on constructed reports (ids `r0`, `r1`, … in order), from a complete warehouse
 * build: appends, every model, the data tests and the review step. Requests made at the same time (the
 * tests of a `describe.concurrent`) share one build; each case's reports get their own ids and unit keys.
 */
export function flagsFor(ruleId: string, reports: Report[], settings: unknown = {}): Promise<PlainRow[]> {
  let parsed: RuleSettings;
  try {
    parsed = ruleSettingsSchema.parse(settings);
    comparesReports(ruleId);
  } catch (err) {
    return Promise.reject(err);
  }
  return new Promise((resolve, reject) => {
    pending.push({ ruleId, reports, settings: parsed, resolve, reject });
    // wait until the other tests of the round have made their request (they start within the same turn)
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = setTimeout(() => void flush(), 20);
  });
}
