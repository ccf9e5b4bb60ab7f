import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, inject, it } from 'vitest';
import { UNIT_YEARS_LATEST, writeReportFiles } from '../../pipeline/site-data/shards.ts';
import { writeSiteData } from '../../pipeline/site-data/index.ts';

/**
 * The unit page's file per report lists the unit's other reports year over year. A unit with many
 * project reports must not make every one of its files list all of them (files growing with the
 * square of the unit's reports): each lists its own series and the unit's latest reports.
 */
describe('one file per report', () => {
  it('lists the own series and the latest reports of a large unit, and counts them all', async () => {
    const work = mkdtempSync(join(tmpdir(), 'jixiao-report-files-'));
    const db = join(work, 'warehouse.duckdb');
    copyFileSync(inject('txtWarehouse'), db);
    const instance = await DuckDBInstance.create(db);
    const setup = await instance.connect();
    const [[id, unitKey]] = (await setup.runAndReadAll(
      `select report_id, unit_key from report_summary where unit_key is not null order by report_id limit 1`,
    )).getRows() as [string, string][];
    // 80 more reports of the same unit: two projects over 10 years each and 60 one-off projects
    await setup.run(`
      insert into report_summary
      select s.* replace ('zz' || lpad(k::varchar, 3, '0') as report_id, 2000 + k % 10 as fiscal_year, 'project' as kind,
                          case when k < 20 then '项目' || (k // 10) else '单次项目' || k end as project)
      from report_summary s cross join range(80) t(k) where s.report_id = '${id}'`);
    // what the page should list, worked out here: the report's own series and the unit's 30 latest
    const unit = (await setup.runAndReadAll(
      `select report_id, fiscal_year, kind, project from report_summary where unit_key = '${unitKey}'`,
    )).getRowObjects() as { report_id: string; fiscal_year: number | null; kind: string; project: string | null }[];
    const self = unit.find((u) => u.report_id === id)!;
    const series = unit.filter((u) => u.kind === self.kind && u.project === self.project).map((u) => u.report_id);
    // DuckDB orders text by code point, as < does
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const byRecency = [...unit].sort((a, b) => (b.fiscal_year ?? -1) - (a.fiscal_year ?? -1) || cmp(a.kind, b.kind)
      || cmp(a.project ?? '', b.project ?? '') || cmp(a.report_id, b.report_id));
    const expected = new Set([...series, ...byRecency.slice(0, UNIT_YEARS_LATEST).map((u) => u.report_id)]);
    const connections: DuckDBConnection[] = [setup];
    const dir = join(work, 'reports');
    try {
      await writeReportFiles(async () => {
        const c = await instance.connect();
        connections.push(c);
        return c;
      }, dir);
    } finally {
      for (const c of connections) c.closeSync();
      instance.closeSync();
    }
    const file = JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as { report: { years: string; unit_reports: number; kind: string; project: string | null } };
    const years = JSON.parse(file.report.years) as { id: string; year: number | null; kind: string; project: string | null }[];
    expect(file.report.unit_reports).toBe(81);
    expect(unit.length).toBe(81);
    expect(years.length).toBeLessThanOrEqual(series.length + UNIT_YEARS_LATEST);
    expect(new Set(years.map((y) => y.id))).toEqual(expected);
    expect(years.map((y) => y.id)).toContain(id);
    // year order, as the page shows it
    const order = years.map((y) => y.year ?? Infinity);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(readdirSync(dir).length).toBeGreaterThan(1);
  }, 120_000);
});

describe('site data under a DuckDB memory limit', () => {
  it('writes every file with the limit and spill folder it is given, and nothing is left in the spill folder', async () => {
    const work = mkdtempSync(join(tmpdir(), 'jixiao-site-limit-'));
    const dir = join(work, 'site-data');
    const spill = join(work, 'spill');
    await writeSiteData(inject('txtWarehouse'), dir, 'queries', { duckdb: { memoryLimit: '64MB', tempDirectory: spill } });
    const instance = await DuckDBInstance.create(inject('txtWarehouse'), { access_mode: 'READ_ONLY' });
    const c = await instance.connect();
    const [[reports]] = (await c.runAndReadAll('select count(*)::integer from report_summary')).getRows() as [number][];
    c.closeSync();
    instance.closeSync();
    expect(readdirSync(join(dir, 'static', 'reports')).length).toBe(reports);
    expect(readdirSync(join(dir, 'pages')).sort()).toEqual(expect.arrayContaining(['flags.json', 'overview.json', 'triage.json']));
    expect(existsSync(spill) ? readdirSync(spill) : []).toEqual([]);
  }, 120_000);

  it('refuses a limit DuckDB cannot read rather than running without one', async () => {
    const work = mkdtempSync(join(tmpdir(), 'jixiao-site-limit-'));
    await expect(writeSiteData(inject('txtWarehouse'), join(work, 'd'), 'queries', { duckdb: { memoryLimit: 'lots', tempDirectory: null } })).rejects.toThrow();
  }, 60_000);
});
