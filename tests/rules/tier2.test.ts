import { describe, expect, it } from 'vitest';
import type { AmountMention } from '../../pipeline/extract/report.ts';
import { flagsFor, indicator, indicatorTable, line, report } from '../helpers/constructed.ts';

/**
 * Each tier-2 rule of the catalog on small constructed reports: at the threshold, just past it, missing values.
 * The suites are concurrent: the cases of all tests waiting at once share one warehouse build (tests/helpers/constructed.ts).
 */

const row = (name: string, target: string, actual: string, fields: Parameters<typeof indicator>[0] extends infer F ? Partial<F> : never = {}) =>
  indicator({ name, weight: 10, score: 10, ...fields }, { target, actual });
const one = (ruleId: string, fields: Parameters<typeof report>[0], settings = {}) => flagsFor(ruleId, [report(fields)], settings);
const mention = (label: string, amount: number, sentence: string, offset = 0): AmountMention => ({
  offset, label, amount, originalText: `${amount}万元`, unitWritten: '万元', comparator: null, sentence,
});

describe.concurrent('score_recompute_mismatch', () => {
  const run = (r: ReturnType<typeof row>) => one('score_recompute_mismatch', { indicators: [r] });
  it('floor missed: actual ÷ target × weight, a gap of exactly 0.5 is within, just past it is flagged', async () => {
    // 90 of ≥100 → 9 points
    expect(await run(row('完成率', '≥100%', '90%', { score: 9.5 }))).toHaveLength(0);
    const flags = await run(row('完成率', '≥100%', '90%', { score: 9.51 }));
    expect(flags.map((f) => [f.measured, f.threshold])).toEqual([[9.51, 9]]);
  });
  it('floor met → full weight; a met row scored low is flagged', async () => {
    expect(await run(row('完成数', '≥10次', '12次', { score: 10 }))).toHaveLength(0);
    expect((await run(row('完成数', '≥10次', '12次', { score: 8 })))[0].threshold).toBe(10);
  });
  it('ceiling: between A and 2A scaled down, 2A or more scores 0', async () => {
    const cost = (actual: string, score: number) => row('人均成本', '≤100万元', actual, { level1: '产出指标', level2: '成本指标', score });
    expect(await run(cost('150万元', 5))).toHaveLength(0);
    expect((await run(cost('150万元', 10)))[0].threshold).toBe(5);
    expect((await run(cost('200万元', 1)))[0].threshold).toBe(0);
  });
  it('a target of 0 gives full weight only for an actual of 0', async () => {
    expect(await run(row('安全事故', '0次', '0次', { score: 10 }))).toHaveLength(0);
    expect((await run(row('安全事故', '0次', '1次', { score: 10 })))[0].threshold).toBe(0);
  });
  it('qualitative rows only where the actual states a level, against its band', async () => {
    expect(await run(row('政策宣传', '达成', '部分达成', { score: 7 }))).toHaveLength(0);
    expect((await run(row('政策宣传', '达成', '部分达成', { score: 9 })))[0].threshold).toBe(8);
    expect(await run(row('工作时效', '及时', '及时', { score: 2 }))).toHaveLength(0);
  });
  it('skips missing values and rows in different units', async () => {
    expect(await run(row('完成率', '≥100%', '90%', { score: null }))).toHaveLength(0);
    expect(await run(row('完成率', '≥100%', '', { score: 2 }))).toHaveLength(0);
    expect(await run(row('完成数', '≥100次', '90人', { score: 2 }))).toHaveLength(0);
  });
});

describe.concurrent('target_too_low', () => {
  const run = (target: string, actual: string, fields = {}) => one('target_too_low', { indicators: [row('完成数', target, actual, fields)] });
  it('fires at actual ÷ target = 1.2 exactly, not just under it', async () => {
    expect(await run('≥100次', '120次')).toHaveLength(1);
    expect(await run('≥100次', '119次')).toHaveLength(0);
  });
  it('never on a ceiling or a row that lost points; skips a missing actual', async () => {
    expect(await run('≤100次', '200次', { score: 0 })).toHaveLength(0);
    expect(await run('≥100次', '150次', { score: 9 })).toHaveLength(0);
    expect(await run('≥100次', '')).toHaveLength(0);
  });
});

describe.concurrent('unit_mismatch', () => {
  const run = (name: string, target: string, actual: string) => one('unit_mismatch', { indicators: [row(name, target, actual)] });
  it('flags money written under a rate, once per row', async () => {
    const flags = await run('资金到位率', '100万元', '99万元');
    expect(flags).toHaveLength(1);
    expect(String(flags[0].message)).toContain('百分比');
    // the target's side first, always (the message is part of a flag, compared across builds)
    expect(String(flags[0].message)).toContain('目标值写作“100万元”，实际值写作“99万元”');
    expect(String(flags[0].measured_text)).toBe('目标值单位“万元”，实际值单位“万元”');
  });
  it('a missing unit, a matching unit, or money measured in % are not contradictions', async () => {
    expect(await run('资金到位率', '100', '100')).toHaveLength(0);
    expect(await run('资金到位率', '100%', '100%')).toHaveLength(0);
    expect(await run('项目资金', '100%', '100%')).toHaveLength(0);
  });
});

describe.concurrent('exec_rate_denominator', () => {
  const run = (stated: number | null, fields = {}) =>
    one('exec_rate_denominator', { budgetLines: [line({ initialBudget: 100, fullYearBudget: 200, actual: 90, execRatePct: stated, ...fields })] });
  it('fires when the rate is actual ÷ initial within 0.5 points, not when it is 0.51 off', async () => {
    expect(await run(90.5)).toHaveLength(1);
    expect(await run(90.51)).toHaveLength(0);
    expect(await run(45)).toHaveLength(0);
  });
  it('needs two different budgets and all figures', async () => {
    expect(await run(90, { fullYearBudget: 100 })).toHaveLength(0);
    expect(await run(null)).toHaveLength(0);
    expect(await run(90, { initialBudget: null })).toHaveLength(0);
  });
});

describe.concurrent('grade_band_mismatch', () => {
  const run = (selfScore: number | null, text: string) => one('grade_band_mismatch', { selfScore, text });
  it('band edges: 90 is 优, 89.99 is 良', async () => {
    expect(await run(90, '自评得分90分，评价等级为优。')).toHaveLength(0);
    const flags = await run(89.99, '自评得分89.99分，评价等级为优。');
    expect(flags.map((f) => [f.measured, f.threshold])).toEqual([[89.99, 90]]);
    expect(await run(85, '总分85（良）')).toHaveLength(0);
    expect(await run(75, '自评等级：良好')).toHaveLength(1);
    expect(await run(55, '自评结果为不合格。')).toHaveLength(0);
  });
  it('no stated grade or no score, no flag; an award in the narrative is not the grade', async () => {
    expect(await run(70, '本单位被评为优秀党组织。')).toHaveLength(0);
    expect(await run(null, '评价等级为优。')).toHaveLength(0);
  });
});

describe.concurrent('text_table_conflict', () => {
  const lines = (prose: number, table = 100) => [line({ actual: table, source: 'table' }), line({ actual: prose, source: 'prose', location: '正文' })];
  it('amounts differ beyond 0.5% of the larger, not within', async () => {
    expect(await one('text_table_conflict', { budgetLines: lines(100.5) })).toHaveLength(0);
    expect(await one('text_table_conflict', { budgetLines: lines(100.6) })).toHaveLength(1);
  });
  it('self-score against the 总分 row of the only whole-report table', async () => {
    const tables = [indicatorTable({ totalScore: 95 })];
    expect(await one('text_table_conflict', { selfScore: 95.05, indicatorTables: tables })).toHaveLength(0);
    expect(await one('text_table_conflict', { selfScore: 95.1, indicatorTables: tables })).toHaveLength(1);
    expect(await one('text_table_conflict', { selfScore: null, indicatorTables: tables })).toHaveLength(0);
  });
  it('the prose figures against the table line: spending and its rate, 0.5% and 0.5 points', async () => {
    const s = (actual: number, rate: number) => `2021年度该项目全年预算200万元，实际支出${actual}万元，执行率${rate}%。`;
    const run = (actual: number, rate: number) =>
      one('text_table_conflict', {
        budgetLines: [line({ fullYearBudget: 200, actual: 190, execRatePct: 95 })],
        amounts: [mention('该项目全年预算', 200, s(actual, rate)), mention('实际支出', actual, s(actual, rate), 20)],
      });
    expect(await run(190.95, 95.5)).toHaveLength(0);
    expect((await run(180, 90)).map((f) => [f.subject, f.measured, f.threshold])).toEqual([
      ['部门整体执行数', 180, 190],
      ['部门整体执行率', 90, 95],
    ]);
  });
  it('基本支出 against the table split of spending; not in a budget sentence, not when the prose states two values', async () => {
    const table = {
      budgetLines: [line({ initialBudget: 100, actual: 100 })],
      spending: [
        { project: null, nature: 'basic' as const, label: '基本支出', amount: 60, origin: 'table' as const, evidence: '基本支出：60' },
        { project: null, nature: 'project' as const, label: '项目支出', amount: 40, origin: 'table' as const, evidence: '项目支出：40' },
      ],
    };
    const spent = '2021年度支出合计100万元，其中基本支出66万元，项目支出40万元。';
    const budget = '2021年度年初预算安排支出合计100万元，其中基本支出66万元，项目支出34万元。';
    const total = mention('支出合计', 100, spent);
    expect((await one('text_table_conflict', { ...table, amounts: [total, mention('基本支出', 66, spent, 10)] })).map((f) => f.subject)).toEqual(['部门整体基本支出']);
    expect(await one('text_table_conflict', { ...table, amounts: [mention('年初预算安排支出合计', 100, budget), mention('基本支出', 66, budget, 10)] })).toHaveLength(0);
    const earlier = '2020年度支出合计90万元，其中基本支出60万元。';
    expect(await one('text_table_conflict', { ...table, amounts: [total, mention('基本支出', 66, spent, 10), mention('支出合计', 90, earlier, 90), mention('基本支出', 60, earlier, 95)] })).toHaveLength(0);
    // a split of one source of funds, and 总支出 (also written for one kind of spending), are not the table's figures
    const grant = '2021年度一般公共预算财政拨款支出80万元，其中：项目支出14万元，基本支出66万元。';
    expect(await one('text_table_conflict', { ...table, amounts: [mention('一般公共预算财政拨款支出', 80, grant), mention('项目支出', 14, grant, 10), mention('基本支出', 66, grant, 20)] })).toHaveLength(0);
    expect(await one('text_table_conflict', { ...table, amounts: [mention('总支出', 60, '2021年度总支出60万元，其中行政运行支出50万元。')] })).toHaveLength(0);
  });
  it('shares of 基本支出 and 项目支出 must add to 100 ± 1', async () => {
    const s = (a: number, b: number) => `基本支出60万元，占总支出的${a}%；项目支出40万元，占总支出的${b}%`;
    const run = (a: number, b: number) => one('text_table_conflict', { amounts: [mention('基本支出', 60, s(a, b)), mention('项目支出', 40, s(a, b), 20)] });
    expect(await run(60, 41)).toHaveLength(0);
    expect(await run(60, 41.1)).toHaveLength(1);
  });
});

describe.concurrent('balance_conflict', () => {
  it('two year-end balances that disagree, once', async () => {
    const flags = await one('balance_conflict', {
      amounts: [mention('年末结转结余', 0, '年末结转结余0万元。'), mention('年底预算结余', 495.24, '年底预算结余495.24万元。', 50)],
    });
    expect(flags).toHaveLength(1);
    expect(String(flags[0].message)).toContain('495.24');
  });
  it('a project sentence: budget + adjustment − spending against the balance, tolerance 0.04', async () => {
    const s = '项目资金580万元，年中调增0万元，实际支出510.61万元，结余结转X万元。';
    const run = (balance: number) =>
      one('balance_conflict', { amounts: [mention('项目资金', 580, s), mention('年中调增', 0, s, 10), mention('实际支出', 510.61, s, 20), mention('结余结转', balance, s, 30)] });
    expect(await run(69.39)).toHaveLength(0);
    expect(await run(69.35)).toHaveLength(0);
    expect((await run(0)).map((f) => f.threshold)).toEqual([69.39]);
  });
  it('needs a balance; other funds and 上年结转 are not year-end statements', async () => {
    expect(await one('balance_conflict', { amounts: [mention('项目资金', 580, '项目资金580万元，实际支出510万元。'), mention('实际支出', 510, '项目资金580万元，实际支出510万元。', 9)] })).toHaveLength(0);
    expect(await one('balance_conflict', { amounts: [mention('年末财政拨款结转结余', 5, 'a'), mention('年末结转结余', 9, 'b', 9), mention('上年结转', 1, 'c', 20)] })).toHaveLength(0);
  });
});

describe.concurrent('line_item_above_budget', () => {
  const dataTable = (actual: string) =>
    `2023年度部门（单位）整体支出绩效评价基础数据表\n经费控制情况（万元）\n2022年决算数\n2023年预算数\n2023年决算数\n公用经费\n91.91\n30\n${actual}\n其中：办公经费\n6.46\n\n3.73\n附件3\n2023年度部门整体支出绩效自评表`;
  it('a 基础数据表 row at 1.5 × its budget, not under it; a row with two figures is not checked', async () => {
    expect(await one('line_item_above_budget', { text: dataTable('44.99') })).toHaveLength(0);
    const flags = await one('line_item_above_budget', { text: dataTable('45') });
    expect(flags.map((f) => [f.subject, f.measured])).toEqual([['公用经费（基础数据表）', 1.5]]);
  });
  it('基本支出 in a budget sentence and in a spending sentence', async () => {
    const budget = '年初预算支出3247.99万元，其中：基本支出601.41万元，项目支出2646.58万元';
    const spent = '部门决算支出2826.23万元，其中：基本支出1437.78万元，项目支出1388.46万元';
    const flags = await one('line_item_above_budget', {
      amounts: [mention('基本支出', 601.41, budget), mention('项目支出', 2646.58, budget, 10), mention('基本支出', 1437.78, spent, 40), mention('项目支出', 1388.46, spent, 50)],
    });
    expect(flags.map((f) => f.subject)).toEqual(['基本支出（正文）']);
    expect(await one('line_item_above_budget', { amounts: [mention('基本支出', 1437.78, spent)] })).toHaveLength(0);
  });
  it('a two-column spending detail table (计划支出数 / 实际支出数): each line against its own plan, a zero plan not checked', async () => {
    const detail = (actual: string) =>
      `二、年度决算报表支出明细\n支出内容\n计划支出数\n实际支出数\n办公费\n20\n12.5\n电费\n2\n${actual}\n抚恤金\n0\n7.5\n三、绩效目标\n培训费\n1\n9`;
    expect(await one('line_item_above_budget', { text: detail('2.99') })).toHaveLength(0);
    expect((await one('line_item_above_budget', { text: detail('3') })).map((f) => [f.subject, f.measured])).toEqual([['电费（支出明细表）', 1.5]]);
  });
  it('基本支出 / 项目支出 rows of the 年度资金总额 table with their own 年初预算数 and 全年执行数 columns', async () => {
    const two = (actual: string) =>
      `部门(单位)总体资金(万元)\t资金来源\t年初预算数(A)\t全年执行数(B)\t分值(10分)\t得分\n年度资金总额:\t1100\t1200\t10\t10\n基本支出\t1000\t900\n项目支出\t100\t${actual}\t10\t10\n年度总体目标\t年初设定目标\n项目支出\t1\t9`;
    expect(await one('line_item_above_budget', { text: two('149.99') })).toHaveLength(0);
    expect((await one('line_item_above_budget', { text: two('150') })).map((f) => [f.subject, f.measured])).toEqual([['项目支出（年度资金总额表）', 1.5]]);
    // three columns: the spending is the third figure, measured against the 年初预算数
    const three = `年初预算数\t全年预算数\t全年执行数\t分值\n年度资金总额\t1100\t1300\t1250\t10\n基本支出\t1000\t1000\t990\n项目支出\t100\t300\t260`;
    expect((await one('line_item_above_budget', { text: three })).map((f) => [f.subject, f.measured])).toEqual([['项目支出（年度资金总额表）', 2.6]]);
    // the generated form's single-figure 其中 rows are not lines with a budget
    expect(await one('line_item_above_budget', { text: `年初预算数\t全年预算数\t全年执行数\n年度资金总额\t100\t110\t105\n\t其中：基本支出：90\n\t项目支出：15\n` })).toHaveLength(0);
  });
  it('the 支出合计 sentence of the year is a spending sentence; a 预算 beside it makes it a budget one', async () => {
    const budget = '2021年度年初预算安排支出合计1000万元，其中基本支出800万元，项目支出200万元。';
    const spent = (word: string) => `2021年度${word}合计1100万元，其中基本支出800万元，项目支出300万元。`;
    const run = (word: string) =>
      one('line_item_above_budget', {
        amounts: [mention('基本支出', 800, budget), mention('项目支出', 200, budget, 10), mention('基本支出', 800, spent(word), 40), mention('项目支出', 300, spent(word), 50)],
      });
    expect((await run('支出')).map((f) => [f.subject, f.measured])).toEqual([['项目支出（正文）', 1.5]]);
    expect(await run('预算支出')).toHaveLength(0);
  });
});

describe.concurrent('weights_off_template', () => {
  const set = (weights: [string, number][], budgetWeight: number | null) => ({
    indicators: weights.map(([level1, weight], i) => row(`指标${i}`, '≥1', '1', { level1, weight, score: weight, rowNo: i, tableNo: 1 })),
    budgetLines: [line({ weight: budgetWeight })],
  });
  it('the standard 50/30/10/10 passes, 40/20/10/20 成本/10 is flagged once', async () => {
    expect(await one('weights_off_template', set([['产出指标', 50], ['效益指标', 30], ['满意度指标', 10]], 10))).toHaveLength(0);
    const flags = await one('weights_off_template', set([['产出指标', 40], ['效益指标', 20], ['满意度指标', 10], ['成本指标', 20]], 10));
    expect(flags).toHaveLength(1);
    expect(String(flags[0].measured_text)).toBe('产出40/效益20/满意度10/成本20/预算执行10');
  });
  it('a table whose budget weight was not read, or whose weights do not total 100, is not judged', async () => {
    expect(await one('weights_off_template', set([['产出指标', 40], ['效益指标', 40], ['满意度指标', 10]], null))).toHaveLength(0);
    expect(await one('weights_off_template', set([['产出指标', 40], ['效益指标', 30], ['满意度指标', 10]], 10))).toHaveLength(0);
  });
});

describe.concurrent('indicator_misclassified', () => {
  const run = (level1: string, level2: string, name: string, target: string, settings = {}) =>
    one('indicator_misclassified', { indicators: [row(name, target, target, { level1, level2 })] }, settings);
  it('a cost row without money, satisfaction not in %, ecology without an environmental term', async () => {
    expect(await run('产出指标', '成本指标', '会议活动组织成功率', '≥98%')).toHaveLength(1);
    expect(await run('满意度指标', '服务对象满意度', '群众满意度', '满意')).toHaveLength(1);
    expect(await run('效益指标', '生态效益指标', '群众获得感', '提升')).toHaveLength(1);
  });
  it('leaves rows that fit their level, and follows the term lists in config', async () => {
    expect(await run('产出指标', '成本指标', '人均培训成本', '≤500元')).toHaveLength(0);
    expect(await run('产出指标', '成本指标', '以低价位高质量为采购原则', '5万')).toHaveLength(0);
    expect(await run('满意度指标', '服务对象满意度', '群众满意度', '≥90%')).toHaveLength(0);
    // a bare figure up to 100 is a rate with its % sign left out; above 100 it is not a rate
    expect(await run('满意度指标', '服务对象满意度', '学生满意度', '100')).toHaveLength(0);
    expect(await run('满意度指标', '服务对象满意度', '学生满意度', '≥95')).toHaveLength(0);
    expect(await run('满意度指标', '服务对象满意度', '学生满意度', '300')).toHaveLength(1);
    expect(await run('效益指标', '生态效益指标', '河道保洁覆盖率', '100%')).toHaveLength(0);
    expect(await run('产出指标', '成本指标', '会议活动组织成功率', '≥98%', { indicator_misclassified: { cost_terms: '成功率' } })).toHaveLength(0);
  });
});

describe.concurrent('overachieve_unexplained', () => {
  const run = (target: string, actual: string, deviation: string | null = null, source: 'table' | 'prose' = 'table') =>
    one('overachieve_unexplained', { indicators: [row('完成数', target, actual, { deviation, source })] });
  it('fires at 1.3 × the target exactly with an empty reason, not at 1.29', async () => {
    expect(await run('≥100次', '130次')).toHaveLength(1);
    expect(await run('≥100次', '129次')).toHaveLength(0);
    expect(await run('≥0次', '30次')).toHaveLength(1);
    expect(await run('≥0次', '29次')).toHaveLength(0);
  });
  it('not with a reason written, not on narrated rows, not on a ceiling', async () => {
    expect(await run('≥100次', '200次', '群众需求增加，超额完成')).toHaveLength(0);
    expect(await run('≥100次', '200次', '无')).toHaveLength(1);
    expect(await run('≥100次', '200次', null, 'prose')).toHaveLength(0);
    expect(await run('≤100次', '200次')).toHaveLength(0);
  });
});

describe.concurrent('duplicate_indicator', () => {
  it('one flag for a name used twice in a table, after whitespace removal; not across tables', async () => {
    const flags = await one('duplicate_indicator', {
      indicators: [row('群众满意度', '≥90%', '95%', { rowNo: 1 }), row('群众 满意度', '≥90%', '95%', { rowNo: 2, level1: '效益指标' }), row('其他', '1', '1', { rowNo: 3 })],
    });
    expect(flags.map((f) => f.measured)).toEqual([2]);
    expect(await one('duplicate_indicator', { indicators: [row('群众满意度', '1', '1', { tableNo: 1 }), row('群众满意度', '1', '1', { tableNo: 2 })] })).toHaveLength(0);
  });
});

describe.concurrent('cost_indicator_direction', () => {
  const run = (name: string, target: string) => one('cost_indicator_direction', { indicators: [row(name, target, target, { level2: '成本指标' })] });
  it('a money floor under 成本 is flagged; a ceiling, a bare amount or a rate is not', async () => {
    expect(await run('项目总成本', '≥100万元')).toHaveLength(1);
    expect(await run('项目总成本', '≤100万元')).toHaveLength(0);
    expect(await run('项目总成本', '100万元')).toHaveLength(0);
    expect(await run('资金到位率', '≥98%')).toHaveLength(0);
  });
});

describe.concurrent('cost_indicator_missing', () => {
  const rows = (withCost: boolean, n = 3) =>
    Array.from({ length: n }, (_, i) => row(`指标${i}`, '1', '1', { rowNo: i, level2: withCost && i === 0 ? '成本指标' : '数量指标' }));
  it('from fiscal year 2022 on, a table of 3 rows without a cost row', async () => {
    expect(await one('cost_indicator_missing', { fiscalYear: 2022, indicators: rows(false) })).toHaveLength(1);
    expect(await one('cost_indicator_missing', { fiscalYear: 2021, indicators: rows(false) })).toHaveLength(0);
    expect(await one('cost_indicator_missing', { fiscalYear: 2022, indicators: rows(true) })).toHaveLength(0);
    expect(await one('cost_indicator_missing', { fiscalYear: null, fiscalYearSource: null, indicators: rows(false) })).toHaveLength(0);
    expect(await one('cost_indicator_missing', { fiscalYear: 2023, indicators: rows(false, 2) })).toHaveLength(0);
  });
});

describe.concurrent('indicator_set_thin', () => {
  const rows = (weights: (number | null)[]) => weights.map((weight, i) => row(`指标${i}`, '1', '1', { rowNo: i, weight, score: weight }));
  it('fewer than 3 scored rows, or one row above 40% of the points (exactly 40% passes)', async () => {
    expect((await one('indicator_set_thin', { indicators: rows([45, 45]) })).map((f) => f.measured)).toEqual([2]);
    expect(await one('indicator_set_thin', { indicators: rows([40, 30, 30]) })).toHaveLength(0);
    expect((await one('indicator_set_thin', { indicators: rows([41, 30, 29]) })).map((f) => f.measured)).toEqual([0.41]);
  });
  it('rows without weights are not judged', async () => {
    expect(await one('indicator_set_thin', { indicators: rows([null, null]) })).toHaveLength(0);
  });
});

describe.concurrent('zero_weight_indicator', () => {
  it('weight 0, and a blank weight beside filled ones; not a table without any weight', async () => {
    const flags = await one('zero_weight_indicator', {
      indicators: [row('甲', '1', '1', { rowNo: 1, weight: 0 }), row('乙', '1', '1', { rowNo: 2, weight: null }), row('丙', '1', '1', { rowNo: 3 })],
    });
    expect(flags.map((f) => f.measured_text).sort()).toEqual(['分值为0', '分值空白']);
    expect(await one('zero_weight_indicator', { indicators: [row('甲', '1', '1', { weight: null }), row('乙', '1', '1', { rowNo: 2, weight: null })] })).toHaveLength(0);
  });
});

describe.concurrent('no_problems_stated', () => {
  const problems = (text: string) => [{ kind: 'problems' as const, heading: '存在的问题', text }];
  it('暂无问题 beside 36% execution or a lost point; not beside a clean report or a real problem', async () => {
    const low = [line({ fullYearBudget: 100, actual: 36 })];
    expect(await one('no_problems_stated', { sections: problems('暂无问题。'), budgetLines: low })).toHaveLength(1);
    expect(await one('no_problems_stated', { sections: problems('无'), indicators: [row('甲', '≥1', '1', { score: 9 })] })).toHaveLength(1);
    expect(await one('no_problems_stated', { sections: problems('无'), budgetLines: [line({ fullYearBudget: 100, actual: 100 })] })).toHaveLength(0);
    expect(await one('no_problems_stated', { sections: problems('资金拨付不及时。'), budgetLines: low })).toHaveLength(0);
    expect(await one('no_problems_stated', { sections: problems('无线网络覆盖不足'), budgetLines: low })).toHaveLength(0);
  });
});

describe.concurrent('unquantified_targets', () => {
  const rows = (targets: string[]) => targets.map((t, i) => row(`指标${i}`, t, t, { rowNo: i }));
  it('half of the targets in words exactly is flagged, under half is not; blank targets do not count', async () => {
    expect(await one('unquantified_targets', { indicators: rows(['及时', '良好', '≥90%', '100个']) })).toHaveLength(1);
    expect(await one('unquantified_targets', { indicators: rows(['及时', '≥95%', '≥90%', '100个']) })).toHaveLength(0);
    expect(await one('unquantified_targets', { indicators: rows(['及时', '良好', '', '']) })).toHaveLength(0);
  });
});

describe.concurrent('score_inflation', () => {
  const lineAt = (actual: number) => [line({ fullYearBudget: 100, actual })];
  it('self-score ≥ 95 with execution under 90%: 95 exactly counts, 94.99 does not', async () => {
    expect(await one('score_inflation', { selfScore: 95, budgetLines: lineAt(85) })).toHaveLength(1);
    expect(await one('score_inflation', { selfScore: 94.99, budgetLines: lineAt(85) })).toHaveLength(0);
    expect(await one('score_inflation', { selfScore: 98, budgetLines: lineAt(90) })).toHaveLength(0);
    expect(await one('score_inflation', { selfScore: null, budgetLines: lineAt(10) })).toHaveLength(0);
  });
  it('two missed targets, or idle funds admitted as a fact (not as an aim)', async () => {
    const missed = [row('甲', '≥100次', '90次', { rowNo: 1 }), row('乙', '≥100次', '80次', { rowNo: 2 })];
    expect(await one('score_inflation', { selfScore: 96, indicators: missed })).toHaveLength(1);
    expect(await one('score_inflation', { selfScore: 96, indicators: missed.slice(0, 1) })).toHaveLength(0);
    const problems = (text: string) => [{ kind: 'problems' as const, heading: '存在的问题', text }];
    expect(await one('score_inflation', { selfScore: 96, sections: problems('部分项目支出进度慢，资金闲置。') })).toHaveLength(1);
    expect(await one('score_inflation', { selfScore: 96, sections: problems('加快支出，以免资金闲置。') })).toHaveLength(0);
  });
});
