import { describe, expect, it } from 'vitest';
import { alignFigures, breaksForm, scoreFollowsRate, type FigureToken } from '../../pipeline/extract/form/index.ts';

const n = (value: number, percent = false): FigureToken => ({ kind: 'number', value, percent });
const ALL = ['initial', 'fullYear', 'actual', 'weight', 'rate', 'score'] as const;

describe("the form's arithmetic", () => {
  it('knows the hard rules: 得分 ≤ 分值, 执行率 = 执行数 ÷ 预算', () => {
    expect(breaksForm({ weight: 10, score: 12 })).toBe('得分大于分值');
    expect(breaksForm({ fullYear: 100, actual: 90, rate: 90 })).toBeNull();
    expect(breaksForm({ fullYear: 100, actual: 90, rate: 80 })).toBe('执行数÷预算与执行率不符');
    // a rounded rate is still the rate: 692.98 ÷ 808.1 = 85.75% written as 86%
    expect(breaksForm({ fullYear: 808.1, actual: 692.98, rate: 86 })).toBeNull();
    expect(breaksForm({ initial: 100, actual: 90, rate: 90 })).toBeNull();
  });

  it('knows the soft rule: 得分 = 分值 × 执行率, capped, within rounding', () => {
    expect(scoreFollowsRate({ weight: 10, rate: 86, score: 9 })).toBe(true);
    expect(scoreFollowsRate({ weight: 10, rate: 120, score: 10 })).toBe(true);
    expect(scoreFollowsRate({ weight: 20, rate: 50, score: 20 })).toBe(false);
  });

  it('places figures of a row that lost a cell where every reading agrees', () => {
    // two equal amounts for three money columns at 100%: 执行数 = 全年预算 is that amount; whether 年初预算 was blank cannot be told
    const a = alignFigures([...ALL], [n(38.77), n(38.77), n(10), n(100, true), n(10)]);
    expect(a.values).toEqual({ fullYear: 38.77, actual: 38.77, weight: 10, rate: 100, score: 10 });
    expect(a.ambiguous).toEqual(['initial']);
    // one amount for budget and spending at 90%: which cell it stands in cannot be told
    const b = alignFigures(['fullYear', 'actual', 'rate'], [n(500), n(90, true)]);
    expect(b.values).toEqual({ rate: 90 });
    expect(b.ambiguous).toEqual(['fullYear', 'actual']);
  });

  it('uses 执行数 ÷ 预算 to tell the budget from the spending', () => {
    const a = alignFigures(['fullYear', 'actual', 'rate'], [n(200), n(150), n(75, true)]);
    expect(a.values).toEqual({ fullYear: 200, actual: 150, rate: 75 });
    // 150 then 200 at 75%: no order of the cells gives the rate
    expect(alignFigures(['fullYear', 'actual', 'rate'], [n(150), n(200), n(75, true)]).readings).toBe(0);
  });

  it('stores nothing for a column two readings disagree on', () => {
    const a = alignFigures(['initial', 'fullYear', 'actual'], [n(100), n(90)]);
    expect(a.values).toEqual({});
    expect(a.ambiguous).toEqual(['initial', 'fullYear', 'actual']);
  });

  it('keeps a dash as an empty cell in its place', () => {
    const a = alignFigures(['initial', 'fullYear', 'actual', 'rate'], [{ kind: 'blank' }, n(50), n(50), n(100, true)]);
    expect(a.values).toEqual({ fullYear: 50, actual: 50, rate: 100 });
  });
});
