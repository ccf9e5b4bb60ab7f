import { describe, expect, it } from 'vitest';
import { extractReport } from '../../pipeline/extract/index.ts';
import { runOnBudget, runOnTotalScore, runOnValue, splitRunTogether } from '../../pipeline/extract/runon.ts';
import { parseTxtLayout } from '../../pipeline/read/txt.ts';
import { looksLikeReport } from '../../pipeline/ingest/ingest-file.ts';

const extract = (text: string) => extractReport({ format: 'txt', blocks: parseTxtLayout(text) }, 'report.txt');

describe('portal-flattened tables in text', () => {
  it('reads " | "-joined lines as table rows, dropping the padding cells', () => {
    const blocks = parseTxtLayout('单位名称 | 某某镇人民政府 | ||||\n基本支出总额 | 864.2万 | 项目支出总额 | 0 | |||');
    expect(blocks).toEqual([
      {
        kind: 'table',
        rows: [
          [{ text: '单位名称' }, { text: '某某镇人民政府' }],
          [{ text: '基本支出总额' }, { text: '864.2万' }, { text: '项目支出总额' }, { text: '0' }],
        ],
      },
    ]);
  });

  it('reads one cell per line between "|" lines, "||||" closing the row', () => {
    const blocks = parseTxtLayout('联系人\n|\n张三\n|\n联络电话\n|\n0000-1234567\n|\n||||||\n人员编制\n|\n19\n|\n||||');
    expect(blocks).toHaveLength(1);
    const rows = blocks[0].kind === 'table' ? blocks[0].rows.map((r) => r.map((c) => c.text)) : [];
    expect(rows).toEqual([
      ['联系人', '张三', '联络电话', '0000-1234567'],
      ['人员编制', '19'],
    ]);
  });

  it('keeps a title and label:value lines joined by bars as paragraphs', () => {
    const blocks = parseTxtLayout('2022年度项目支出绩效自评表 | 部门:某县某中学 |\n项目名称 | 营养改善 | 主管部门 | 某县教育局');
    expect(blocks.slice(0, 2)).toEqual([
      { kind: 'paragraph', text: '2022年度项目支出绩效自评表' },
      { kind: 'paragraph', text: '部门:某县某中学' },
    ]);
    expect(blocks[2].kind).toBe('table');
  });

  it('places figures by the form\'s arithmetic: at 100% one amount is both the budget and the spending', () => {
    const r = extract(
      ['单位名称 | 某某镇人民政府', '预算执行情况(万元) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率)', '部门整体支出总额 | 864.2 | 100% | 20'].join('\n'),
    );
    const line = r.budgetLines[0];
    expect(line.execRatePct).toBe(100);
    expect(line.score).toBe(20);
    // one figure for two amount columns at 100%: 执行数 = 预算数, whichever cell was left blank
    expect(line.fullYearBudget).toBe(864.2);
    expect(line.actual).toBe(864.2);
  });

  it('reads figures under a header whose row label the portal moved to its end, in 元 → 万元', () => {
    const r = extract(
      [
        '项目名称 | 某项目 | 实施单位 | 某县某中学 | 项目资金 (元)',
        '年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 年度资金总额',
        '2,026,400.00 | 2,026,400.00 | 2,026,400.00 | 10 | 100% | 10',
      ].join('\n'),
    );
    const line = r.budgetLines[0];
    expect([line.initialBudget, line.fullYearBudget, line.actual, line.execRatePct]).toEqual([202.64, 202.64, 202.64, 100]);
  });

  it('takes the score of a "总分 | weight | score" row', () => {
    const r = extract('项目名称 | 某项目 | 实施单位 | 某县某中学\n其他需要说明事项 | 无 | 总分 | 100 | 96 | 优');
    expect(r.selfScore).toBe(96);
  });
});

describe('run-on forms', () => {
  it('reads a label value up to the next form label, without a colon', () => {
    const text = '1、部门整体支出绩效自评表(2021年度)区级预算单位名称某市某区疾病预防控制中心年度预算申请(万元)年初预算数';
    expect(runOnValue(text, ['区级预算单位名称', '单位名称'])).toBe('某市某区疾病预防控制中心');
    expect(runOnValue('项目名称东津院区建设补助主管部门某市卫生健康委项目实施单位某市中心医院项目类别', ['项目实施单位'])).toBe('某市中心医院');
    // 实施单位 inside 项目实施单位 belongs to that label, which was not asked for
    expect(runOnValue('主管部门某县水利局项目实施单位某县水务站资金情况', ['实施单位'])).toBeNull();
  });

  it('splits figures run together only where the stated rate makes the split certain', () => {
    expect(splitRunTogether('10001000100%20', ['fullYear', 'actual', 'rate', 'score'])).toEqual({ fullYear: 1000, actual: 1000, rate: 100, score: 20 });
    expect(splitRunTogether('202010100.00%10', ['fullYear', 'actual', 'weight', 'rate', 'score'])).toEqual({
      fullYear: 20,
      actual: 20,
      weight: 10,
      rate: 100,
      score: 10,
    });
    expect(splitRunTogether('2456.182456.182456.1810100%10', ['initial', 'fullYear', 'actual', 'weight', 'rate', 'score'])).toMatchObject({
      initial: 2456.18,
      fullYear: 2456.18,
      actual: 2456.18,
    });
    // 1|2|3 or 12|3 … nothing fixes the split of the budget: left out
    expect(splitRunTogether('123', ['initial', 'fullYear'])?.initial).toBeUndefined();
  });

  it('reads the 年度资金总额 row with its headings before or after the label', () => {
    const before = runOnBudget('预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)年度财政资金总额10001000100%20度效标');
    expect(before).toMatchObject({ fullYearBudget: 1000, actual: 1000, execRatePct: 100, score: 20 });
    const after = runOnBudget('项目资金(万元)年度资金总额年初预算数调整预算数(A)全年执行数(B)执行率(B/A)64.864.864.8100%年度总体');
    expect(after).toMatchObject({ initialBudget: 64.8, fullYearBudget: 64.8, actual: 64.8, execRatePct: 100 });
  });

  it('reads a run-on total row "总分100100"', () => {
    expect(runOnTotalScore('满意度10≥95%≥95%10总分10096注:1.一级指标')).toBe(96);
  });

  it('trims OCR noise after a run-on unit name back to a place organisation', () => {
    const r = extract('某市本级部门项目支出绩效自评表(2021年)项目名称初中公用经费主管部门某某市教育局实施第位自评得分98');
    expect(r.unit).toBe('某某市教育局');
    expect(r.region).toBe('某某市');
  });

  it('builds a report from a one-paragraph form', () => {
    const r = extract(
      '《某文库》由会员分享。\n1、某市本级部门项目支出绩效自评表(2021年)项目名称初中公用经费主管部门某市教育局项目实施单位某市第六中学自评得分98项目资金(万元)年度资金总额年初预算数调整预算数(A)全年执行数(B)执行率(B/A)64.864.864.8100%年度总体目标',
    );
    expect(r.unit).toBe('某市第六中学');
    expect(r.fiscalYear).toBe(2021);
    expect(r.kind).toBe('project');
    expect(r.project).toBe('初中公用经费');
    expect(r.selfScore).toBe(98);
    expect(r.budgetLines[0]).toMatchObject({ initialBudget: 64.8, fullYearBudget: 64.8, actual: 64.8, execRatePct: 100 });
  });
});

describe('units, regions and allocations in prose', () => {
  it('finds the unit named right before the year it reports on', () => {
    const r = extract('一、绩效目标分解下达情况\n(一)某某县某某镇人民政府2023年度下达上级资金转移支付755.19万元。');
    expect(r.unit).toBe('某某县某某镇人民政府');
    expect(r.region).toBe('某某县');
  });

  it('does not take a fund for a government in a title, and falls back to the publishing office', () => {
    const r = extract('2023年度新增地方政府专项债券项目绩效评价情况\n信息来源:区卫生健康局\n绍兴市柯桥区某某医院建设工程');
    expect(r.unit).toBe('区卫生健康局');
    expect(r.region).toBe('绍兴市柯桥区');
  });

  it('takes a stated allocation total, and no allocation where several differ', () => {
    const total = extract('某局2024年度资金绩效自评报告\n2024年度,上级下达慈善会项目40万元;困难群众救助项目1856.95万元。共计下达转移支付资金3580.69万元。');
    expect(total.budgetLines[0].fullYearBudget).toBe(3580.69);
    const several = extract('某县2023年度水利发展资金绩效自评报告\n文件下达某县2023年中央水利发展资金2263万元。另一文件下达某县2023年资金791万元。');
    expect(several.budgetLines[0]?.fullYearBudget ?? null).toBeNull();
  });

  it('leaves actual spending out where payments are told project by project', () => {
    const r = extract('某处2022年度项目支出绩效自评报告\n1、甲项目:预算20万元,全年实际支付20万元。2、乙项目:预算1616万元,全年实际支付1616万元。');
    expect(r.budgetLines[0]?.actual ?? null).toBeNull();
  });
});

describe('looksLikeReport', () => {
  it('accepts a form flattened into one paragraph and rejects a letter or a contract', () => {
    const form = extract('资料下载\n财政支出项目绩效评价自评报告评价类型:项目实施过程评价项目名称某某经费计划安排资金(万元)实际到位资金(万元)75');
    expect(looksLikeReport({ ...form, unit: null, title: null, budgetLines: [], indicators: [] })).toBe(true);
    const letter = extract('关于做好绩效管理工作的函\n各单位：请按时报送材料，加强绩效管理。\n此致\n敬礼');
    expect(looksLikeReport(letter)).toBe(false);
    const contract = extract('房屋租赁合同\n甲方：某公司\n乙方：某某\n第一条 租金每月3000元，按季度支付。');
    expect(looksLikeReport(contract)).toBe(false);
  });
});
