import { describe, expect, it } from 'vitest';
import { extractReport } from '../../pipeline/extract/index.ts';
import { readDocument } from '../../pipeline/read/index.ts';
import { flagsFor, indicator, indicatorTable, line, report } from '../helpers/constructed.ts';

/**
 * Each tier-1 rule on small constructed reports, edges included. The suites are concurrent: the cases of
 * all tests waiting at once share one warehouse build (tests/helpers/constructed.ts).
 */

describe.concurrent('spend_above_initial', () => {
  const run = (l: Parameters<typeof line>[0], settings = {}) => flagsFor('spend_above_initial', [report({ budgetLines: [line(l)] })], settings);
  it('grades the ratio: below, exactly at and above each threshold', async () => {
    expect(await run({ initialBudget: 100, actual: 149.99 })).toHaveLength(0);
    const atWarning = await run({ initialBudget: 100, actual: 150 });
    expect(atWarning.map((f) => [f.severity, f.measured, f.threshold])).toEqual([['warning', 1.5, 1.5]]);
    expect(String(atWarning[0].message)).toContain('实际支出150万元，为年初预算100万元的1.5倍');
    expect((await run({ initialBudget: 100, actual: 300 }))[0].severity).toBe('critical');
    expect((await run({ initialBudget: 100, actual: 299.99 }))[0].severity).toBe('warning');
  });
  it('reports spending with an initial budget of 0 as unbudgeted, once', async () => {
    const flags = await run({ initialBudget: 0, actual: 40 });
    expect(flags.map((f) => [f.severity, f.measured])).toEqual([['critical', null]]);
    expect(String(flags[0].message)).toContain('无年初预算');
  });
  it('skips missing values', async () => {
    expect(await run({ initialBudget: null, actual: 400 })).toHaveLength(0);
    expect(await run({ initialBudget: 100, actual: null })).toHaveLength(0);
    expect(await run({ initialBudget: 0, actual: 0 })).toHaveLength(0);
  });
});

describe.concurrent('all_full_marks', () => {
  const rows = (n: number, lastScore = 10) =>
    Array.from({ length: n }, (_, i) => indicator({ name: `指标${i}`, rowNo: i, weight: 10, score: i === n - 1 ? lastScore : 10 }));
  it('fires on a table of three full-mark rows: info without a problems section, warning with one', async () => {
    expect((await flagsFor('all_full_marks', [report({ indicators: rows(3) })])).map((f) => f.severity)).toEqual(['info']);
    const withProblems = report({ indicators: rows(3), sections: [{ kind: 'problems', heading: '存在的问题', text: '资金拨付不及时' }] });
    expect((await flagsFor('all_full_marks', [withProblems])).map((f) => f.severity)).toEqual(['warning']);
  });
  it('does not fire on a table of two rows or when one row lost points', async () => {
    expect(await flagsFor('all_full_marks', [report({ indicators: rows(2) })])).toHaveLength(0);
    expect(await flagsFor('all_full_marks', [report({ indicators: rows(4, 9.9) })])).toHaveLength(0);
  });
  it('follows min_rows from the configuration', async () => {
    expect(await flagsFor('all_full_marks', [report({ indicators: rows(2) })], { all_full_marks: { min_rows: 2 } })).toHaveLength(1);
  });
});

describe.concurrent('year_mismatch', () => {
  const mention = (year: number, role: 'this_period' | 'document_number' | 'comparison' | 'date' | 'plan') => ({ offset: 10, year, role, snippet: `${year}年…` });
  it('fires on this period written with another year, not on context years', async () => {
    const flags = await flagsFor('year_mismatch', [
      report({ yearMentions: [mention(2020, 'this_period'), mention(2022, 'document_number'), mention(2020, 'comparison'), mention(2022, 'date'), mention(2021, 'this_period')] }),
    ]);
    expect(flags.map((f) => [f.measured, f.threshold])).toEqual([[2020, 2021]]);
  });
  it('needs a fiscal year', async () => {
    expect(await flagsFor('year_mismatch', [report({ fiscalYear: null, fiscalYearSource: null, yearMentions: [mention(2020, 'this_period')] })])).toHaveLength(0);
  });
});

describe.concurrent('sum_mismatch', () => {
  const statement = (total: number, parts: number[], extra: Partial<{ declaredComplete: boolean; carry: number }> = {}) => ({
    origin: 'prose' as const,
    totalLabel: '支出合计',
    total,
    parts: [
      ...parts.map((amount, i) => ({ label: `分项${i}`, amount, role: 'part' as const })),
      ...(extra.carry ? [{ label: '年末结转', amount: extra.carry, role: 'carryover' as const }] : []),
    ],
    declaredComplete: extra.declaredComplete ?? false,
    evidence: '支出合计…其中…',
    location: '正文',
  });
  const run = (...s: ReturnType<typeof statement>[]) => flagsFor('sum_mismatch', [report({ sumStatements: s })]);
  it('fires when complete parts miss the total beyond the tolerance', async () => {
    const flags = await run(statement(100, [50, 40]));
    expect(flags.map((f) => [f.measured, f.threshold])).toEqual([[90, 100]]);
  });
  it('allows rounding within 0.01 per part (at least 0.02)', async () => {
    expect(await run(statement(100, [50.01, 50.01]))).toHaveLength(0);
    expect(await run(statement(100, [33.33, 33.33, 33.33]))).toHaveLength(0);
    expect(await run(statement(100, [50.02, 50.01]))).toHaveLength(1);
  });
  it('does not read a partial 其中 list as a breakdown unless the form says so', async () => {
    expect(await run(statement(100, [10, 5]))).toHaveLength(0);
    expect(await run(statement(100, [10, 5], { declaredComplete: true }))).toHaveLength(1);
  });
  it('accepts a carry-over listed after parts that already equal the total', async () => {
    expect(await run(statement(100, [60, 40], { carry: 12 }))).toHaveLength(0);
    expect(await run(statement(112, [60, 40], { carry: 12 }))).toHaveLength(0);
  });
  it('reads two statements run together (no 。 between them) as two, each against its own total', async () => {
    const body = (first: string) =>
      `某县某某局2022年度部门整体支出绩效自评报告\n一、基本情况\n2022年收到项目资金共500.5万元，其中：${first}，县级资金150.1万元，社会资金50.2万元2022年支出480.3万元，其中省级资金290万元，县级资金140.1万元，社会资金50.2万元。\n`;
    const flags = async (first: string) =>
      flagsFor('sum_mismatch', [extractReport(await readDocument('report.txt', new TextEncoder().encode(body(first))), 'report.txt')]);
    expect(await flags('省级资金300.2万元')).toHaveLength(0);
    expect((await flags('省级资金310.2万元')).map((f) => f.threshold)).toEqual([500.5]);
  });
  it('checks 基本支出 + 项目支出 against the line actual', async () => {
    const r = report({
      budgetLines: [line({ actual: 100 })],
      spending: [
        { project: null, nature: 'basic', label: '基本支出', amount: 70, origin: 'table', evidence: '' },
        { project: null, nature: 'project', label: '项目支出', amount: 20, origin: 'table', evidence: '' },
      ],
    });
    expect((await flagsFor('sum_mismatch', [r])).map((f) => f.measured)).toEqual([90]);
  });
});

describe.concurrent('total_score_mismatch', () => {
  const rows = [indicator({ name: 'a', rowNo: 0, weight: 45, score: 45 }), indicator({ name: 'b', rowNo: 1, weight: 45, score: 40 })];
  const run = (totalScore: number | null, budgetScore: number | null = 10) =>
    flagsFor('total_score_mismatch', [
      report({ budgetLines: [line({ weight: 10, score: budgetScore })], indicators: rows, indicatorTables: [indicatorTable({ totalScore })] }),
    ]);
  it('compares the stated total with budget + indicator scores, within 0.05', async () => {
    expect(await run(95)).toHaveLength(0);
    expect(await run(95.05)).toHaveLength(0);
    expect((await run(98)).map((f) => [f.measured, f.threshold])).toEqual([[95, 98]]);
  });
  it('leaves a blank total and a blank budget score to missing_fields', async () => {
    expect(await run(null)).toHaveLength(0);
    expect(await run(98, null)).toHaveLength(0);
  });
});

describe.concurrent('weights_inconsistent', () => {
  it('fires on a level-1 heading that differs from its rows and on a total that is not 100', async () => {
    const r = report({
      budgetLines: [line({ weight: 10 })],
      indicators: [
        indicator({ name: 'a', rowNo: 0, weight: 20, level1WeightStated: 50 }),
        indicator({ name: 'b', rowNo: 1, weight: 20, level1WeightStated: 50 }),
        indicator({ name: 'c', rowNo: 2, level1: '效益指标', weight: 40, level1WeightStated: 40 }),
      ],
      indicatorTables: [indicatorTable()],
    });
    const flags = await flagsFor('weights_inconsistent', [r]);
    expect(flags.map((f) => [f.measured, f.threshold]).sort()).toEqual([[40, 50], [90, 100]]);
  });
  it('counts the budget row and stays quiet when all holds', async () => {
    const r = report({
      budgetLines: [line({ weight: 10 })],
      indicators: [indicator({ name: 'a', rowNo: 0, weight: 50, level1WeightStated: 50 }), indicator({ name: 'b', rowNo: 1, level1: '效益指标', weight: 40 })],
      indicatorTables: [indicatorTable()],
    });
    expect(await flagsFor('weights_inconsistent', [r])).toHaveLength(0);
  });
});

describe.concurrent('score_exceeds_weight', () => {
  it('fires above the weight, not at it', async () => {
    const r = report({
      indicators: [
        indicator({ name: '垃圾清理工作完成率', rowNo: 0, weight: 3, score: 6, source: 'prose', tableNo: null }),
        indicator({ name: 'b', rowNo: 1, weight: 5, score: 5 }),
      ],
    });
    const flags = await flagsFor('score_exceeds_weight', [r]);
    expect(flags.map((f) => [f.measured, f.threshold, f.severity])).toEqual([[6, 3, 'critical']]);
  });
});

describe.concurrent('exec_rate_mismatch', () => {
  const run = (l: Parameters<typeof line>[0]) => flagsFor('exec_rate_mismatch', [report({ budgetLines: [line(l)] })]);
  it('accepts a stated rate within 0.5 points of actual ÷ full-year and flags one beyond', async () => {
    expect(await run({ fullYearBudget: 3321.47, actual: 2826.23, execRatePct: 85 })).toHaveLength(0);
    expect((await run({ fullYearBudget: 200, actual: 150, execRatePct: 80 })).map((f) => f.threshold)).toEqual([80]);
  });
  it('uses initial + adjustment when no full-year figure is stated', async () => {
    expect(await run({ initialBudget: 100, adjustment: 100, actual: 150, execRatePct: 75 })).toHaveLength(0);
  });
  it('checks the score against weight × rate, capped at the weight', async () => {
    expect(await run({ fullYearBudget: 100, actual: 120, weight: 10, score: 10 })).toHaveLength(0);
    expect((await run({ fullYearBudget: 100, actual: 80, weight: 10, score: 10 })).map((f) => f.threshold)).toEqual([8]);
  });
});

describe.concurrent('target_missed_high_score', () => {
  const row = (target: string, actual: string, score: number, extra: Partial<Parameters<typeof indicator>[0]> = {}) =>
    indicator({ name: 'x', rowNo: 0, weight: 10, score, ...extra }, { target, actual });
  const run = (...rows: ReturnType<typeof row>[]) => flagsFor('target_missed_high_score', [report({ indicators: rows })]);
  it('fires on a missed floor kept at 90% of the weight, exactly 90% included', async () => {
    expect(await run(row('≥95%', '90%', 9))).toHaveLength(1);
    expect(await run(row('≥95%', '90%', 8.9))).toHaveLength(0);
  });
  it('reads a met target at the boundary as met', async () => {
    expect(await run(row('≥90%', '90%', 10))).toHaveLength(0);
    expect(await run(row('≤10%', '10%', 10))).toHaveLength(0);
  });
  it('reads a bare amount of money under 成本指标 as a ceiling', async () => {
    expect(await run(row('1035.02万元', '6132.81万元', 9, { level2: '成本指标' }))).toHaveLength(1);
    expect(await run(row('100万元', '90万元', 10, { level2: '成本指标' }))).toHaveLength(0);
  });
  it('skips rows whose units differ or whose values are missing', async () => {
    expect(await run(row('≥95%', '90次', 10))).toHaveLength(0);
    expect(await run(row('≥95%', '', 10))).toHaveLength(0);
  });
});

describe.concurrent('actual_not_measured', () => {
  it('fires on each actual written as a range', async () => {
    const ranged = indicator({ name: 'x', rowNo: 0 }, { target: '≥95%', actual: '≥98%' });
    ranged.actual.isRange = true;
    const plain = indicator({ name: 'y', rowNo: 1 }, { target: '≥95%', actual: '98%' });
    expect((await flagsFor('actual_not_measured', [report({ indicators: [ranged, plain] })])).map((f) => f.measured_text)).toEqual(['≥98%']);
  });
});

describe.concurrent('missing_fields', () => {
  it('fires on a blank total, blank weights and scores, not on a filled table', async () => {
    const flags = await flagsFor('missing_fields', [
      report({ indicators: [indicator({ name: 'a', rowNo: 0, weight: 10, score: null })], indicatorTables: [indicatorTable({ totalScore: null })] }),
      // another unit: the same unit's report of the same year would be a resubmission superseding the first
      report({ unitKey: '测试县|另一镇人民政府', indicators: [indicator({ name: 'a', rowNo: 0, weight: 10, score: 10 })], indicatorTables: [indicatorTable({ totalScore: 100 })] }),
    ]);
    expect(flags.map((f) => [f.report_id, f.subject])).toEqual([
      ['r0', '部门整体绩效指标表·总分'],
      ['r0', '部门整体绩效指标表·指标得分'],
    ]);
  });
});

describe.concurrent('missing_deviation_reason', () => {
  it('fires when a row lost points without a reason; "无" and "/" are no reason', async () => {
    const rows = [
      indicator({ name: 'a', rowNo: 0, weight: 10, score: 9, deviation: '无' }),
      indicator({ name: 'b', rowNo: 1, weight: 10, score: 9, deviation: '资金拨付延迟，下年提前拨付' }),
      indicator({ name: 'c', rowNo: 2, weight: 10, score: 10, deviation: null }),
      indicator({ name: 'd', rowNo: 3, weight: 10, score: 8, deviation: '/' }),
    ];
    expect((await flagsFor('missing_deviation_reason', [report({ indicators: rows })])).map((f) => f.subject)).toEqual(['数量指标·a', '数量指标·d']);
  });
});

describe.concurrent('budget_adjustment_large', () => {
  const run = (initialBudget: number, fullYearBudget: number) => flagsFor('budget_adjustment_large', [report({ budgetLines: [line({ initialBudget, fullYearBudget })] })]);
  it('grades the change: exactly 20% is not above it', async () => {
    expect(await run(100, 120)).toHaveLength(0);
    expect((await run(100, 120.01))[0].severity).toBe('warning');
    expect((await run(100, 200))[0].severity).toBe('warning');
    expect((await run(100, 201))[0].severity).toBe('critical');
    expect((await run(100, 70))[0].severity).toBe('warning');
  });
  it('leaves an initial budget of 0 to spend_above_initial', async () => {
    expect(await run(0, 50)).toHaveLength(0);
  });
});

describe.concurrent('budget_matches_actual', () => {
  const run = (initialBudget: number, fullYearBudget: number, actual: number) =>
    flagsFor('budget_matches_actual', [report({ budgetLines: [line({ initialBudget, fullYearBudget, actual })] })]);
  it('fires when actual equals a much-adjusted budget to the cent', async () => {
    expect(await run(100, 150, 150)).toHaveLength(1);
    expect(await run(100, 150, 149.99)).toHaveLength(0);
    expect(await run(100, 110, 110)).toHaveLength(0);
  });
});

describe.concurrent('low_execution', () => {
  const run = (l: Parameters<typeof line>[0]) => flagsFor('low_execution', [report({ budgetLines: [line(l)] })]);
  it('grades the stated rate, exactly 90 is not low', async () => {
    expect(await run({ execRatePct: 90 })).toHaveLength(0);
    expect((await run({ execRatePct: 89.9 }))[0].severity).toBe('warning');
    expect((await run({ execRatePct: 74.9 }))[0].severity).toBe('critical');
  });
  it('computes the rate when none is stated', async () => {
    expect((await run({ fullYearBudget: 100, actual: 85 })).map((f) => f.measured)).toEqual([85]);
    expect(await run({ fullYearBudget: 0, actual: 0 })).toHaveLength(0);
  });
});

describe.concurrent('boilerplate_indicators', () => {
  const table = (tableNo: number, project: string, names: string[]) =>
    names.map((name, i) => indicator({ name, rowNo: i, tableNo, project }));
  it('pairs tables sharing at least 80% of their texts, not those sharing half', async () => {
    const same = ['重要文稿撰写工作', '政务信息报送', '会议组织', '督查督办', '群众满意度'];
    const r = report({
      indicators: [
        ...table(1, '项目甲', same),
        ...table(2, '项目乙', [...same.slice(0, 4), '工会活动次数']),
        ...table(3, '项目丙', [...same.slice(0, 2), '甲', '乙', '丙']),
      ],
    });
    const flags = await flagsFor('boilerplate_indicators', [r]);
    expect(flags.map((f) => [f.project, f.measured])).toEqual([
      ['项目乙', 80],
      ['项目甲', 80],
    ]);
  });
  it('compares across units too, after removing whitespace', async () => {
    const names = ['指标 一', '指标二', '指标三'];
    const flags = await flagsFor('boilerplate_indicators', [
      report({ indicators: table(1, '甲', names) }),
      report({ unit: '另一单位', unitKey: '测试县|另一单位', indicators: table(1, '乙', names.map((n) => n.replace(' ', ''))) }),
    ]);
    expect(flags).toHaveLength(2);
  });
});

describe.concurrent('pii_published and template_residue', () => {
  it('masks the number in the message and keeps the context as evidence', async () => {
    const r = report({
      textFindings: [
        { kind: 'mobile', value: '17700593679', context: '联系电话：17700593679', offset: 5 },
        { kind: 'mobile', value: '17700593679', context: '联系电话：17700593679', offset: 50 },
        { kind: 'placeholder', value: '例：', context: '例：本单位', offset: 80 },
      ],
    });
    const pii = await flagsFor('pii_published', [r]);
    expect(pii.map((f) => [f.severity, f.measured])).toEqual([['warning', 2]]);
    expect(String(pii[0].message)).toContain('177****3679');
    expect(String(pii[0].message)).not.toContain('17700593679');
    expect((await flagsFor('template_residue', [r])).map((f) => f.subject)).toEqual(['占位文字“例：”']);
  });
});

describe.concurrent('configuration', () => {
  it('a changed threshold changes the next build, and a disabled rule is left out', async () => {
    const r = report({ budgetLines: [line({ initialBudget: 100, actual: 160 })] });
    expect(await flagsFor('spend_above_initial', [r])).toHaveLength(1);
    expect(await flagsFor('spend_above_initial', [r], { spend_above_initial: { warning_ratio: 2 } })).toHaveLength(0);
    expect(await flagsFor('spend_above_initial', [r], { spend_above_initial: { enabled: false } })).toHaveLength(0);
  });
  it('gives the same flag key on every rebuild', async () => {
    const r = report({ budgetLines: [line({ initialBudget: 100, actual: 400 })] });
    const [a] = await flagsFor('spend_above_initial', [r]);
    const [b] = await flagsFor('spend_above_initial', [r]);
    expect(a.flag_key).toBe(b.flag_key);
    expect(a.flag_key).toMatch(/^[0-9a-f]{32}$/);
  });
});
