import type { BudgetColumn } from './columns.ts';

/**
 * What the form guarantees about its budget row, used to choose between readings
 * of figures whose cells were lost or run together:
 * 执行率 = 执行数 ÷ 全年预算 (年初预算 where no full-year figure is written);
 * 得分 ≤ 分值, and 得分 = 分值 × 执行率 capped at the 分值 (offices round it);
 * a 执行率 of 100% means 执行数 = 全年预算.
 */
export type BudgetFigures = Partial<Record<BudgetColumn, number>>;

/** Percentage points a stated rate may differ from 执行数 ÷ 预算 (rates are written rounded). */
const RATE_TOLERANCE = 0.6;

function rateOf(x: BudgetFigures): number | null {
  const base = x.fullYear ?? x.initial;
  if (x.actual === undefined || base === undefined || base === 0) return null;
  return (x.actual / base) * 100;
}

/** The form's hard rules: a reading breaking one of them is not the form's. */
export function breaksForm(x: BudgetFigures): string | null {
  if (x.weight !== undefined && x.score !== undefined && x.score > x.weight) return '得分大于分值';
  if (x.rate === 0 && ((x.actual ?? 0) !== 0 || (x.score ?? 0) !== 0)) return '执行率为0却有支出或得分';
  const base = x.fullYear ?? x.initial;
  if (x.rate !== undefined && x.actual !== undefined && base !== undefined) {
    if (base === 0) return '预算为0';
    if (Math.abs(rateOf(x)! - x.rate) > RATE_TOLERANCE) return '执行数÷预算与执行率不符';
  }
  return null;
}

/** The form's soft rule: 得分 = 分值 × min(执行率, 100%), within rounding. */
export function scoreFollowsRate(x: BudgetFigures): boolean {
  if (x.weight === undefined || x.rate === undefined || x.score === undefined) return true;
  const expected = (x.weight * Math.min(x.rate, 100)) / 100;
  return Math.abs(expected - x.score) <= Math.max(0.5, x.weight * 0.05);
}

interface Alignment {
  values: BudgetFigures;
  /** columns whose figure the remaining readings disagree on */
  ambiguous: BudgetColumn[];
  /** readings that fit the form (0 = none fits) */
  readings: number;
}

/** A figure cell of a budget row: a number (10, 86%, 1,035.02) or a dash for an empty cell. */
export type FigureToken = { kind: 'number'; value: number; percent: boolean } | { kind: 'blank' };

/**
 * Places figures (in their order) under the columns (in their order) where fewer
 * figures than columns are written: every placement that keeps the order, puts a
 * percentage under 执行率 and breaks none of the form's rules is a reading; a
 * column gets a figure only if every reading agrees on it.
 */
export function alignFigures(columns: BudgetColumn[], figures: FigureToken[]): Alignment {
  const readings: BudgetFigures[] = [];
  const place = (fi: number, ci: number, acc: BudgetFigures) => {
    if (readings.length > 200) return;
    if (fi === figures.length) {
      if (!breaksForm(acc)) readings.push({ ...acc });
      return;
    }
    // the columns left must hold the figures left
    for (let c = ci; c <= columns.length - (figures.length - fi); c++) {
      const col = columns[c];
      const f = figures[fi];
      if (f.kind === 'number') {
        if (f.percent !== (col === 'rate')) continue;
        if ((col === 'weight' || col === 'score') && f.value > 100) continue;
        if (col === 'rate' && f.value > 300) continue;
        place(fi + 1, c + 1, { ...acc, [col]: f.value });
      } else {
        place(fi + 1, c + 1, acc);
      }
    }
  };
  place(0, 0, {});
  let kept = readings;
  const following = readings.filter(scoreFollowsRate);
  if (following.length) kept = following;
  const values: BudgetFigures = {};
  const ambiguous: BudgetColumn[] = [];
  for (const col of columns) {
    const seen = new Set(kept.map((r) => r[col]));
    if (seen.size === 1) {
      const v = [...seen][0];
      if (v !== undefined) values[col] = v;
    } else if (kept.length) ambiguous.push(col);
  }
  // 执行率 100%: 执行数 = 全年预算, so one amount written for both (the other cell left blank) is both
  const money = new Set(kept.flatMap((r) => (['initial', 'fullYear', 'actual'] as const).map((c) => r[c]).filter((v) => v !== undefined)));
  if (values.rate === 100 && money.size === 1 && columns.includes('fullYear') && columns.includes('actual')) {
    const m = [...money][0]!;
    values.fullYear = m;
    values.actual = m;
    const still = ambiguous.filter((c) => c !== 'fullYear' && c !== 'actual');
    ambiguous.length = 0;
    ambiguous.push(...still);
  }
  return { values, ambiguous, readings: kept.length };
}
