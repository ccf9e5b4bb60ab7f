import type { Block, Cell, Document } from '../read/document.ts';
import { Random, round2 } from './random.ts';

/**
 * One synthetic report: a plan of consistent figures (the clean case), then
 * injected anomalies, then the plan laid out as the national forms are. Every
 * injection records the rules whose definitions its figures make true.
 */

export const TIER1_RULES = [
  'spend_above_initial',
  'all_full_marks',
  'year_mismatch',
  'sum_mismatch',
  'total_score_mismatch',
  'weights_inconsistent',
  'score_exceeds_weight',
  'exec_rate_mismatch',
  'target_missed_high_score',
  'actual_not_measured',
  'missing_fields',
  'missing_deviation_reason',
  'budget_adjustment_large',
  'budget_matches_actual',
  'low_execution',
  'boilerplate_indicators',
  'pii_published',
  'template_residue',
] as const;
/**
 * Rules the answer key does not cover; scores leave them out, every other rule's flags count
 * against precision. benford_deviation cannot be keyed soundly from a generated report:
 * - it tests groups of at least 300 distinct figures (budget lines and prose amounts). A generated
 *   report states 6 such figures (median of a built county corpus of 2,000; 90th percentile 11),
 *   so a unit's four or so reports hold at most 52 and no unit group is ever tested; region-years
 *   hold about 120–180 in the default corpus of 2,000 reports (none tested) and 620–692 in the
 *   county mode (all 20 tested, all 20 flagged with budgets drawn uniformly). A unit case, the
 *   rule's main one, would need reports six times as rich in money figures as the generator's.
 * - the county mode's 20 region-years are too few to measure the rule's bound (at most 1% of
 *   conforming groups flagged), and figures within a report are derived from each other (actual
 *   from the budget, projects and parts from the total), so even with budgets drawn log-uniformly
 *   over whole decades 1 of 60 simulated region-years flagged: the key's "must not flag" would not
 *   hold by construction.
 * - a region-year's flag lands on the report with most figures starting with the over-represented
 *   digit, ties broken by report_id (a hash of content and path): which report that is depends on
 *   every figure extraction counts and on a hash the generator cannot know, so a report-level key
 *   would measure that tie-break, not the rule.
 */
export const RULES_NOT_KEYED = ['benford_deviation'] as const;
/** Tier-2 rules the generator injects directly (the cross-unit ones come from the county mode and main.ts). */
export const TIER2_RULES = [
  'score_recompute_mismatch',
  'target_too_low',
  'unit_mismatch',
  'exec_rate_denominator',
  'grade_band_mismatch',
  'balance_conflict',
  'weights_off_template',
  'indicator_misclassified',
  'overachieve_unexplained',
  'duplicate_indicator',
  'cost_indicator_direction',
  'cost_indicator_missing',
  'zero_weight_indicator',
  'no_problems_stated',
  'unquantified_targets',
  'text_table_conflict',
  'line_item_above_budget',
  'indicator_set_thin',
] as const;
/** Tier-2 rules that need the department form (the 基本支出 / 项目支出 sentence of the prose). */
export const DEPARTMENT_ONLY: readonly string[] = ['line_item_above_budget'];
export type Injection =
  | (typeof TIER1_RULES)[number]
  | (typeof TIER2_RULES)[number]
  | 'duplicate_text'
  | 'boilerplate_indicators'
  | 'score_inflation';

export interface UnitSpec {
  region: string;
  city: string;
  name: string;
  keyword: string;
  /** county mode: the county's shared indicator names, used instead of the unit's own */
  templateNames?: Record<string, string>;
}

interface Row {
  level1: string;
  level2: string;
  name: string;
  target: string;
  actual: string;
  weight: number;
  score: number;
  deviation: string;
  /** set by an injection: the clean-table fix-ups leave it alone */
  fixed?: boolean;
}

interface Line {
  initial: number;
  fullYear: number;
  actual: number;
  rate: number;
  statedRate: number;
  weight: number;
  score: number;
}

interface TablePlan {
  project: string | null;
  line: Line;
  rows: Row[];
  level1Stated: Record<string, number>;
  total: number | null;
  /** the 总分 score cell left blank */
  blankTotal?: boolean;
}

interface ReportPlan {
  unit: UnitSpec;
  year: number;
  kind: 'department' | 'project';
  tables: TablePlan[];
  basic: number;
  projectSpend: number;
  spendingStatementProject: number;
  paragraphs: { before: string[]; after: string[] };
  injected: Set<Injection>;
  /** the problems section says 暂无问题 */
  problemsNone?: boolean;
  /** county mode: narrative sentences in place of the unit's own (shared with other units of the county) */
  narrative?: string[];
  /** the prose's spending figures where they differ from the table's (a draft's figures left in the text) */
  proseSpending?: { actual: number; basic: number };
  /** the shares of 基本支出 and 项目支出 the prose writes beside them (percent) */
  shares?: { basic: number; project: number };
  /** the year-start budget split into 基本支出 and 项目支出, as the prose states it */
  budgetSplit?: { basic: number; project: number };
}

const LEVELS: [string, number, [string, number][]][] = [
  ['产出指标', 50, [['数量指标', 20], ['质量指标', 10], ['时效指标', 10], ['成本指标', 10]]],
  ['效益指标', 30, [['社会效益指标', 15], ['可持续影响指标', 15]]],
  ['满意度指标', 10, [['服务对象满意度指标', 10]]],
];

const QUANTITY = ['服务人次', '完成检查次数', '培训场次', '覆盖户数', '完成项目个数', '宣传活动次数', '维修点位数', '走访户数', '巡查次数', '发放资料份数', '受益人数', '整治点位数'];
const QUALITY = ['验收合格率', '任务完成率', '达标率', '问题整改率', '资料归档率', '群众投诉办结率', '工程质量合格率', '数据准确率', '设施完好率', '服务规范率'];
const TIMELINESS = ['按期完成率', '资金拨付及时率', '任务完成及时率', '问题处置及时率', '工程按时开工率', '报送及时率', '验收及时率', '响应及时率'];
const SOCIAL = ['群众知晓率提升', '服务质量提升', '辖区环境改善', '公共安全保障水平', '群众办事便利度', '矛盾纠纷化解率', '社会治理水平', '居民参与度'];
const SUSTAIN = ['长效管理机制建立', '持续发挥效益年限', '制度执行率', '管护责任落实率', '设施持续使用率', '运行维护机制健全'];
const PROJECTS = ['环境卫生整治', '农村公路养护', '防汛抗旱', '乡村振兴示范点建设', '便民服务中心运行', '安全生产监管', '文化活动开展', '水利设施维护', '党建阵地建设', '社区治理'];

/** The indicator rows of one table: names carry the unit's or project's own words, so tables differ. */
function indicatorRows(rnd: Random, keyword: string, budgetSize: number, templateNames?: Record<string, string>): Row[] {
  const names = templateNames ?? {
    数量指标: `${keyword}${rnd.pick(QUANTITY)}`,
    质量指标: `${keyword}${rnd.pick(QUALITY)}`,
    时效指标: `${keyword}${rnd.pick(TIMELINESS)}`,
    成本指标: `${keyword}成本控制`,
    社会效益指标: `${keyword}${rnd.pick(SOCIAL)}`,
    可持续影响指标: `${keyword}${rnd.pick(SUSTAIN)}`,
    服务对象满意度指标: `${keyword}服务对象满意度`,
  } as Record<string, string>;
  const rows: Row[] = [];
  for (const [level1, , seconds] of LEVELS) {
    for (const [level2, weight] of seconds) {
      let target: string;
      let actual: string;
      if (level2 === '数量指标') {
        const t = rnd.int(5, 400);
        target = `≥${t}次`;
        // met by at most 15%: a far larger actual is target_too_low / overachieve_unexplained
        actual = `${t + rnd.int(0, Math.floor(t * 0.15))}次`;
      } else if (level2 === '成本指标') {
        target = `≤${round2(budgetSize)}万元`;
        actual = `${round2(budgetSize * rnd.between(0.85, 1))}万元`;
      } else if (level2 === '时效指标' || level2 === '质量指标') {
        const t = rnd.pick([90, 95, 98, 100]);
        target = `≥${t}%`;
        actual = `${Math.min(100, t + rnd.int(0, 5))}%`;
      } else {
        const t = rnd.pick([80, 85, 90, 95]);
        target = `≥${t}%`;
        actual = `${t + rnd.int(1, 5)}%`;
      }
      rows.push({ level1, level2, name: names[level2], target, actual, weight, score: weight, deviation: '' });
    }
  }
  // a clean table is not perfect: one row missed its target and lost points, with a reason
  // (two missed targets beside a self-score of 95 would be score_inflation)
  for (const row of rnd.shuffle([...rows]).slice(0, 1)) {
    const m = /^≥(\d+)(%|次)$/.exec(row.target);
    if (!m) continue;
    const t = Number(m[1]);
    // under 90% of the target, so the points kept (by the method) stay under target_missed_high_score's 90%
    const a = Math.max(1, Math.min(Math.round(t * rnd.between(0.7, 0.88)), Math.ceil(t * 0.9) - 1));
    row.actual = `${a}${m[2]}`;
    // scored by the standard method: actual ÷ target × weight
    row.score = round2((row.weight * a) / t);
    row.deviation = `受${rnd.pick(['天气', '人员调整', '资金到位较晚', '项目进度'])}影响未完全达到目标，下一年度将提前谋划、加强调度`;
  }
  if (!rows.some((r) => r.score < r.weight)) loseOnQuantity(rows[0]);
  return rows;
}

/** A floor row (≥N次 / ≥N%) misses its target by a little and scores by the method. */
function loseOnQuantity(row: Row): void {
  const [, n, unit] = /^≥(\d+)(次|%)$/.exec(row.target)!;
  const t = Number(n);
  const a = Math.max(1, Math.round(t * 0.8));
  row.actual = `${a}${unit}`;
  row.score = round2((row.weight * a) / t);
  row.deviation = '个别任务因人员调整延后，已于下一年度初完成';
}

function cleanLine(rnd: Random, initial: number): Line {
  const fullYear = round2(initial * rnd.between(0.95, 1.15));
  const rate = rnd.between(0.905, 1);
  const actual = round2(fullYear * rate);
  const realRate = round2((actual / fullYear) * 100);
  return { initial, fullYear, actual, rate: realRate, statedRate: realRate, weight: 10, score: round2(realRate / 10) };
}

/** A written floor (≥N次 / ≥N%) that the actual falls short of. */
function targetMissed(r: Row): boolean {
  const t = /^≥(\d+(?:\.\d+)?)(%|次|万元)$/.exec(r.target);
  const a = /^(\d+(?:\.\d+)?)(%|次|万元)$/.exec(r.actual);
  return !!t && !!a && t[2] === a[2] && Number(a[1]) < Number(t[1]);
}

const sumScores = (t: TablePlan) => round2(t.line.score + t.rows.reduce((a, r) => a + r.score, 0));

export function planReport(rnd: Random, unit: UnitSpec, year: number, kind: 'department' | 'project', injections: Injection[]): ReportPlan {
  const initial = round2(rnd.between(80, 3000));
  const own: TablePlan = {
    project: null,
    line: cleanLine(rnd, initial),
    rows: [],
    level1Stated: { 产出指标: 50, 效益指标: 30, 满意度指标: 10 },
    total: null,
  };
  const projectNames = rnd.shuffle([...PROJECTS]);
  const ownProject = kind === 'project' ? `${year}年${unit.keyword}${projectNames.pop()}项目` : null;
  own.project = ownProject;
  own.rows = indicatorRows(rnd, kind === 'project' ? ownProject!.replace(/^\d+年/, '').replace(/项目$/, '') : unit.keyword, own.line.fullYear, unit.templateNames);
  const tables: TablePlan[] = [own];
  if (kind === 'department' && (rnd.chance(0.3) || injections.includes('boilerplate_indicators'))) {
    const count = injections.includes('boilerplate_indicators') ? 2 : rnd.int(1, 2);
    for (let i = 0; i < count; i++) {
      const name = `${unit.keyword}${projectNames.pop()}`;
      const t: TablePlan = {
        project: name,
        line: cleanLine(rnd, round2(initial * rnd.between(0.05, 0.2))),
        rows: [],
        level1Stated: { 产出指标: 50, 效益指标: 30, 满意度指标: 10 },
        total: null,
      };
      t.rows = indicatorRows(rnd, name, t.line.fullYear);
      tables.push(t);
    }
  }
  const plan: ReportPlan = {
    unit,
    year,
    kind,
    tables,
    basic: 0,
    projectSpend: 0,
    spendingStatementProject: 0,
    paragraphs: { before: [], after: [] },
    injected: new Set(),
  };
  for (const injection of injections) inject(rnd, plan, injection);
  // an injection may have taken the only row that lost points: a table stays imperfect unless all_full_marks is meant
  if (!plan.injected.has('all_full_marks')) {
    for (const t of tables) {
      if (t.rows.some((r) => r.score !== r.weight)) continue;
      const r = t.rows.find((x) => !x.fixed && x.weight > 0 && /^≥\d+(次|%)$/.test(x.target));
      if (r) loseOnQuantity(r);
    }
  }
  for (const t of tables) if (t.total === null && !t.blankTotal) t.total = sumScores(t);
  // consequences by the rules' own definitions
  const missed = own.rows.filter((r) => targetMissed(r)).length;
  const rate = own.line.statedRate;
  if (own.total !== null && own.total >= 95 && (rate < 90 || missed >= 2)) plan.injected.add('score_inflation');
  if (plan.injected.has('grade_band_mismatch') && own.total !== null) {
    const band = own.total >= 90 ? '优' : own.total >= 80 ? '良' : own.total >= 60 ? '中' : '差';
    plan.paragraphs.after.push(`经自评，本${kind === 'project' ? '项目' : '单位'}自评得分${num(own.total)}分，评价等级为${band === '优' ? '良' : '优'}。`);
  }
  const actual = own.line.actual;
  plan.basic = round2(actual * rnd.between(0.55, 0.85));
  plan.projectSpend = round2(actual - plan.basic);
  plan.spendingStatementProject = plan.injected.has('sum_mismatch') ? round2(plan.projectSpend - Math.max(5, plan.projectSpend * 0.2)) : plan.projectSpend;
  if (kind === 'department') spendingSentences(rnd, plan);
  return plan;
}

/**
 * The department prose's spending sentences: the year's 基本支出 / 项目支出 (a draft's
 * figures where text_table_conflict is injected), now and then their shares, and now
 * and then the year-start budget split the same way (line_item_above_budget where the
 * project line was budgeted far below its spending). Every rule the written figures
 * make true is recorded.
 */
function spendingSentences(rnd: Random, plan: ReportPlan): void {
  const own = plan.tables[0].line;
  const record = (rule: Injection) => plan.injected.add(rule);
  const conflict = plan.injected.has('text_table_conflict');
  const variant = conflict ? rnd.pick(['figures', 'shares'] as const) : null;
  if (variant === 'figures') {
    // the text kept the 基本支出 of an earlier draft; its total follows its parts
    const basic = round2(plan.basic * (1 + rnd.pick([-1, 1]) * rnd.between(0.03, 0.12)));
    plan.proseSpending = { basic, actual: round2(basic + plan.spendingStatementProject) };
  }
  const writtenBasic = plan.proseSpending?.basic ?? plan.basic;
  const writtenTotal = plan.proseSpending?.actual ?? own.actual;
  // the sum_mismatch injection writes a 项目支出 the table does not have
  if (plan.spendingStatementProject !== plan.projectSpend) record('text_table_conflict');
  if (variant === 'shares' || rnd.chance(0.2)) {
    const basicShare = round2((writtenBasic / writtenTotal) * 100);
    let projectShare = round2((plan.spendingStatementProject / writtenTotal) * 100);
    // a share copied from last year's report
    if (variant === 'shares') projectShare = round2(Math.max(1, projectShare + rnd.pick([-1, 1]) * rnd.between(3, 12)));
    plan.shares = { basic: basicShare, project: projectShare };
    if (Math.abs(basicShare + projectShare - 100) > 1) record('text_table_conflict');
  }
  if (plan.injected.has('line_item_above_budget')) {
    // the project line budgeted at a fraction of its spending (the year's projects added later)
    const project = round2(plan.spendingStatementProject / rnd.between(1.6, 2.4));
    plan.budgetSplit = { basic: round2(own.initial - project), project };
  } else if (rnd.chance(0.2)) {
    // the year-start budget split as the spending is
    const basic = round2(own.initial * (writtenBasic / writtenTotal) * rnd.between(0.95, 1.05));
    plan.budgetSplit = { basic, project: round2(own.initial - basic) };
  }
  if (plan.budgetSplit) {
    const over = (spent: number, budget: number) => budget > 0 && spent / budget >= 1.5 - 1e-9;
    if (over(writtenBasic, plan.budgetSplit.basic) || over(plan.spendingStatementProject, plan.budgetSplit.project)) record('line_item_above_budget');
    else plan.injected.delete('line_item_above_budget');
  }
}

/** Figures that make one rule true, and every other rule the same figures make true. */
function inject(rnd: Random, plan: ReportPlan, injection: Injection): void {
  const own = plan.tables[0];
  const record = (...rules: Injection[]) => rules.forEach((r) => plan.injected.add(r));
  const row = (predicate: (r: Row) => boolean): Row => {
    const r = own.rows.find((x) => predicate(x) && x.score === x.weight) ?? own.rows.find(predicate);
    if (r) r.fixed = true;
    return r!;
  };
  switch (injection) {
    case 'spend_above_initial': {
      if (plan.tables.length > 1 && rnd.chance(0.3)) {
        // a project table with no initial budget (unbudgeted)
        const t = plan.tables[1];
        t.line.initial = 0;
        record('spend_above_initial');
        break;
      }
      const k = rnd.chance(0.5) ? rnd.between(1.7, 2.6) : rnd.between(3.3, 6);
      own.line.fullYear = round2(own.line.initial * k);
      own.line.actual = round2(own.line.fullYear * 0.97);
      own.line.rate = own.line.statedRate = round2((own.line.actual / own.line.fullYear) * 100);
      own.line.score = round2(own.line.rate / 10);
      record('spend_above_initial', 'budget_adjustment_large');
      break;
    }
    case 'budget_adjustment_large': {
      own.line.fullYear = round2(own.line.initial * rnd.between(1.25, 1.45));
      own.line.actual = round2(own.line.fullYear * rnd.between(0.93, 0.99));
      own.line.rate = own.line.statedRate = round2((own.line.actual / own.line.fullYear) * 100);
      own.line.score = round2(own.line.rate / 10);
      record('budget_adjustment_large');
      break;
    }
    case 'budget_matches_actual': {
      own.line.fullYear = round2(own.line.initial * rnd.between(1.25, 1.45));
      own.line.actual = own.line.fullYear;
      own.line.rate = own.line.statedRate = 100;
      own.line.score = 10;
      record('budget_matches_actual', 'budget_adjustment_large');
      break;
    }
    case 'low_execution': {
      const rate = rnd.between(0.65, 0.88);
      own.line.actual = round2(own.line.fullYear * rate);
      own.line.rate = own.line.statedRate = round2((own.line.actual / own.line.fullYear) * 100);
      own.line.score = round2(own.line.rate / 10);
      record('low_execution');
      break;
    }
    case 'exec_rate_mismatch': {
      own.line.statedRate = round2(Math.min(100, own.line.rate + rnd.between(3, 8)));
      if (Math.abs(own.line.statedRate - own.line.rate) > 0.5) record('exec_rate_mismatch');
      // a stated rate that happens to equal actual ÷ initial is the wrong base by definition
      const onInitial = (own.line.actual / own.line.initial) * 100;
      if (Math.abs(own.line.statedRate - onInitial) <= 0.5 && Math.abs(own.line.statedRate - own.line.rate) > 0.5) record('exec_rate_denominator');
      break;
    }
    case 'all_full_marks': {
      for (const t of plan.tables) {
        for (const r of t.rows) {
          r.score = r.weight;
          r.deviation = '';
          const m = /^≥(\d+)(%|次)$/.exec(r.target);
          // met, by less than the 1.2 of target_too_low
          if (m) r.actual = `${Number(m[1]) + (m[2] === '%' ? 0 : Math.min(3, Math.floor(Number(m[1]) * 0.15)))}${m[2]}`;
        }
      }
      record('all_full_marks');
      if (plan.tables.length > 1 && plan.tables.slice(1).every((t) => t.rows.length >= 3)) record('all_full_marks');
      break;
    }
    case 'total_score_mismatch': {
      own.total = round2(sumScores(own) + rnd.pick([-4, -3, 2, 3, 5]));
      record('total_score_mismatch');
      break;
    }
    case 'weights_inconsistent': {
      own.level1Stated['产出指标'] = 40;
      record('weights_inconsistent');
      break;
    }
    case 'score_exceeds_weight': {
      const r = row((x) => x.level2 === '社会效益指标');
      const m = /^≥(\d+)(%|次)$/.exec(r.target);
      if (m) r.actual = `${Math.min(100, Number(m[1]) + 2)}${m[2]}`;
      r.score = r.weight + 2;
      r.deviation = '';
      // 2 points above what the standard method gives as well
      record('score_exceeds_weight', 'score_recompute_mismatch');
      break;
    }
    case 'target_missed_high_score': {
      const r = row((x) => x.level2 === '质量指标');
      r.target = '≥95%';
      r.actual = `${rnd.int(80, 90)}%`;
      r.score = r.weight;
      r.deviation = '个别项目验收延后，已督促整改';
      // at most 90 of ≥95 scores at most 94.7% of the weight by the method: more than 0.5 points off
      record('target_missed_high_score', 'score_recompute_mismatch');
      break;
    }
    case 'actual_not_measured': {
      const r = row((x) => x.level2 === '服务对象满意度指标');
      r.target = '≥90%';
      r.actual = '≥95%';
      r.score = r.weight;
      r.deviation = '';
      record('actual_not_measured');
      break;
    }
    case 'missing_fields': {
      own.total = null;
      own.blankTotal = true;
      plan.paragraphs.after.push('自评得分待汇总后补填。');
      record('missing_fields');
      break;
    }
    case 'missing_deviation_reason': {
      const r = own.rows.find((x) => x.score < x.weight) ?? own.rows[0];
      if (r.score === r.weight) r.score = round2(r.weight * 0.8);
      r.deviation = rnd.pick(['无', '/', '']);
      record('missing_deviation_reason');
      break;
    }
    case 'sum_mismatch': {
      plan.spendingStatementProject = -1; // resolved after the spending split: see layout
      record('sum_mismatch');
      break;
    }
    case 'year_mismatch': {
      const t = rnd.int(6, 12);
      plan.paragraphs.after.push(
        `${plan.unit.keyword}专项检查次数年初目标值${t}次，${plan.year - 1}年实际完成值${t + 1}次，应得5分，实际得5分。`,
      );
      record('year_mismatch');
      break;
    }
    case 'pii_published': {
      plan.paragraphs.after.push(`联系人：${rnd.pick(['王', '李', '张', '刘'])}${rnd.pick(['明', '华', '强', '丽'])}，联系电话：1${rnd.pick([3, 5, 7, 8, 9])}${String(rnd.int(100000000, 999999999))}。`);
      record('pii_published');
      break;
    }
    case 'template_residue': {
      plan.paragraphs.before.push('例：本单位主要职责是贯彻执行国家有关方针政策，负责辖区内经济社会发展的各项工作。');
      record('template_residue');
      break;
    }
    case 'boilerplate_indicators': {
      const [, a, b] = plan.tables;
      if (a && b) {
        b.rows = a.rows.map((r) => ({ ...r }));
        record('boilerplate_indicators');
      }
      break;
    }
    case 'duplicate_text':
      record('duplicate_text');
      break;
    // ---- tier 2
    case 'score_recompute_mismatch': {
      // a row that met its target scored 2 points under its weight, with a reason
      const r = row((x) => x.weight > 2 && !targetMissed(x) && /^≥\d+(次|%)$/.test(x.target));
      if (!r) break;
      r.score = round2(r.weight - 2);
      r.deviation = '部分任务完成质量一般，酌情扣分';
      record('score_recompute_mismatch');
      break;
    }
    case 'target_too_low': {
      const r = row((x) => x.level2 === '数量指标');
      r.target = '≥100次';
      r.actual = `${rnd.int(120, 128)}次`;
      r.score = r.weight;
      r.deviation = '';
      record('target_too_low');
      break;
    }
    case 'overachieve_unexplained': {
      const r = row((x) => x.level2 === '数量指标');
      r.target = '≥100次';
      r.actual = `${rnd.int(135, 220)}次`;
      r.score = r.weight;
      r.deviation = '';
      record('overachieve_unexplained', 'target_too_low');
      break;
    }
    case 'unit_mismatch': {
      const r = row((x) => x.level2 === '质量指标');
      const t = rnd.pick([90, 95, 98]);
      r.target = `≥${t}万元`;
      r.actual = `${t + rnd.int(0, 2)}万元`;
      r.score = r.weight;
      r.deviation = '';
      record('unit_mismatch');
      break;
    }
    case 'exec_rate_denominator': {
      // full-year budget 10% above the initial one, the rate stated on the initial budget
      const l = own.line;
      l.fullYear = round2(l.initial * 1.1);
      l.actual = round2(l.fullYear * rnd.between(0.91, 0.95));
      l.rate = round2((l.actual / l.fullYear) * 100);
      l.statedRate = round2((l.actual / l.initial) * 100);
      l.score = round2(l.rate / 10);
      record('exec_rate_denominator', 'exec_rate_mismatch');
      break;
    }
    case 'grade_band_mismatch':
      // the sentence is written once the total is known (planReport)
      record('grade_band_mismatch');
      break;
    case 'balance_conflict':
      plan.paragraphs.after.push('年末结转结余0万元。', `年底预算结余${num(rnd.between(20, 300))}万元，存在部分资金未使用完的情况。`);
      record('balance_conflict');
      break;
    case 'weights_off_template': {
      // 产出 40 / 效益 40: ten points moved from 数量 to 社会效益, headings and rows agreeing
      const q = own.rows.find((x) => x.level2 === '数量指标')!;
      const so = own.rows.find((x) => x.level2 === '社会效益指标')!;
      const rescale = (r: Row, w: number) => {
        r.score = round2((r.score * w) / r.weight);
        r.weight = w;
      };
      rescale(q, q.weight - 10);
      rescale(so, so.weight + 10);
      own.level1Stated = { 产出指标: 40, 效益指标: 40, 满意度指标: 10 };
      record('weights_off_template');
      break;
    }
    case 'indicator_misclassified': {
      const r = row((x) => x.level2 === '服务对象满意度指标');
      r.target = '满意';
      r.actual = '满意';
      r.score = r.weight;
      r.deviation = '';
      record('indicator_misclassified');
      break;
    }
    case 'duplicate_indicator': {
      const so = own.rows.find((x) => x.level2 === '社会效益指标')!;
      const su = own.rows.find((x) => x.level2 === '可持续影响指标')!;
      su.name = so.name;
      record('duplicate_indicator');
      break;
    }
    case 'cost_indicator_direction': {
      const r = own.rows.find((x) => x.level2 === '成本指标')!;
      const t = /[\d.]+/.exec(r.target)![0];
      r.target = `≥${t}万元`;
      r.actual = `${t}万元`;
      r.score = r.weight;
      r.deviation = '';
      record('cost_indicator_direction');
      break;
    }
    case 'cost_indicator_missing': {
      // the cost row filed under 数量指标: the table has no 成本 row (a report for 2022 or later)
      if (plan.year < 2022) break;
      const r = own.rows.find((x) => x.level2 === '成本指标')!;
      r.level2 = '数量指标';
      r.name = r.name.replace('成本控制', '支出控制');
      record('cost_indicator_missing');
      break;
    }
    case 'zero_weight_indicator': {
      const so = own.rows.find((x) => x.level2 === '社会效益指标')!;
      const su = own.rows.find((x) => x.level2 === '可持续影响指标')!;
      so.score = round2((so.score * (so.weight + su.weight)) / so.weight);
      so.weight += su.weight;
      su.weight = 0;
      su.score = 0;
      su.fixed = true;
      record('zero_weight_indicator');
      break;
    }
    case 'no_problems_stated':
      plan.problemsNone = true;
      record('no_problems_stated');
      break;
    case 'text_table_conflict': {
      // department reports: the spending sentence (spendingSentences); a project report's
      // prose keeps the actual spending of an earlier draft, its rate computed from it
      if (plan.kind === 'department') {
        record('text_table_conflict');
        break;
      }
      const l = own.line;
      const actual = round2(l.actual * (1 - rnd.between(0.03, 0.1)));
      plan.proseSpending = { actual, basic: 0 };
      record('text_table_conflict');
      break;
    }
    case 'line_item_above_budget':
      // written with the spending sentences (spendingSentences); department reports only
      if (plan.kind === 'department') record('line_item_above_budget');
      break;
    case 'indicator_set_thin': {
      // a small table: one indicator per level, or the output level carried by one quantity row
      const keep = rnd.chance(0.5) ? ['数量指标', '成本指标', '社会效益指标', '服务对象满意度指标'] : ['数量指标', '社会效益指标', '服务对象满意度指标'];
      const weights: Record<string, number> = { 数量指标: keep.includes('成本指标') ? 40 : 50, 成本指标: 10, 社会效益指标: 30, 服务对象满意度指标: 10 };
      own.rows = own.rows.filter((r) => keep.includes(r.level2));
      for (const r of own.rows) {
        r.weight = weights[r.level2];
        r.score = r.weight;
        r.deviation = '';
        const m = /^≥(\d+)(%|次)$/.exec(r.target);
        if (m) r.actual = `${Math.min(m[2] === '%' ? 100 : Infinity, Number(m[1]) + 1)}${m[2]}`;
      }
      record('indicator_set_thin');
      if (!keep.includes('成本指标') && plan.year >= 2022) record('cost_indicator_missing');
      break;
    }
    case 'unquantified_targets': {
      const words = ['及时', '良好', '有所提升', '效果明显'];
      own.rows
        .filter((x) => ['质量指标', '时效指标', '社会效益指标', '可持续影响指标'].includes(x.level2))
        .forEach((r, i) => {
          r.target = words[i];
          r.actual = words[i] === '及时' ? '及时' : '良好';
          r.score = r.weight;
          r.deviation = '';
        });
      record('unquantified_targets');
      break;
    }
  }
}

// ---------------------------------------------------------------- layout

const cell = (text: string): Cell => ({ text });
const rowOf = (...texts: string[]): Cell[] => texts.map(cell);
const num = (x: number) => String(round2(x));

function budgetRows(t: TablePlan, plan: ReportPlan): Cell[][] {
  const l = t.line;
  return [
    rowOf('年度预算申请（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'),
    rowOf('', '年度资金总额', num(l.initial), num(l.fullYear), num(l.actual), `${l.weight}分`, `${num(l.statedRate)}%`, `${num(l.score)}分`),
    ...(t.project === null
      ? [
          rowOf('', '按收入性质分：', '按支出性质分：'),
          rowOf('', `其中：一般公共预算：${num(l.fullYear)}`, `其中：基本支出：${num(plan.basic)}`),
          rowOf('', '政府性基金拨款：0', `项目支出：${num(plan.projectSpend)}`),
        ]
      : [rowOf('', '其中：当年财政拨款', num(l.initial), num(l.fullYear), num(l.actual), '', '', '')]),
  ];
}

function indicatorRowsLayout(t: TablePlan): Cell[][] {
  const rows: Cell[][] = [rowOf('绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施')];
  let previous = '';
  for (const r of t.rows) {
    const level1 = r.level1 === previous ? '' : `${r.level1}（${t.level1Stated[r.level1]}分）`;
    previous = r.level1;
    rows.push(rowOf('', level1, r.level2, r.name, r.target, r.actual, String(r.weight), num(r.score), r.deviation));
  }
  rows.push(rowOf('总分', String(100), t.total === null ? '' : num(t.total)));
  return rows;
}

function tableBlock(t: TablePlan, plan: ReportPlan, header: Cell[][]): Block {
  return {
    kind: 'table',
    rows: [...header, ...budgetRows(t, plan), rowOf('年度总体目标', '预期目标', '实际完成情况'), rowOf('', `完成${t.project ?? plan.unit.keyword}年度各项工作任务`, '已按计划完成'), ...indicatorRowsLayout(t)],
  };
}

export function layoutReport(plan: ReportPlan, duplicate: string | null): Document {
  const { unit, year } = plan;
  const fullName = `${unit.city}${unit.region}${unit.name}`;
  const blocks: Block[] = [];
  const p = (text: string) => blocks.push({ kind: 'paragraph', text });
  const own = plan.tables[0];
  if (plan.kind === 'department') {
    p('部门整体支出绩效自评表');
    p(`（${year}年度）`);
    blocks.push(tableBlock(own, plan, [rowOf('预算部门名称', fullName)]));
    for (const t of plan.tables.slice(1)) {
      p('项目支出绩效自评表');
      blocks.push(tableBlock(t, plan, [rowOf('项目支出名称', t.project!), rowOf('主管部门', fullName, '实施单位', fullName)]));
    }
    p(`${year}年度${fullName}部门整体支出绩效自评报告`);
  } else {
    p(`项目支出绩效自评表（${year}年度）`);
    blocks.push(tableBlock(own, plan, [rowOf('项目名称', own.project!), rowOf('主管部门', fullName, '实施单位', fullName)]));
    p(`${year}年度${own.project}绩效自评报告`);
  }
  p('一、部门基本情况');
  for (const text of plan.paragraphs.before) p(text);
  p(`${fullName}共有在职人员${(unit.name.length * 7) % 60 + 12}人，负责${unit.keyword}辖区内的${plan.tables.map((t) => t.project ?? '日常').join('、')}等工作。`);
  p('二、预算执行情况');
  if (plan.kind === 'department') {
    if (plan.budgetSplit) p(`${year}年度年初预算安排支出合计${num(own.line.initial)}万元，其中基本支出${num(plan.budgetSplit.basic)}万元，项目支出${num(plan.budgetSplit.project)}万元。`);
    const total = plan.proseSpending?.actual ?? own.line.actual;
    const basic = plan.proseSpending?.basic ?? plan.basic;
    const project = num(plan.spendingStatementProject);
    p(
      plan.shares
        ? `${year}年度支出合计${num(total)}万元，其中基本支出${num(basic)}万元，占支出合计的${num(plan.shares.basic)}%，项目支出${project}万元，占${num(plan.shares.project)}%。`
        : `${year}年度支出合计${num(total)}万元，其中基本支出${num(basic)}万元，项目支出${project}万元。`,
    );
  } else {
    const actual = plan.proseSpending?.actual ?? own.line.actual;
    const rate = plan.proseSpending ? round2((actual / own.line.fullYear) * 100) : own.line.statedRate;
    p(`${year}年度该项目全年预算${num(own.line.fullYear)}万元，实际支出${num(actual)}万元，执行率${num(rate)}%。`);
  }
  if (duplicate) p(duplicate);
  for (const text of plan.narrative ?? []) p(text);
  p('三、存在的问题');
  p(plan.problemsNone ? '暂无问题。' : `一是${unit.keyword}部分项目前期谋划不够充分；二是绩效目标设置的精细化程度有待提高。`);
  p('四、改进措施');
  p(`下一步，${unit.keyword}将加强预算编制与执行的衔接，细化绩效目标，提高资金使用效益。`);
  for (const text of plan.paragraphs.after) p(text);
  p(fullName);
  p(`${year + 1}年${(unit.name.length % 9) + 1}月${(unit.name.length % 27) + 1}日`);
  return { format: 'docx', blocks };
}
