import { describe, expect, it } from 'vitest';
import {
  ALL_LABEL_WORDS,
  budgetColumnOf,
  budgetColumnsIn,
  formKindOf,
  fundingSourceOf,
  indicatorColumnOf,
  isBudgetTotalLabel,
  labelFieldOf,
  labelWords,
  moneyUnitIn,
  spendingKindOf,
} from '../../pipeline/extract/form/index.ts';
import { WHITESPACE_CODE_UNITS } from '../../pipeline/extract/form/labels.ts';

describe('form vocabulary', () => {
  it('names the label cells of the forms with their spellings and decorations', () => {
    expect(labelFieldOf('单位名称')).toBe('unit');
    expect(labelFieldOf('部门（单位）名称：')).toBe('unit');
    expect(labelFieldOf('区级预算单位名称')).toBe('unit');
    expect(labelFieldOf('项目单位(盖章)')).toBe('unit');
    expect(labelFieldOf('资金使用单位')).toBe('implementer');
    expect(labelFieldOf('项目实施单位')).toBe('implementer');
    expect(labelFieldOf('地方主管部门')).toBe('supervisor');
    expect(labelFieldOf('转移支付(项目)名称')).toBe('project');
    expect(labelFieldOf('填报日期:')).toBe('reportDate');
    expect(labelFieldOf('某县教育局')).toBeNull();
  });

  it('finds every spelling under every decoration bareLabel takes away (the quick test before its map lets each through)', () => {
    const decorations: ((w: string) => string)[] = [
      (w) => w,
      (w) => `${[...w].join(' ')}：`,
      (w) => `\u3000${w}\u00a0(盖章)`,
      (w) => `一、${w}（公章）:`,
      (w) => `(12)${w}\u2003`,
      (w) => `${w}（万元）`,
    ];
    for (const w of ALL_LABEL_WORDS) for (const d of decorations) expect(labelFieldOf(d(w)), d(w)).not.toBeNull();
    // cells of no label: figures, numbering alone, a value beside its label
    for (const cell of ['12.5', '（一）', '  ', '', '100%', '某县教育局单位名称']) expect(labelFieldOf(cell), cell).toBeNull();
  });

  it('knows as whitespace exactly what /\\s/ matches', () => {
    const all = Array.from({ length: 65_536 }, (_, c) => String.fromCharCode(c)).join('');
    expect(WHITESPACE_CODE_UNITS).toBe(all.replace(/[^\s]+/g, ''));
  });

  it('lists every spelling once, longest first', () => {
    expect(new Set(ALL_LABEL_WORDS).size).toBe(ALL_LABEL_WORDS.length);
    const implementer = labelWords('implementer');
    expect(implementer.indexOf('项目实施单位')).toBeLessThan(implementer.indexOf('实施单位'));
  });

  it('gives each budget heading its column, OCR variants and notes included', () => {
    expect(budgetColumnOf('年初预算数')).toBe('initial');
    expect(budgetColumnOf('年初预匏数')).toBe('initial');
    expect(budgetColumnOf('全年预算数(A)')).toBe('fullYear');
    expect(budgetColumnOf('调整后预算数')).toBe('fullYear');
    expect(budgetColumnOf('全年执行数(B)')).toBe('actual');
    expect(budgetColumnOf('预算执行数')).toBe('actual');
    expect(budgetColumnOf('预算执行率(B/A×100%)')).toBe('rate');
    expect(budgetColumnOf('得分(20分*执行率)')).toBe('score');
    expect(budgetColumnOf('分值')).toBe('weight');
    expect(budgetColumnOf('年度资金总额')).toBeNull();
  });

  it('reads budget headings run together in their order', () => {
    expect(budgetColumnsIn('年初预算数全年预算数全年执行数分值执行率得分')).toEqual(['initial', 'fullYear', 'actual', 'weight', 'rate', 'score']);
    expect(budgetColumnsIn('全年预算数(A)全年执行数(B)预算执行率(B/A×100%)')).toEqual(['fullYear', 'actual', 'rate']);
    expect(budgetColumnsIn('年初\n预算数\n全年\n预算数')).toEqual(['initial', 'fullYear']);
  });

  it('tells indicator columns apart', () => {
    expect(indicatorColumnOf('一级指标')).toBe('level1');
    expect(indicatorColumnOf('一级指林')).toBe('level1');
    expect(indicatorColumnOf('指标名称(三级指标)')).toBe('name');
    expect(indicatorColumnOf('年度指标值')).toBe('target');
    expect(indicatorColumnOf('全年实际完成值')).toBe('actual');
    expect(indicatorColumnOf('度量单位')).toBe('measureUnit');
    expect(indicatorColumnOf('偏差原因分析及改进措施')).toBe('deviation');
  });

  it('knows the budget row, the money unit, funding sources and spending kinds', () => {
    expect(isBudgetTotalLabel('年度资金总额：')).toBe(true);
    expect(isBudgetTotalLabel('项目资金总额')).toBe(true);
    expect(isBudgetTotalLabel('资金来源')).toBe(false);
    expect(moneyUnitIn('项目资金 (元)')).toBe('元');
    expect(moneyUnitIn('项目资金（万元）')).toBe('万元');
    expect(moneyUnitIn('项目资金')).toBeNull();
    expect(fundingSourceOf('政府性基金预算财政拨款收入')).toBe('government_fund');
    expect(fundingSourceOf('预算内财政拨款收入')).toBe('general_public_budget');
    expect(fundingSourceOf('其中:当年财政拨款')).toBe('fiscal_appropriation');
    expect(fundingSourceOf('上年结转资金')).toBe('carryover');
    expect(spendingKindOf('其中：基本支出')).toBe('basic');
    expect(spendingKindOf('2021年度项目支出', 'end')).toBe('project');
  });

  it('tells the department-wide form from a project form', () => {
    expect(formKindOf('2021年度部门（单位）整体支出绩效自评表')).toBe('department');
    expect(formKindOf('项目支出绩效自评表')).toBe('project');
  });
});
