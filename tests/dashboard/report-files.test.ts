import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, inject, it } from 'vitest';
import { UNIT_YEARS_LATEST, writeFlagShards, writeReportFiles } from '../../pipeline/site-data/shards.ts';
import { SEVERITY_NAMES } from '../../pipeline/models/severity.ts';
import { writeSiteData } from '../../pipeline/site-data/index.ts';
import { TRIAGE_PAGE_ROWS, type TriageIndex } from '../../pipeline/site-data/triage.ts';
import { blocksOf, postingReader, RESULT_ROWS, searchRanks } from '../../dashboard/components/search-index.js';

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

/**
 * The 异常 page loads shards in index order until its byte budget: in rule order a large corpus
 * filled the budget with the first few rules' flags and showed none of the serious ones (10,000
 * reports: 0 of 224 严重 flags). The index lists the shards with the most serious flags first.
 */
describe('flag shards', () => {
  it('lists the shards holding the most serious flags first, each once, rule and region order kept within a severity', async () => {
    const { work, instance, setup } = await warehouseCopy('jixiao-flag-shards-');
    // many less serious flags in a rule named first, a few serious ones in a rule named last
    await setup.run(`
      insert into anomalies
      select a.* replace (md5('early' || a.flag_key || k::varchar) as flag_key, 'aaa_early_rule' as rule_id, 'info' as severity)
      from anomalies a cross join range(40) t(k)`);
    await setup.run(`
      insert into anomalies
      select a.* replace (md5('late' || a.flag_key) as flag_key, 'zzz_late_rule' as rule_id, 'critical' as severity)
      from (select * from anomalies where rule_id <> 'aaa_early_rule' order by flag_key limit 3) a`);
    const [[flags]] = (await setup.runAndReadAll(`select count(*)::integer from anomalies`)).getRows() as [number][];
    const dir = join(work, 'flags');
    let shards: Awaited<ReturnType<typeof writeFlagShards>>;
    try {
      shards = await writeFlagShards(setup, dir);
    } finally {
      setup.closeSync();
      instance.closeSync();
    }
    const rank = (s: { severities: string[] }) => Math.min(...s.severities.map((x) => (SEVERITY_NAMES as readonly string[]).indexOf(x)));
    const ranks = shards.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks[0]).toBe(0);
    expect(shards.filter((s) => s.rule === 'zzz_late_rule').every((s) => rank(s) === 0)).toBe(true);
    expect(shards.findIndex((s) => s.rule === 'zzz_late_rule')).toBeLessThan(shards.findIndex((s) => s.rule === 'aaa_early_rule'));
    // within one severity rank: the order written (rule, then region), files numbered in that order
    for (const r of new Set(ranks)) {
      const same = shards.filter((s) => rank(s) === r).map((s) => s.file);
      expect(same).toEqual([...same].sort());
    }
    // every shard once, every flag in one
    expect(shards.map((s) => s.file).sort()).toEqual(readdirSync(dir).sort());
    expect(shards.reduce((n, s) => n + s.rows, 0)).toBe(flags);
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
 * unit and project names): every file a page loads stays under 2 MB, the 单位 ranking's pages
 * together list every report exactly once, in the ranking's order, and its search index finds
 * exactly the matching reports of a query reading under 2 MB.
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

    // the search index: a bounded number of files, and a search of any of these queries finds exactly the
    // ranking rows a substring search finds, reading well under 2 MB (its keys' files, then the row blocks
    // of the first RESULT_ROWS matches)
    const search = join(dir, 'static', 'search');
    const ranking = listed.map((id, i) => ({ id, rank: i + 1 }));
    const rowsById = new Map<string, Record<string, unknown>>();
    for (const page of index.pages) {
      const { columns, rows } = JSON.parse(readFileSync(join(dir, 'static', 'triage', page.file), 'utf8')) as { columns: string[]; rows: unknown[][] };
      for (const r of rows) rowsById.set(String(r[columns.indexOf('id')]), Object.fromEntries(columns.map((c, i) => [c, r[i]])));
    }
    const s = index.search;
    const searchFiles = readdirSync(search, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(s.blocks).toBe(Math.ceil(reportIds.length / s.blockRows));
    expect(searchFiles.length).toBe(s.buckets + s.blocks + readdirSync(join(search, 'own')).length);
    expect(readdirSync(join(search, 'own')).length).toBeLessThanOrEqual(s.ownKeys * 2);
    const indexBytes = searchFiles.reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0);
    console.log(`search index at ${reportIds.length} reports: ${s.keys} keys (${s.ownKeys} with files of their own), ${s.buckets} buckets, ${s.blocks} row blocks, ${searchFiles.length} files, ${(indexBytes / 1e6).toFixed(1)} MB`);
    const far = rowsById.get(listed[listed.length - 3])!;
    const queries = [String(far.unit), String(far.unit).slice(0, 4), String(far.unit).slice(4, 7), '龙潭', '郑家驿3', '潭', String(far.region),
      '湖南省长沙市芙蓉12县 镇人民政府', `${String(far.year)}年 高标准农田`, String(far.id), '无此单位', 'x'];
    for (const q of queries) {
      let bytes = 0;
      const readJson = (path: string) => {
        const body = readFileSync(join(search, path), 'utf8');
        bytes += Buffer.byteLength(body);
        return JSON.parse(body) as unknown;
      };
      const ranks = (await searchRanks(q, postingReader(s, readJson))) ?? [];
      const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
      const want = ranking.filter(({ id }) => {
        const r = rowsById.get(id)!;
        const hay = [r.unit ?? '', r.region ?? '', r.project ?? '', r.year === null ? '' : `${String(r.year)}年`, r.id].join('\u0000').toLowerCase();
        return terms.every((t) => hay.includes(t));
      }).map((x) => x.rank);
      expect({ q, n: ranks.length, same: ranks.join() === want.join() }).toEqual({ q, n: want.length, same: true });
      for (const b of blocksOf(ranks.slice(0, RESULT_ROWS), s.blockRows)) bytes += statSync(join(search, 'rows', `${b}.json`)).size;
      console.log(`search ${JSON.stringify(q)}: ${ranks.length} matches, ${(bytes / 1e3).toFixed(0)} KB read`);
      expect({ q, under: bytes < 2_000_000 }).toEqual({ q, under: true });
    }
    // the unit far down the ranking is among its own search's matches
    const farRanks = await searchRanks(String(far.unit), postingReader(s, (p: string) => JSON.parse(readFileSync(join(search, p), 'utf8')) as unknown));
    expect(farRanks).toContain(listed.length - 2);
  }, 300_000);
});
