import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, inject, it } from 'vitest';
import { UNIT_YEARS_LATEST, writeReportFiles } from '../../pipeline/site-data/shards.ts';
import { writeSiteData } from '../../pipeline/site-data/index.ts';
import { TRIAGE_PAGE_ROWS, type TriageIndex } from '../../pipeline/site-data/triage.ts';

/** A copy of the seeds' warehouse in a folder of its own, open for the test to change. */
async function warehouseCopy(prefix: string) {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const db = join(work, 'warehouse.duckdb');
  copyFileSync(inject('txtWarehouse'), db);
  const instance = await DuckDBInstance.create(db);
  return { work, db, instance, setup: await instance.connect() };
}

/**
 * The unit page's file per report lists the unit's other reports year over year. A unit with many
 * project reports must not make every one of its files list all of them (files growing with the
 * square of the unit's reports): each lists its own series and the unit's latest reports.
 */
describe('one file per report', () => {
  it('lists the own series and the latest reports of a large unit, and counts them all', async () => {
    const { work, instance, setup } = await warehouseCopy('jixiao-report-files-');
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

/**
 * The site's data at 60,000 current reports (report_summary constructed in DuckDB, with long Chinese
 * unit and project names): every file a page loads stays under 2 MB, and the 单位 ranking's pages
 * together list every report exactly once, in the ranking's order.
 */
describe('site data at 60,000 reports', () => {
  it('writes no page file of 2 MB or more and lists every report once in the ranking pages', async () => {
    const { work, db, instance, setup } = await warehouseCopy('jixiao-site-60k-');
    // 40 counties of 8 cities, 500 towns and bureaus a county, three years, department and project reports
    await setup.run(`
      create temp table places as select * from (values ('长沙'), ('株洲'), ('湘潭'), ('衡阳'), ('邵阳'), ('岳阳'), ('常德'), ('张家界')) c(city);
      insert into report_summary
      select s.* replace (
          md5('synthetic' || k::varchar)[1:16] as report_id,
          u.region || u.town || (case k % 3 when 0 then '镇人民政府' when 1 then '农业农村和水利事务服务中心' else '中心学校（含附属幼儿园及教学点）' end) as unit,
          u.region || u.town || (k % 3)::varchar as unit_key,
          u.region as region,
          2021 + (k // 20000) as fiscal_year,
          case when k % 4 = 0 then 'project' else 'department' end as kind,
          case when k % 4 = 0 then (2021 + (k // 20000))::varchar || '年度农村人居环境整治提升暨高标准农田建设配套资金项目（第' || (k % 7)::varchar || '批）' end as project,
          (k * 7919) % 4 as critical_flags, (k * 104729) % 9 as warning_flags, (k * 31) % 5 as info_flags,
          ((k * 7919) % 4) + ((k * 104729) % 9) + ((k * 31) % 5) as flags,
          100 + (k % 977) as initial_budget, 100 + (k % 1013) as actual, 60 + (k % 41) as self_score)
      from (select * from report_summary limit 1) s
      cross join range(60000) t(k)
      cross join lateral (
        select '湖南省' || p.city || '市' || ['芙蓉', '天心', '岳麓', '开福', '雨花'][1 + (k // 7) % 5] || (k % 40)::varchar || '县' as region,
               ['龙潭', '白关', '郑家驿', '漆家河', '热市', '茶庵铺', '马鬃岭', '杨溪桥'][1 + k % 8] || ((k // 3) % 500)::varchar as town
        from places p where p.city = ['长沙', '株洲', '湘潭', '衡阳', '邵阳', '岳阳', '常德', '张家界'][1 + (k % 40) % 8]
      ) u`);
    const reportIds = (await setup.runAndReadAll(`select report_id from report_summary`)).getRows().map(([r]) => String(r));
    setup.closeSync();
    instance.closeSync();
    expect(reportIds.length).toBeGreaterThan(60000);

    const dir = join(work, 'site-data');
    await writeSiteData(db, dir, 'queries');
    // every file a page loads: the data loaders' files and the fetched pieces (the full downloads are downloaded, not loaded)
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !join(e.parentPath, e.name).includes(join('static', 'downloads')))
      .map((e) => join(e.parentPath, e.name));
    expect(files.length).toBeGreaterThan(60);
    const tooLarge = files.map((f) => ({ f, bytes: statSync(f).size })).filter((x) => x.bytes >= 2_000_000);
    expect(tooLarge).toEqual([]);

    const index = JSON.parse(readFileSync(join(dir, 'pages', 'triage.json'), 'utf8')) as TriageIndex;
    expect(index.total).toBe(reportIds.length);
    expect(index.pages.length).toBe(Math.ceil(reportIds.length / TRIAGE_PAGE_ROWS));
    const listed: string[] = [];
    let previous = Infinity;
    for (const page of index.pages) {
      const body = readFileSync(join(dir, 'static', 'triage', page.file), 'utf8');
      expect(Buffer.byteLength(body)).toBe(page.bytes);
      const { columns, rows } = JSON.parse(body) as { columns: string[]; rows: unknown[][] };
      expect(rows.length).toBe(page.rows);
      expect(page.first).toBe(listed.length + 1);
      const at = (c: string) => columns.indexOf(c);
      for (const row of rows) {
        // the ranking's order carries on from one file to the next
        expect(Number(row[at('priority')])).toBeLessThanOrEqual(previous);
        previous = Number(row[at('priority')]);
        listed.push(String(row[at('id')]));
      }
    }
    expect(listed.length).toBe(reportIds.length);
    expect(new Set(listed).size).toBe(listed.length);
    expect(new Set(listed)).toEqual(new Set(reportIds));
    // a search step reads at most searchStepBytes, however many reports there are
    expect(Math.max(...index.pages.map((p) => p.bytes))).toBeLessThan(index.searchStepBytes);
  }, 300_000);
});
