/**
 * The columns of the forms' tables: the budget row (年度资金总额 | 年初预算数 |
 * 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分) and the indicator table (一级 /
 * 二级 / 三级指标, 指标性质, 度量单位, 年度指标值, 实际完成值, 分值, 得分, 偏差原因),
 * each with its role, its value type and the spellings (and OCR variants) of its heading.
 */

import { rememberedWhereWords } from '../memo.ts';

type ValueType = 'money' | 'rate' | 'points' | 'text';

interface ColumnDef<C extends string> {
  column: C;
  type: ValueType;
  /** a heading containing one of these names this column */
  contains: string[];
  /** a heading starting with one of these names this column */
  startsWith?: string[];
  /** checked before the others: 得分(20分*执行率) is the score, not the rate */
  rank: number;
}

export type BudgetColumn = 'initial' | 'fullYear' | 'actual' | 'weight' | 'rate' | 'score';

export const BUDGET_COLUMNS: ColumnDef<BudgetColumn>[] = [
  {
    column: 'initial',
    type: 'money',
    contains: ['年初预算', '年初预匏', '年初预箅', '年初数', '年初批复', '年初安排', '年初计划'],
    rank: 1,
  },
  {
    column: 'fullYear',
    type: 'money',
    contains: ['全年预算', '全年预箅', '调整后预算', '调整预算', '调整后的预算', '计划安排资金', '全年批复', '批复预算', '下达预算'],
    startsWith: ['预算数', '预算金额', '预算资金'],
    rank: 2,
  },
  {
    column: 'actual',
    type: 'money',
    contains: ['全年执行数', '预算执行数', '实际执行数', '执行数', '执行金额', '决算数', '实际支出', '实际使用', '支出数'],
    rank: 3,
  },
  { column: 'score', type: 'points', contains: [], startsWith: ['得分', '自评得分', '自评分'], rank: 0 },
  { column: 'rate', type: 'rate', contains: ['执行率'], rank: 4 },
  { column: 'weight', type: 'points', contains: [], startsWith: ['分值', '权重'], rank: 5 },
];

export type IndicatorColumn = 'level1' | 'level2' | 'name' | 'nature' | 'measureUnit' | 'target' | 'actual' | 'weight' | 'score' | 'deviation';

export const INDICATOR_COLUMNS: ColumnDef<IndicatorColumn>[] = [
  { column: 'level1', type: 'text', contains: [], startsWith: ['一级指标', '一级指林', '一级'], rank: 0 },
  { column: 'level2', type: 'text', contains: [], startsWith: ['二级指标', '二级指林'], rank: 1 },
  { column: 'name', type: 'text', contains: [], startsWith: ['三级指标', '三级指林', '指标名称'], rank: 2 },
  { column: 'nature', type: 'text', contains: [], startsWith: ['指标性质'], rank: 3 },
  { column: 'measureUnit', type: 'text', contains: [], startsWith: ['度量单位', '计量单位'], rank: 4 },
  { column: 'actual', type: 'text', contains: ['实际完成值', '实际值', '完成值', '全年实际', '年终完成'], rank: 5 },
  { column: 'target', type: 'text', contains: ['指标值', '目标值'], rank: 6 },
  { column: 'weight', type: 'points', contains: [], startsWith: ['分值', '权重'], rank: 7 },
  { column: 'score', type: 'points', contains: [], startsWith: ['得分', '自评得分', '自评分'], rank: 8 },
  { column: 'deviation', type: 'text', contains: ['偏差', '原因'], rank: 9 },
];

/** Heading text as compared: no whitespace, no parenthesised notes ("全年预算数(A)", "得分(20分*执行率)"). */
function bareHeading(cell: string): string {
  return cell.replace(/[\s\u3000\u00a0]+/g, '').replace(/[（(][^（()）]{0,14}[)）]/g, '');
}

const ranked = new WeakMap<readonly ColumnDef<string>[], readonly ColumnDef<string>[]>();

/** The definitions in the order they are tried (sorted once per list). */
function byRank<C extends string>(defs: ColumnDef<C>[]): readonly ColumnDef<C>[] {
  let sorted = ranked.get(defs);
  if (!sorted) ranked.set(defs, (sorted = [...defs].sort((a, b) => a.rank - b.rank)));
  return sorted as readonly ColumnDef<C>[];
}

function columnOfDefs<C extends string>(defs: ColumnDef<C>[], cell: string): C | null {
  const s = bareHeading(cell);
  if (!s || s.length > 24) return null;
  for (const d of byRank(defs)) {
    if (d.startsWith?.some((w) => s.startsWith(w)) || d.contains.some((w) => s.includes(w))) return d.column;
  }
  return null;
}

const wordsOf = (defs: ColumnDef<string>[]) => defs.flatMap((d) => [...d.contains, ...(d.startsWith ?? [])]);

export const budgetColumnOf = rememberedWhereWords(wordsOf(BUDGET_COLUMNS), null, (cell: string): BudgetColumn | null => columnOfDefs(BUDGET_COLUMNS, cell));
export const indicatorColumnOf = rememberedWhereWords(wordsOf(INDICATOR_COLUMNS), null, (cell: string): IndicatorColumn | null => columnOfDefs(INDICATOR_COLUMNS, cell));
export const budgetColumnType = (c: BudgetColumn): ValueType => BUDGET_COLUMNS.find((d) => d.column === c)!.type;

/**
 * Budget column headings written one after another in run-on text
 * ("年初预算数全年预算数全年执行数分值执行率得分"), in their order; each heading
 * counts once. Parenthesised notes are skipped.
 */
export function budgetColumnsIn(zone: string): BudgetColumn[] {
  const s = bareHeading(zone);
  const words = BUDGET_COLUMNS.flatMap((d) => [...d.contains, ...(d.startsWith ?? [])].map((w) => ({ w, c: d.column, rank: d.rank })))
    // the longest spelling wins at a position: 全年执行数 over 执行数, 预算执行数 over 预算数
    .sort((a, b) => b.w.length - a.w.length || a.rank - b.rank);
  const out: BudgetColumn[] = [];
  let i = 0;
  while (i < s.length) {
    const hit = words.find((x) => s.startsWith(x.w, i));
    if (hit) {
      if (!out.includes(hit.c)) out.push(hit.c);
      i += hit.w.length;
      // a heading's tail (年初预算数 → 数, 预算金额 → 额) is part of it
      while (i < s.length && /[数额]/.test(s[i])) i++;
    } else i++;
  }
  return out;
}

/** The row that carries the budget figures: 年度资金总额, 资金总额, 项目资金总额, 部门整体支出总额. */
export const BUDGET_TOTAL_ROW_WORDS = ['年度资金总额', '年度财政资金总额', '项目资金总额', '财政资金总额', '资金总额', '部门整体支出总额', '年度资金合计', '资金合计'];

/** Whether a cell is the budget row's label. */
export const isBudgetTotalLabel = rememberedWhereWords(BUDGET_TOTAL_ROW_WORDS, false, (cell: string): boolean => {
  const s = cell.replace(/[\s\u3000\u00a0：:]+/g, '');
  return BUDGET_TOTAL_ROW_WORDS.some((w) => s.startsWith(w));
});

/** The money unit a heading or table caption names: 项目资金(元), 单位：万元. */
export function moneyUnitIn(text: string): '元' | '亿元' | '万元' | null {
  const s = text.replace(/\s+/g, '');
  if (/[（(]元[)）]|单位[：:]元(?!\/)|金额[：:]?元(?!\/)/.test(s)) return '元';
  if (/亿元/.test(s)) return '亿元';
  if (/万元/.test(s)) return '万元';
  return null;
}
