import { describe, expect, it } from 'vitest';
import { flagsFor, line, report } from '../helpers/constructed.ts';

/** 连续 N 年: a flag firing for the same unit and rule in consecutive fiscal years counts the run of years. */

describe('consecutive years', () => {
  it('counts the run of consecutive years per unit and rule, restarting after a gap and per unit', async () => {
    const overspent = (year: number, unit = '测试镇人民政府') =>
      report({ fiscalYear: year, unit, unitKey: `测试县|${unit}`, budgetLines: [line({ initialBudget: 100, fullYearBudget: 400, actual: 400 })] });
    const flags = await flagsFor('spend_above_initial', [
      overspent(2020),
      overspent(2021),
      overspent(2022),
      overspent(2024),
      overspent(2021, '另一镇人民政府'),
      // a year without the flag breaks the run for that unit
      report({ fiscalYear: 2023, budgetLines: [line({ initialBudget: 100, fullYearBudget: 100, actual: 100 })] }),
    ]);
    const byReport = Object.fromEntries(flags.map((f) => [f.report_id, f.consecutive_years]));
    expect(byReport).toEqual({ r0: 1, r1: 2, r2: 3, r3: 1, r4: 1 });
    expect(new Set(flags.map((f) => f.review_status))).toEqual(new Set(['待复核']));
  });
});
