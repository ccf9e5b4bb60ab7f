import { describe, expect, it } from 'vitest';
import { extractReport } from '../../pipeline/extract/index.ts';
import { findHeader, tokenize } from '../../pipeline/extract/indicators/cells.ts';
import { readRows } from '../../pipeline/extract/indicators/records.ts';
import type { Report } from '../../pipeline/extract/report.ts';
import type { Block, Document } from '../../pipeline/read/document.ts';
import { parseTxtLayout } from '../../pipeline/read/txt.ts';

/**
 * Indicator tables in the layouts portals and exports leave: cells joined by " | " with empty
 * cells dropped and rows run together, one cell per line, lines of tab-separated cells, a table
 * continued after a page break; and the readings the form's arithmetic cannot settle, which give
 * no rows and say why. Every text here is made up for the test.
 */
const fromTxt = (text: string) => extractReport({ format: 'txt', blocks: parseTxtLayout(text) }, 'x.txt');
const fromBlocks = (blocks: Block[]): Report => extractReport({ format: 'docx', blocks } as Document, 'x.docx');
const para = (text: string): Block => ({ kind: 'paragraph', text });
const table = (...rows: string[][]): Block => ({ kind: 'table', rows: rows.map((r) => r.map((text) => ({ text }))) });
const rowsOf = (r: Report) => r.indicators.map((i) => [i.level1, i.level2, i.name, i.targetText, i.actualText, i.weight, i.score, i.deviation]);
const why = (r: Report) => r.fieldSources.filter((f) => f.field === 'indicators');

const PIPE_FORM = [
  '2023年度项目支出绩效自评表',
  '| 项目名称 | 某某设备购置项目 | 主管部门 | 某县某局 | 实施单位 | 某县某中心 | 项目资金（万元） |',
  '| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 年度资金总额 |',
  '| 50 | 50 | 45 | 10 | 90% | 9 | 其中：当年财政拨款 |',
  // two header rows run into one line, the first indicator row after them
  '| 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 产出指标 | 数量指标 | 购置设备数量 | ≥ | 20 | 台 | 20 | 20 | 20 |',
  '| 质量指标 | 设备验收合格率 | = | 100 | % | 100% | 20 | 20 |',
  '| 时效指标 | 按期完成率 | ≥ | 90 | % | 80% | 10 | 8 | 供货延迟 |',
  // a row wrapped over three lines
  '| 效益指标 | 社会效益 指标 | 服务群众 |',
  '| 明显 |',
  '| 较明显 | 20 | 15 |',
  '| 满意度指标 | 服务对象满意度指标 | 使用人员满意度 | ≥ | 90 | % | 95% | 20 | 20 |',
  '| 其他需要说明事项 | 无 | 总分 | 100 | 92 | 优 |',
];

describe('indicator rows in tables that lost their shape', () => {
  it('reads " | " cells with empty cells dropped, two header rows run together and a wrapped row', () => {
    const r = fromTxt(PIPE_FORM.join('\n'));
    expect(rowsOf(r)).toEqual([
      ['产出指标', '数量指标', '购置设备数量', '≥20台', '20台', 20, 20, null],
      ['产出指标', '质量指标', '设备验收合格率', '=100%', '100%', 20, 20, null],
      ['产出指标', '时效指标', '按期完成率', '≥90%', '80%', 10, 8, '供货延迟'],
      ['效益指标', '社会效益指标', '服务群众', '明显', '较明显', 20, 15, null],
      ['满意度指标', '服务对象满意度指标', '使用人员满意度', '≥90%', '95%', 20, 20, null],
    ]);
    expect(r.indicators[2].target).toMatchObject({ comparator: '>=', number: 90, unit: '%' });
    expect(r.indicators[0].location).toBe('表1 第4行');
    expect(r.indicators[3].evidence).toBe('服务群众 | 明显 | 较明显 | 20 | 15');
    // one table, with its 总分 row
    expect(r.indicatorTables).toEqual([expect.objectContaining({ tableNo: 0, totalWeight: 100, totalScore: 92, hasTotalRow: true })]);
    expect(why(r)).toEqual([expect.objectContaining({ value: '5', source: 'table', strategy: 'indicator cells in order: table', reason: null })]);
  });

  it('stores no row when the weights read do not total the form’s, and says why', () => {
    // a weight of 30 where the form allows 20: 100 with the budget row's 10 becomes 110
    const r = fromTxt(PIPE_FORM.map((l) => l.replace('| 95% | 20 | 20 |', '| 95% | 30 | 20 |')).join('\n'));
    expect(r.indicators).toEqual([]);
    const [refusal] = why(r);
    expect(refusal.value).toBeNull();
    expect(refusal.reason).toBe('读出的分值合计100，与表的总分值100（扣除预算执行分值10）不符，可能漏行或错列');
    expect(refusal.location).toBe('表1 第4行');
  });

  it('stores no row when a row’s cells cannot be placed under the header', () => {
    // the 时效 row lost its 分值: one figure cannot be both 分值 and 得分
    const r = fromTxt(PIPE_FORM.map((l) => l.replace('| 80% | 10 | 8 | 供货延迟 |', '| 80% | 8 | 供货延迟 |')).join('\n'));
    expect(r.indicators).toEqual([]);
    expect(why(r)[0].reason).toBe('“按期完成率”起的单元格排不进表头的各列（时效指标）');
  });

  it('leaves a target or actual blank where the cells allow either, and keeps the row', () => {
    const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'].map((text) => ({ text, location: 'h' }));
    const cells = ['产出指标', '数量指标', '培训人数', '300', '50', '50', '质量指标', '合格率', '95%', '90%', '50', '45'].map((text) => ({ text, location: 'b' }));
    const h = findHeader(header)!;
    const got = readRows(tokenize(cells), h.columns, { weight: null, score: null });
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    const [first, second] = got.table.rows;
    // 300 may be the target or the actual (the other cell was left empty): neither is stored
    expect(first.cells.target).toBeUndefined();
    expect(first.cells.actual).toBeUndefined();
    expect(first.cells.weight?.value.points).toBe(50);
    expect(second.cells.target?.value.text).toBe('95%');
    expect(second.cells.actual?.value.text).toBe('90%');
  });

  it('never places a score above its weight', () => {
    const header = ['三级指标', '指标值', '实际完成值', '分值', '得分'].map((text) => ({ text, location: 'h' }));
    // 10 | 20 in order can only be 分值 10, 得分 20: the form rules it out, and the row is not read
    const cells = ['完成率', '100%', '10', '20'].map((text) => ({ text, location: 'b' }));
    const got = readRows(tokenize(cells), findHeader(header)!.columns, { weight: 10, score: 10 });
    expect(got.ok).toBe(false);
    const ok = readRows(tokenize(['完成率', '100%', '90%', '20', '10', '及时率', '100%', '100%', '70', '70'].map((text) => ({ text, location: 'b' }))), findHeader(header)!.columns, {
      weight: 10,
      score: 10,
    });
    expect(ok.ok && ok.table.rows.map((x) => [x.cells.weight?.value.points, x.cells.score?.value.points])).toEqual([
      [20, 10],
      [70, 70],
    ]);
  });

  it('goes on in the next table after a page break, but not across prose', () => {
    const first = [
      '某县道路维修项目绩效自评表',
      '| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 产出指标 | 数量指标 | 维修道路 | 10公里 | 10公里 | 30 | 30 |',
      '| 质量指标 | 验收合格率 | 100% | 100% | 30 |',
    ];
    const second = ['| 30 | 效益指标 | 社会效益指标 | 群众出行便利 | 明显 | 明显 | 20 | 20 |', '| 满意度指标 | 群众满意度 | 90% | 93% | 10 | 10 |', '| 总分 | 100 | 100 |'];
    const r = fromTxt([...first, '第 2 页', ...second].join('\n'));
    expect(r.indicators.map((i) => [i.name, i.targetText, i.actualText, i.weight, i.score])).toEqual([
      ['维修道路', '10公里', '10公里', 30, 30],
      ['验收合格率', '100%', '100%', 30, 30],
      ['群众出行便利', '明显', '明显', 20, 20],
      ['群众满意度', '90%', '93%', 10, 10],
    ]);
    expect(r.indicators[3].location).toBe('表2 第2行');
    expect(r.indicatorTables).toEqual([expect.objectContaining({ tableNo: 0, totalWeight: 100, totalScore: 100 })]);
    // prose between the parts: the first part alone lacks a 得分 and is not read
    const apart = fromTxt([...first, '二、项目实施情况：本年度完成了全部维修任务，群众反映良好。', ...second].join('\n'));
    expect(apart.indicators.filter((i) => i.tableNo === 0)).toEqual([]);
    expect(why(apart).some((w) => w.reason !== null && w.location === '表1 第1行')).toBe(true);
  });
});

describe('indicator rows printed as lines', () => {
  it('reads a table printed one cell per line, headings split over lines and template rows left empty', () => {
    const lines = [
      '某县职业技能培训项目绩效自评表',
      '一级指标', '二级指标', '三级指标', '年度', '指标值', '实际', '完成值', '分值', '得分', '偏差原因分析及改进措施',
      '产出指标', '数量指标', '指标1培训人数', '500', '520', '30', '30', '指标2', '……',
      // a page break inside the table
      '第 1 页 / 共 2 页',
      '质量指标', '指标1培训合格率', '95%', '92%', '20', '18', '部分学员未通过考核，下一期加强辅导。',
      '效益指标', '社会效益', '指标', '指标1就业率', '60%', '65%', '20', '20',
      '满意度', '指标', '服务对象满意度指标', '指标1学员满意度', '90%', '96%', '20', '20',
      '总分', '100', '98',
    ];
    const r = fromTxt(lines.join('\n'));
    expect(rowsOf(r)).toEqual([
      ['产出指标', '数量指标', '培训人数', '500', '520', 30, 30, null],
      ['产出指标', '质量指标', '培训合格率', '95%', '92%', 20, 18, '部分学员未通过考核，下一期加强辅导。'],
      ['效益指标', '社会效益指标', '就业率', '60%', '65%', 20, 20, null],
      ['满意度指标', '服务对象满意度指标', '学员满意度', '90%', '96%', 20, 20, null],
    ]);
    expect(r.indicators[1].location).toBe('正文第23段（逐行表格）');
    expect(why(r)).toEqual([expect.objectContaining({ value: '4', source: 'lines' })]);
  });

  it('reads lines of tab-separated cells, and stops where the prose after the table begins', () => {
    const r = fromBlocks([
      para('某镇环境整治项目绩效自评表'),
      para('一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值\t得分'),
      para('产出指标\t数量指标\t清理垃圾点\t≥40个\t45个\t40\t40'),
      para('\t时效指标\t完成及时率\t100%\t95%\t20\t19'),
      para('效益指标\t生态效益指标\t村容改善\t明显\t明显\t20\t20'),
      para('满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t97%\t10\t10'),
      para('下一步我镇将继续巩固整治成果'),
    ]);
    expect(rowsOf(r)).toEqual([
      ['产出指标', '数量指标', '清理垃圾点', '≥40个', '45个', 40, 40, null],
      ['产出指标', '时效指标', '完成及时率', '100%', '95%', 20, 19, null],
      ['效益指标', '生态效益指标', '村容改善', '明显', '明显', 20, 20, null],
      ['满意度指标', '服务对象满意度指标', '群众满意度', '≥90%', '97%', 10, 10, null],
    ]);
    expect(r.indicatorTables[0].hasTotalRow).toBe(false);
    expect(why(r)[0].evidence).toMatch(/表后1个单元格不属于表/);
  });

  it('reads a table run together in one paragraph where the figures allow one cut only', () => {
    const r = fromBlocks([
      para('某县乡村道路项目绩效自评表'),
      para(
        '绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分偏差原因分析及改进措施产出指标(60分)数量指标硬化道路长度20≥5公里≥5公里20' +
          '质量指标工程验收合格率20100%100%20成本指标道路建设投资1050万元50万元10时效指标按期完工率10≥95%≥95%10' +
          '效益指标(30分)社会效益指标群众出行条件改善20明显改善明显改善20可持续影响指标道路使用年限10≥10年≥10年10' +
          '满意度指标(10分)服务对象满意度指标沿线群众满意度10≥90%≥90%10……总分100100注：各项得分不超过分值',
      ),
    ]);
    expect(rowsOf(r)).toEqual([
      ['产出指标', '数量指标', '硬化道路长度', '≥5公里', '≥5公里', 20, 20, null],
      ['产出指标', '质量指标', '工程验收合格率', '100%', '100%', 20, 20, null],
      // 1050万元: 分值 10 and 50万元 (a 分值 of 1 would leave 050万元, a figure with a leading zero)
      ['产出指标', '成本指标', '道路建设投资', '50万元', '50万元', 10, 10, null],
      ['产出指标', '时效指标', '按期完工率', '≥95%', '≥95%', 10, 10, null],
      ['效益指标', '社会效益指标', '群众出行条件改善', '明显改善', '明显改善', 20, 20, null],
      ['效益指标', '可持续影响指标', '道路使用年限', '≥10年', '≥10年', 10, 10, null],
      ['满意度指标', '服务对象满意度指标', '沿线群众满意度', '≥90%', '≥90%', 10, 10, null],
    ]);
    expect(r.indicators[0].level1WeightStated).toBe(60);
    expect(r.indicatorTables).toEqual([expect.objectContaining({ totalWeight: 100, totalScore: 100, hasTotalRow: true })]);
    expect(why(r)).toEqual([expect.objectContaining({ value: '7', source: 'runon', location: '正文第2段（表格文本）' })]);
  });

  it('reads no row from a run-together table whose names are followed by text, or whose rows that lost points run into the next', () => {
    const textFirst = fromBlocks([
      para('某县某项目绩效自评表'),
      para('绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分产出指标数量指标培训人数500人520人3030质量指标合格率95%92%2018效益指标社会效益指标就业率60%65%2020满意度指标学员满意度90%96%2020'),
    ]);
    expect(textFirst.indicators).toEqual([]);
    expect(why(textFirst)).toEqual([expect.objectContaining({ value: null, reason: expect.stringMatching(/名称在何处结束无法确定/) })]);
    const lost = fromBlocks([
      para('某县某项目绩效自评表'),
      para('一级指标二级指标三级指标分值年度指标值全年实际值得分偏差原因分析及改进措施产出指标数量指标培训人数30≥500人450人27学员报名不足下一期提前宣传合格率30≥95%95%30效益指标社会效益指标就业率30≥60%65%30总分9087'),
    ]);
    expect(lost.indicators).toEqual([]);
    expect(why(lost)[0].reason).toMatch(/“培训人数”失分，其后的偏差原因与下一行的名称无法分开/);
  });

  it('finds the header of a table printed as lines only where its headings stand together', () => {
    const cells = ['二级指标', '说明', '三级指标', '分值', '得分'].map((text) => ({ text, location: '' }));
    expect(findHeader(cells)).toBeNull();
    const two = ['年度指标值', '实际完成值', '分值', '得分', '一级指标', '二级指标', '三级指标', '指标值'].map((text) => ({ text, location: '' }));
    // two header rows run together: the form's order
    expect(findHeader(two)?.columns).toEqual(['level1', 'level2', 'name', 'target', 'actual', 'weight', 'score']);
  });
});

describe('rows of a table that lost merged cells', () => {
  it('places a short row by its level heading, or under the name where its figure cells were merged away', () => {
    const r = fromBlocks([
      para('某馆项目自评表'),
      table(
        ['年度绩效目标(80分)', '一级指标', '二级指标', '三级指标', '年初目标值(A)', '实际完成值(B)', '得分'],
        ['产出指标(40分)', '数量指标', '采购图书', '2000册', '2100册', '20'],
        // the 得分 cell is merged with the row above: the row starts under the name
        ['开放阅览室', '3间', '3间'],
        // a level heading opens the row: it starts under 二级指标
        ['质量指标', '图书验收合格率', '100%', '100%', '20'],
        // the rest of a name printed over two rows: not an indicator
        ['（含电子图书）'],
        ['效益指标(40分)', '社会效益', '服务读者人次', '≥5万人次', '6万人次', '40'],
        ['总分', '100'],
      ),
    ]);
    expect(r.indicators.map((i) => [i.level1, i.level2, i.name, i.targetText, i.actualText, i.score])).toEqual([
      ['产出指标', '数量指标', '采购图书', '2000册', '2100册', 20],
      ['产出指标', '数量指标', '开放阅览室', '3间', '3间', null],
      ['产出指标', '质量指标', '图书验收合格率', '100%', '100%', 20],
      ['效益指标', '社会效益', '服务读者人次', '≥5万人次', '6万人次', 40],
    ]);
  });
});
