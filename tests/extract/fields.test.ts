import { describe, expect, it } from 'vitest';
import type { Block, Document } from '../../pipeline/read/document.ts';
import { budgetFromCells, labelledMoney } from '../../pipeline/extract/fields/budget.ts';
import { buildContext } from '../../pipeline/extract/fields/context.ts';
import { readKind } from '../../pipeline/extract/fields/kind.ts';
import { readProject } from '../../pipeline/extract/fields/project.ts';
import { readReportDate } from '../../pipeline/extract/fields/report-date.ts';
import { readRegion, readUnit } from '../../pipeline/extract/fields/unit.ts';
import { readFiscalYear } from '../../pipeline/extract/fields/year.ts';
import { readField } from '../../pipeline/extract/fields/reading.ts';
import { lineRows } from '../../pipeline/extract/rows/sources.ts';
import { extractReport } from '../../pipeline/extract/index.ts';

const p = (text: string): Block => ({ kind: 'paragraph', text });
const t = (...rows: string[][]): Block => ({ kind: 'table', rows: rows.map((r) => r.map((text) => ({ text }))) });
const doc = (...blocks: Block[]): Document => ({ format: 'txt', blocks });
const ctxOf = (...blocks: Block[]) => buildContext(doc(...blocks), 'report.txt');

describe('field readers', () => {
  it('run their strategies in order and keep the first reading, or the refusal', () => {
    const none = readField('x', {}, [{ name: 'a', read: () => null }], '未找到');
    expect(none).toMatchObject({ reading: null, reason: '未找到' });
    const refused = readField('x', {}, [{ name: 'a', read: () => ({ refused: '两种读法' }) }, { name: 'b', read: () => ({ value: 1, source: 'prose', location: '', evidence: '' }) }], '');
    expect(refused).toMatchObject({ reading: null, reason: '两种读法' });
  });

  it('unit: the label cell of the own table first, with where it stands', () => {
    const ctx = ctxOf(p('2021年度部门整体支出绩效自评表'), t(['单位名称', '某县水利局（盖章）'], ['主管部门', '某县人民政府']));
    const u = readUnit(ctx);
    expect(u.reading).toMatchObject({ value: '某县水利局', source: 'table', location: '表1 第1行', evidence: '单位名称：某县水利局（盖章）' });
    expect(readRegion(ctx, u.reading!.value).reading).toMatchObject({ value: '某县', source: 'derived' });
  });

  it('unit: a transfer form names the spending unit 资金使用单位', () => {
    const ctx = ctxOf(p('就业补助资金绩效自评表'), t(['转移支付(项目)名称', '就业补助资金'], ['资金使用单位', '某市某区人力资源和社会保障局']));
    expect(readUnit(ctx).reading?.value).toBe('某市某区人力资源和社会保障局');
    expect(readProject(ctx, 'project').reading?.value).toBe('就业补助资金');
  });

  it('unit: one cell per line, the implementer label before the title', () => {
    const ctx = ctxOf(p('某某改造经费 绩效自评表'), p('项目名称'), p('某某改造经费'), p('主管部门'), p('某市发改委'), p('实施单位'), p('某市某职业学校'));
    expect(readUnit(ctx).reading).toMatchObject({ value: '某市某职业学校', source: 'lines' });
  });

  it('unit: the portal publisher when nothing else names it', () => {
    const ctx = ctxOf(p('发布机构: 某县交通运输局 生成日期: 2025-04-07'), p('2024年度某某资金绩效自评报告'), p('一、基本情况'));
    expect(readUnit(ctx).reading).toMatchObject({ value: '某县交通运输局', source: 'metadata' });
  });

  it('fiscal year: the title, a period line under a repeated title, else the report date', () => {
    expect(readFiscalYear(ctxOf(p('2022年度项目支出绩效自评表')), null).reading).toMatchObject({ value: 2022, source: 'title' });
    const repeated = ctxOf(p('某市部门整体支出绩效评价自评报告、某市财政专项支出绩效自评报告'), p('2021-01-05 来源:某局'), p('附件1:'), p('某市部门整体支出绩效评价自评报告'), p('2019年度)'));
    expect(readFiscalYear(repeated, null).reading).toMatchObject({ value: 2019, strategy: 'period line under a title' });
    const dated = ctxOf(p('某局项目支出绩效自评表'), p('填报日期：2023年4月23日'));
    const date = readReportDate(dated);
    expect(date.reading?.value).toBe('2023-04-23');
    expect(readFiscalYear(dated, date.reading!.value).reading).toMatchObject({ value: 2022, source: 'report_date' });
  });

  it('kind: the department-wide form by its name', () => {
    expect(readKind(ctxOf(p('2021年度部门（单位）整体支出绩效自评表'))).reading?.value).toBe('department');
    expect(readKind(ctxOf(p('2021年度项目支出绩效自评表'))).reading?.value).toBe('project');
  });

  it('budget row in a run of cells: headings before the label, figures after, in 元', () => {
    const got = budgetFromCells(['项目资金(元)', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', '年度资金总额', '400000', '400000', '360000', '10', '90%', '9', '其中：当年财政拨款']);
    expect(got?.figures).toEqual({ initial: 40, fullYear: 40, actual: 36, weight: 10, rate: 90, score: 9 });
  });

  it('budget row: headings split over lines and written after the label', () => {
    const got = budgetFromCells(['年度资金总额', '年初', '预算数', '全年', '预算数', '全年', '执行数', '执行率', '100', '120', '108', '90%']);
    expect(got?.figures).toEqual({ initial: 100, fullYear: 120, actual: 108, rate: 90 });
  });

  it('money figures each under its own heading, a column read twice differently is ambiguous', () => {
    const [row] = lineRows([
      { text: '计划安排资金(万元)', offset: 0 },
      { text: '715.18', offset: 1 },
      { text: '实际支出(万元)', offset: 2 },
      { text: '565.75', offset: 3 },
    ]);
    expect(labelledMoney([row])?.figures).toEqual({ fullYear: 715.18, actual: 565.75 });
    const [twice] = lineRows([
      { text: '实际支出(万元)', offset: 0 },
      { text: '565.75', offset: 1 },
      { text: '实际支出(万元)', offset: 2 },
      { text: '600', offset: 3 },
    ]);
    expect(labelledMoney([twice])).toBeNull();
  });

  it('extractReport records each field with its source, or the reason none was stored', () => {
    const r = extractReport(doc(p('2021年度项目支出绩效自评表'), t(['项目名称', '某项目'], ['实施单位', '某县某中学'])), 'a.txt');
    const unit = r.fieldSources.find((f) => f.field === 'unit');
    expect(unit).toMatchObject({ value: '某县某中学', source: 'table' });
    const actual = r.fieldSources.find((f) => f.field === 'actual');
    expect(actual).toMatchObject({ value: null, reason: '未找到年度资金总额行，正文也未写明' });
  });

  it('reads a report in traditional characters on a simplified copy, and gives names back as written', () => {
    const r = extractReport(
      doc(
        p('2021年度項目支出績效自評表'),
        t(['項目名稱', '某某補助資金'], ['實施單位', '某縣衛生健康委員會']),
        t(['項目資金(萬元)', '年初預算數', '全年預算數', '全年執行數', '分值', '執行率', '得分'], ['年度資金總額', '100', '120', '108', '10', '90%', '9']),
      ),
      'a.txt',
    );
    expect(r.unit).toBe('某縣衛生健康委員會');
    expect(r.fiscalYear).toBe(2021);
    expect(r.kind).toBe('project');
    expect(r.budgetLines[0]).toMatchObject({ initialBudget: 100, fullYearBudget: 120, actual: 108, execRatePct: 90 });
    expect(r.text).toContain('年度資金總額');
  });

  it('reads a budget row laid out with tabs, an empty cell kept in its place', () => {
    const r = extractReport(
      doc(p('2022年度项目支出绩效自评表'), p('项目名称\t某项目'), p('项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分'), p('年度资金总额\t\t120\t108\t10\t90%\t9')),
      'a.txt',
    );
    expect(r.budgetLines[0]).toMatchObject({ initialBudget: null, fullYearBudget: 120, actual: 108, execRatePct: 90 });
  });

  it('kind: a department report named 部门绩效自评 without 整体', () => {
    expect(readKind(ctxOf(p('某县某局2022年度部门绩效自评报告'))).reading?.value).toBe('department');
    expect(readKind(ctxOf(p('某县某局2022年度部门项目绩效自评报告'))).reading?.value).toBe('project');
  });

  it('reads an indicator table continued in the next table, the 一级指标 column missing from the continuation', () => {
    const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'];
    const r = extractReport(
      doc(
        p('2022年度项目支出绩效自评表'),
        t(header, ['产出指标', '数量指标', '培训人数', '≥100人', '120人', '10', '10']),
        t(['效益指标', '社会效益指标', '满意度', '≥90%', '95%', '10', '9'], ['成本指标', '人均成本', '≤500元', '480元', '10', '10'], ['总分', '100', '95']),
      ),
      'a.txt',
    );
    expect(r.indicators.map((i) => [i.name, i.weight, i.score])).toEqual([
      ['培训人数', 10, 10],
      ['满意度', 10, 9],
      ['人均成本', 10, 10],
    ]);
    expect(r.selfScore).toBe(95);
  });
});
