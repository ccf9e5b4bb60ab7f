import { describe, expect, it } from 'vitest';
import { flagsFor, line, report } from '../helpers/constructed.ts';

/** The tier-2 rules that compare units with each other, on constructed corpora. */

const unitNo = (i: number) => ({ unit: `第${i}镇人民政府`, unitKey: `测试县|第${i}镇人民政府` });

describe('peer_outlier', () => {
  it('flags a self-score far from its peers, not the peers', async () => {
    const reports = Array.from({ length: 10 }, (_, i) => report({ ...unitNo(i), selfScore: 90 + (i % 5) }));
    reports.push(report({ ...unitNo(99), selfScore: 60 }));
    const flags = await flagsFor('peer_outlier', reports);
    expect(flags.map((f) => f.report_id)).toEqual(['r10']);
    expect(Number(flags[0].measured)).toBeLessThan(-3.5);
  });
  it('needs enough peers', async () => {
    const reports = Array.from({ length: 5 }, (_, i) => report({ ...unitNo(i), selfScore: 90 + i }));
    reports.push(report({ ...unitNo(99), selfScore: 40 }));
    expect(await flagsFor('peer_outlier', reports)).toHaveLength(0);
  });
});

describe('benford_deviation', () => {
  const withAmounts = (values: number[]) =>
    report({
      amounts: values.map((amount, i) => ({ offset: i, label: '支出', amount, originalText: `${amount}万元`, unitWritten: '万元', comparator: null, sentence: '' })),
    });
  it('flags a unit whose figures all start with the same digit', async () => {
    const flags = await flagsFor('benford_deviation', [withAmounts(Array.from({ length: 60 }, (_, i) => 500 + i))]);
    expect(flags).toHaveLength(1);
    expect(Number(flags[0].measured)).toBeGreaterThan(0.015);
  });
  it('leaves figures that follow Benford, and too few figures, alone', async () => {
    const benford = Array.from({ length: 300 }, (_, i) => Math.round(10 ** (1 + (3 * (i + 0.5)) / 300) * 100) / 100);
    expect(await flagsFor('benford_deviation', [withAmounts(benford)])).toHaveLength(0);
    expect(await flagsFor('benford_deviation', [withAmounts(Array.from({ length: 20 }, () => 555))])).toHaveLength(0);
  });
});

describe('duplicate_text', () => {
  const copied = '本单位严格执行预算管理制度，加强项目资金监管，确保专项资金专款专用，全年未发生截留挪用资金的情况，绩效目标全部完成，群众满意度达到预期';
  it('flags a long passage two units share, not the boilerplate most units share', async () => {
    const boiler = '根据区财政局关于开展部门整体支出绩效自评工作的通知要求，本单位对照年初设定的绩效目标，从预算执行、产出和效益等方面开展了自评';
    const reports = Array.from({ length: 7 }, (_, i) =>
      report({ ...unitNo(i), budgetLines: [line({ actual: 1 })], text: `${boiler}。第${i}段自己的话。${i < 2 ? copied : ''}。` }),
    );
    const flags = await flagsFor('duplicate_text', reports);
    expect(flags.map((f) => f.report_id).sort()).toEqual(['r0', 'r1']);
    expect(String(flags[0].evidence)).toContain('专款专用');
  });
  it('ignores a passage shorter than the minimum', async () => {
    const reports = Array.from({ length: 7 }, (_, i) => report({ ...unitNo(i), text: i < 2 ? '资金专款专用，全年未发生截留挪用。' : `第${i}段。` }));
    expect(await flagsFor('duplicate_text', reports)).toHaveLength(0);
  });
});
