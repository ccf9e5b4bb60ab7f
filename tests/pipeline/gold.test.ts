import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWarehouse, type PlainRow, type Warehouse } from '../../pipeline/load/query.ts';
import { loadGold, squashAll, type GoldReport } from '../helpers/gold.ts';

/**
 * Every field gold/seeds.json states, compared with the warehouse built from the
 * .txt seeds and, separately, from the .docx samples.
 */

const gold = loadGold();
const accuracy = new Map<string, { right: number; total: number }>();
const tally = (field: string, ok: boolean) => {
  const a = accuracy.get(field) ?? { right: 0, total: 0 };
  a.total++;
  if (ok) a.right++;
  accuracy.set(field, a);
};

const close = (a: unknown, b: number | null | undefined) =>
  b === null || b === undefined ? a === null : typeof a === 'number' && Math.abs(a - b) < 0.005;

interface Mismatch {
  field: string;
  expected: unknown;
  got: unknown;
}

async function compare(w: Warehouse, g: GoldReport, fileName: string): Promise<Mismatch[]> {
  const out: Mismatch[] = [];
  const check = (field: string, ok: boolean, expected: unknown, got: unknown) => {
    tally(field, ok);
    if (!ok) out.push({ field, expected, got });
  };
  const [report] = await w.query(`select * from reports where file_name = '${fileName}'`);
  if (!report) return [{ field: 'report', expected: fileName, got: null }];
  const id = report.report_id;
  check('unit', report.unit === g.unit, g.unit, report.unit);
  check('region', report.region === g.region, g.region, report.region);
  check('fiscal_year', report.fiscal_year === g.fiscal_year, g.fiscal_year, report.fiscal_year);
  check('kind', report.kind === g.kind, g.kind, report.kind);
  check('self_score', close(report.self_score, g.self_score), g.self_score, report.self_score);
  if (g.report_date) check('report_date', String(report.report_date).startsWith(g.report_date), g.report_date, report.report_date);

  const lines = await w.query(`select * from budget_lines where report_id = '${id}' order by line_no`);
  const compareBudget = (label: string, line: PlainRow | undefined, b: GoldReport['budget']) => {
    const pairs: [string, string, number | null | undefined][] = [
      ['initial', 'initial_budget', b.initial],
      ['full_year', 'full_year_budget', b.full_year],
      ['actual', 'actual', b.actual],
      ['weight', 'weight', b.weight],
      ['exec_rate_pct', 'exec_rate_pct', b.exec_rate_pct],
      ['score', 'score', b.score],
    ];
    if (b.adjustment !== undefined) pairs.push(['adjustment', 'adjustment', b.adjustment]);
    for (const [goldKey, column, expected] of pairs) {
      const got = line?.[column] ?? null;
      check(`${label}.${goldKey}`, close(got, expected), expected, got);
    }
  };
  const own = lines.filter((l) => l.project === null);
  check('budget.own_lines', own.length === 1, 1, own.length);
  compareBudget('budget', own[0], g.budget);

  const funding = await w.query(`select source_key, sum(amount) as amount from funding where report_id = '${id}' and project is null group by all`);
  for (const [key, amount] of Object.entries(g.funding)) {
    const got = funding.find((f) => f.source_key === key)?.amount ?? (amount === 0 ? 0 : null);
    check('funding', close(got, amount), `${key} ${amount}`, got);
  }
  const spending = await w.query(`select nature, sum(amount) as amount from spending where report_id = '${id}' and project is null group by all`);
  for (const [nature, amount] of Object.entries(g.spending)) {
    const got = spending.find((s) => s.nature === nature)?.amount ?? null;
    check('spending', close(got, amount), `${nature} ${amount}`, got);
  }

  const indicators = await w.query(
    `select * from indicators where report_id = '${id}' and source = 'table' and project is null order by table_no, row_no`,
  );
  const compareRow = (label: string, got: PlainRow | undefined, expected: NonNullable<GoldReport['indicators']>[number]) => {
    const ok =
      !!got &&
      got.level1 === expected.level1 &&
      got.level2 === expected.level2 &&
      squashAll(String(got.name)) === squashAll(expected.name) &&
      squashAll(String(got.target_text)) === squashAll(expected.target) &&
      squashAll(String(got.actual_text)) === squashAll(expected.actual) &&
      close(got.weight, expected.weight) &&
      close(got.score, expected.score) &&
      squashAll(got.deviation as string | null) === squashAll(expected.deviation);
    check(label, ok, expected, got && { ...got, evidence: undefined, location: undefined });
  };
  if (g.indicators) {
    check('indicators.count', indicators.length === g.indicators.length, g.indicators.length, indicators.length);
    g.indicators.forEach((expected, i) => compareRow('indicators.row', indicators[i], expected));
  }
  if (g.indicators_count !== undefined) check('indicators.count', indicators.length === g.indicators_count, g.indicators_count, indicators.length);
  if (g.indicators_first) compareRow('indicators.row', indicators[0], g.indicators_first);

  for (const p of g.projects ?? []) {
    const line = lines.find((l) => l.project === p.name);
    check('projects.found', !!line, p.name, lines.map((l) => l.project));
    compareBudget('projects.budget', line, p.budget);
    const rows = await w.query(
      `select * from indicators where report_id = '${id}' and project = '${p.name.replace(/'/g, "''")}' order by table_no, row_no`,
    );
    check('projects.indicators_count', rows.length === p.indicators_count, p.indicators_count, rows.length);
    const quantity = rows.find((r) => r.level2 === '数量指标');
    check('projects.quantity_target', squashAll(String(quantity?.target_text)) === squashAll(p.quantity_target), p.quantity_target, quantity?.target_text);
  }
  return out;
}

for (const format of ['txt', 'docx'] as const) {
  describe(`gold fields from the .${format} samples`, () => {
    let w: Warehouse;
    beforeAll(async () => {
      const path = inject(format === 'txt' ? 'txtWarehouse' : 'docxWarehouse');
      if (!path) throw new Error(`no .${format} sample warehouse: run npm run samples`);
      w = await openWarehouse(path);
    });
    afterAll(() => w?.close());

    it('loads all five reports and no errors', async () => {
      const [{ n }] = await w.query('select count(*) as n from reports');
      const errors = await w.query('select * from ingest_errors');
      expect(errors).toEqual([]);
      expect(n).toBe(gold.length);
    });

    for (const g of gold) {
      it(`${g.file.slice(0, 3)} ${g.unit}: every stated field`, async () => {
        const fileName = `${basename(g.file, '.txt')}.${format}`;
        expect(await compare(w, g, fileName)).toEqual([]);
      });
    }
  });
}

afterAll(() => {
  const rows = [...accuracy.entries()].map(([field, a]) => `${field.padEnd(28)} ${String(a.right).padStart(4)}/${String(a.total).padEnd(4)} ${((100 * a.right) / a.total).toFixed(1)}%`);
  console.log(`\nField accuracy against gold/seeds.json (.txt and .docx together)\n${rows.join('\n')}\n`);
});
