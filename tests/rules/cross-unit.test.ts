import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../pipeline/extract/report.ts';
import { writeWarehouse } from '../../pipeline/jobs/model-step.ts';
import { reportColumns } from '../../pipeline/load/columns.ts';
import { openWarehouse, type PlainRow } from '../../pipeline/load/query.ts';
import { listModels } from '../../pipeline/models/run.ts';
import { ruleSettingsSchema } from '../../pipeline/models/settings.ts';
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

/** A seeded generator so the Benford test is the same on every run (mulberry32). */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('benford_deviation', () => {
  const amount = (value: number, i: number) => ({ offset: i, label: '支出', amount: value, originalText: `${value}万元`, unitWritten: '万元' as const, comparator: null, sentence: '' });
  const unitReport = (i: number, values: number[], fields = {}) =>
    report({ ...unitNo(i), region: `测试县${i}`, amounts: values.map(amount), ...fields });
  /** Amounts drawn from Benford's law: 10^u for u uniform over whole decades, distinct within a report. */
  const benfordAmounts = (random: () => number, n: number) => {
    const values = new Set<number>();
    while (values.size < n) values.add(Math.round(10 ** (1 + 4 * random()) * 100) / 100);
    return [...values];
  };

  it('flags a unit whose figures mostly start with 5, on its latest report only', async () => {
    const random = seeded(7);
    const skewed = (n: number) => Array.from({ length: n }, (_, i) => (random() < 0.5 ? 500 + i / 100 : benfordAmounts(random, 1)[0] + i / 1000));
    const flags = await flagsFor('benford_deviation', [
      unitReport(1, skewed(200), { fiscalYear: 2020 }),
      unitReport(1, skewed(200), { fiscalYear: 2021 }),
    ]);
    expect(flags.map((f) => [f.report_id, f.subject])).toEqual([['r1', '单位金额首位数字分布']]);
    expect(Number(flags[0].measured)).toBeLessThan(0.001);
    expect(String(flags[0].message)).toContain('以5开头');
  });

  it('does not test one group under 300 figures, however skewed; tests it at exactly 300', async () => {
    const fives = (n: number) => Array.from({ length: n }, (_, i) => 500 + i / 100);
    expect(await flagsFor('benford_deviation', [unitReport(1, fives(299))])).toHaveLength(0);
    expect(await flagsFor('benford_deviation', [unitReport(1, fives(300))])).toHaveLength(1);
  });

  it('counts a figure stated twice in one report once', async () => {
    const values = Array.from({ length: 150 }, (_, i) => 500 + i / 100);
    expect(await flagsFor('benford_deviation', [unitReport(1, [...values, ...values])])).toHaveLength(0);
  });

  it('pools the reports of one region-year, flagging the report that contributes most to the deviation', async () => {
    const random = seeded(11);
    const reports = Array.from({ length: 6 }, (_, i) =>
      report({ ...unitNo(i), region: '测试县', amounts: (i === 3 ? Array.from({ length: 80 }, (_, k) => 700 + k / 10) : benfordAmounts(random, 50)).map(amount) }),
    );
    const flags = await flagsFor('benford_deviation', reports);
    expect(flags.map((f) => [f.report_id, f.subject])).toEqual([['r3', '区划年度金额首位数字分布']]);
    expect(String(flags[0].message)).toContain('测试县2021年');
  });

  it('flags at most 1% of 200 units whose figures follow the law', async () => {
    const random = seeded(2026);
    const reports = Array.from({ length: 200 }, (_, i) => unitReport(i, benfordAmounts(random, 300 + Math.floor(random() * 400))));
    const flags = await flagsFor('benford_deviation', reports);
    expect(flags.length).toBeLessThanOrEqual(2);
  });
});

describe('duplicate_text', () => {
  const copied = '本单位严格执行预算管理制度，加强项目资金监管，确保专项资金专款专用，全年未发生截留挪用资金的情况，绩效目标全部完成，群众满意度达到预期';
  const copied2 = '下一步将继续加强预算绩效管理，完善绩效目标设置，提高资金使用效益，确保各项工作任务按时保质完成，切实提升财政资金使用的规范性和有效性';
  const boiler = '根据区财政局关于开展部门整体支出绩效自评工作的通知要求，本单位对照年初设定的绩效目标，从预算执行、产出和效益等方面开展了自评';
  it('flags a long passage two units share, not the boilerplate most units share', async () => {
    const reports = Array.from({ length: 7 }, (_, i) =>
      report({ ...unitNo(i), budgetLines: [line({ actual: 1 })], text: `${boiler}。第${i}段自己的话。${i < 2 ? copied : ''}。` }),
    );
    const flags = await flagsFor('duplicate_text', reports);
    expect(flags.map((f) => f.report_id).sort()).toEqual(['r0', 'r1']);
    expect(String(flags[0].evidence)).toContain('专款专用');
    expect(String(flags[0].message)).toContain('第1镇人民政府');
  });
  it('ignores a passage shorter than the minimum, and a unit repeating its own text over the years', async () => {
    const reports = Array.from({ length: 7 }, (_, i) => report({ ...unitNo(i), text: i < 2 ? '资金专款专用，全年未发生截留挪用。' : `第${i}段。` }));
    expect(await flagsFor('duplicate_text', reports)).toHaveLength(0);
    const ownYears = [2020, 2021].map((fiscalYear) => report({ ...unitNo(1), fiscalYear, text: copied }));
    expect(await flagsFor('duplicate_text', [...ownYears, ...Array.from({ length: 5 }, (_, i) => report({ ...unitNo(10 + i), text: `第${i}段。` }))])).toHaveLength(0);
  });
  it('counts exactly min_chars characters after removing whitespace, not one fewer', async () => {
    const text60 = copied.slice(0, 60);
    const spaced = text60.slice(0, 30) + '  \t ' + text60.slice(30);
    const others = Array.from({ length: 5 }, (_, i) => report({ ...unitNo(10 + i), text: `第${i}段。` }));
    expect(await flagsFor('duplicate_text', [report({ ...unitNo(1), text: text60 }), report({ ...unitNo(2), text: spaced }), ...others])).toHaveLength(2);
    const text59 = copied.slice(0, 59);
    expect(await flagsFor('duplicate_text', [report({ ...unitNo(1), text: text59 }), report({ ...unitNo(2), text: text59 }), ...others])).toHaveLength(0);
  });
  it('gives one flag per report however many units share how many passages, names up to three and the longest passage', async () => {
    // 12 of 50 units (24%, under the 30% boilerplate share) copy the same two passages
    const reports = Array.from({ length: 50 }, (_, i) =>
      report({ ...unitNo(i), text: i < 12 ? `${copied}。第${i}段。${copied2}。` : `第${i}段自己的话。` }),
    );
    const flags = await flagsFor('duplicate_text', reports);
    expect(flags).toHaveLength(12);
    expect(new Set(flags.map((f) => f.report_id)).size).toBe(12);
    for (const f of flags) {
      expect(f.measured).toBe(2);
      expect(f.measured_text).toBe('2段，11个其他单位');
      expect((String(f.message).match(/「/g) ?? []).length).toBe(3);
    }
    expect(String(flags[0].evidence)).toContain(copied2.length > copied.length ? copied2.slice(0, 20) : copied.slice(0, 20));
  });
  it('counts the other units over all shared passages, not those of the widest one', async () => {
    // unit 0 shares one passage with units 1–3 and another with units 4–5: 5 other units,
    // while its widest passage has 3; unit 1 reaches units 0, 2, 3 only
    const reports = Array.from({ length: 20 }, (_, i) =>
      report({ ...unitNo(i), text: [i <= 3 ? copied : '', i === 0 || i === 4 || i === 5 ? copied2 : '', `第${i}段自己的话。`].join('。') }),
    );
    const flags = await flagsFor('duplicate_text', reports);
    const byReport = new Map(flags.map((f) => [String(f.report_id), f]));
    expect([...byReport.keys()].sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    expect(byReport.get('r0')!.measured_text).toBe('2段，5个其他单位');
    expect(String(byReport.get('r0')!.message)).toContain('与5个其他单位的报告一字不差');
    expect(byReport.get('r1')!.measured_text).toBe('1段，3个其他单位');
    expect(byReport.get('r4')!.measured_text).toBe('1段，2个其他单位');
  });
  it('says when a shared passage names another unit', async () => {
    const named = `第1镇人民政府${copied}`;
    const others = Array.from({ length: 5 }, (_, i) => report({ ...unitNo(10 + i), text: `第${i}段。` }));
    const flags = await flagsFor('duplicate_text', [report({ ...unitNo(1), text: named }), report({ ...unitNo(2), text: named }), ...others]);
    expect(flags.map((f) => f.report_id)).toEqual(['r0', 'r1']);
    expect(String(flags[1].message)).toContain('写有「第1镇人民政府」的名称');
    expect(String(flags[0].message)).not.toContain('写有');
  });
  it('stays linear on one 3 MB report of 10,000 lines', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `${i}：${copied}${'文'.repeat(200)}`).join('\n');
    expect(lines.length).toBeGreaterThan(2_500_000);
    const others = Array.from({ length: 10 }, (_, i) => report({ ...unitNo(10 + i), text: i === 0 ? lines.slice(0, 300_000) : `第${i}段。` }));
    const flags = await flagsFor('duplicate_text', [report({ ...unitNo(1), text: lines }), ...others]);
    expect(flags.map((f) => f.report_id)).toEqual(['r0', 'r1']);
    expect(Number(flags[0].measured)).toBeGreaterThan(1000);
  });

  /**
   * The rows every operator of duplicate_text's plan produced (DuckDB's EXPLAIN ANALYZE), and the
   * flags, on a warehouse of constructed reports.
   */
  async function planRows(reports: Report[]): Promise<{ rows: number; flags: PlainRow[] }> {
    const db = join(mkdtempSync(join(tmpdir(), 'jixiao-dup-')), 'warehouse.duckdb');
    const columns = reports.map((r, i) =>
      reportColumns(
        { reportId: `r${i}`, fileName: `r${i}.txt`, path: `r${i}.txt`, format: 'txt', encoding: 'utf-8', contentHash: `r${i}`, sizeBytes: 1, fileMtime: new Date(0), parserVersion: 'test' },
        r,
        null,
      ),
    );
    await writeWarehouse(db, columns, ruleSettingsSchema.parse({}));
    const w = await openWarehouse(db);
    try {
      const variables = Object.entries(ruleSettingsSchema.parse({}).duplicate_text).filter(([key]) => key !== 'enabled');
      await w.connection.run(variables.map(([key, value]) => `set variable duplicate_text__${key} = ${Number(value)}::double`).join(';\n'));
      const model = listModels().find((m) => m.name === 'duplicate_text')!;
      const reader = await w.connection.runAndReadAll(`explain (analyze, format json) ${model.sql}`);
      let rows = 0;
      const walk = (node: { operator_cardinality?: number; children?: unknown[] }) => {
        rows += node.operator_cardinality ?? 0;
        for (const child of node.children ?? []) walk(child as typeof node);
      };
      walk(JSON.parse(String(reader.getRows()[0][1])));
      const flags = await w.query(`select * from anomalies where rule_id = 'duplicate_text' order by report_id`);
      return { rows, flags };
    } finally {
      w.close();
    }
  }

  /**
   * n units all write one passage A, and unit i also the passages C_i and C_i+1, each of which only it
   * and one neighbour write: every unit writes another set of passages around A (n sets meet at A).
   * 2.5 n other units write only their own words, so A stays under the boilerplate share.
   */
  const adversarial = (n: number) =>
    Array.from({ length: Math.round(3.5 * n) }, (_, i) =>
      report({ ...unitNo(i), text: i < n ? [copied2, `第${i}号衔接段：${copied}`, `第${i + 1}号衔接段：${copied}`].join('。') : `第${i}段自己的话。` }),
    );

  it('stays linear when many units each share another set of passages around one passage', async () => {
    const small = await planRows(adversarial(150));
    const large = await planRows(adversarial(300));
    // twice the units, twice the rows in the plan (joining every set that meets at A made 3.5 times)
    const ratio = large.rows / small.rows;
    expect(ratio).toBeGreaterThan(1.8);
    expect(ratio).toBeLessThan(2.3);
    // every unit writing A is flagged, the others reached through A counted (as at least: A is past the join's bound)
    for (const [n, run] of [[150, small], [300, large]] as const) {
      expect(run.flags).toHaveLength(n);
      const middle = run.flags.find((f) => f.report_id === 'r7')!;
      expect(middle.measured_text).toBe(`3段，至少${n - 1}个其他单位`);
      expect(String(middle.message)).toContain(`与至少${n - 1}个其他单位的报告一字不差`);
    }
  }, 300_000);
});

