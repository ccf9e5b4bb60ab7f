import { describe, expect, it } from 'vitest';
import { extractReport } from '../../pipeline/extract/index.ts';
import { readDocument } from '../../pipeline/read/index.ts';

/** "total, 其中 parts" statements read from prose (tests/rules/rules.test.ts: what sum_mismatch makes of them). */

const extracted = async (body: string) => extractReport(await readDocument('report.txt', new TextEncoder().encode(body)), 'report.txt');
const prose = (text: string) => `某县某某局2022年度部门整体支出绩效自评报告\n一、基本情况\n${text}\n`;

describe('prose sum statements', () => {
  // two statements run together: the 。 between the income list and the spending sentence is missing
  const joined = '2022年收到项目资金共500.5万元，其中：省级资金300.2万元，县级资金150.1万元，社会资金50.2万元2022年支出480.3万元，其中省级资金290万元，县级资金140.1万元，社会资金50.2万元。';

  it('ends a list at the figure a second 其中 breaks down once the parts make the total', async () => {
    const report = await extracted(prose(joined));
    const sums = report.sumStatements.filter((s) => s.origin === 'prose').map((s) => [s.total, s.parts.map((p) => p.amount)]);
    expect(sums).toEqual([
      [500.5, [300.2, 150.1, 50.2]],
      [480.3, [290, 140.1, 50.2]],
    ]);
  });

  it('keeps the old reading where the parts before that figure miss the total', async () => {
    // the arithmetic cannot tell where the list ends here: the figure stays a part
    const report = await extracted(prose(joined.replace('省级资金300.2万元', '省级资金310.2万元')));
    expect(report.sumStatements.filter((s) => s.origin === 'prose').map((s) => s.parts.length)).toEqual([4, 3]);
  });

  it('keeps a part that a nested 其中 breaks down when the parts before it fall short', async () => {
    const report = await extracted(prose('2022年支出合计200万元，其中：基本支出120万元，项目支出80万元，其中专项业务费50万元。'));
    const sums = report.sumStatements.filter((s) => s.origin === 'prose').map((s) => [s.total, s.parts.map((p) => p.amount)]);
    expect(sums).toEqual([
      [200, [120, 80]],
      [80, [50]],
    ]);
  });
});
