import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { PlainRow } from '../load/query.ts';
import { streamRows } from './flags.ts';
import { OrderedRows } from './ordered-rows.ts';
import { triageColumnsSql } from './pages.ts';
import type { TriageTerms } from './triage-terms.ts';
import { columnar } from './warehouse.ts';

/**
 * The region pages' data: an index of every region (`regions.json`, bounded by the number of regions)
 * and one file per region (`static/regions/<no>.json`) with its current reports and the units that
 * reported the year before a year but not in it. Both files are written from streams ordered by
 * region number, one region in memory at a time.
 *
 * Regions compare by containment (DESIGN.md): spellings of one county-level region — its last level
 * without the city, as unit_key takes it (株洲市渌口区 and 渌口区 → 渌口区) — are one region, named by
 * the fullest spelling, when every spelling is contained in that one (ends it). Where they are not
 * (株洲市X区 beside 长沙市X区) each spelling stays a region of its own rather than merging two places.
 */

// the region's last level without its city, as unitKeyOf (pipeline/extract/header.ts) takes it
const REGION_KEY = `coalesce(nullif(regexp_extract(region, '^.*?(?:省|市|州|盟|地区)(.{2,})$', 1), ''), region)`;

/** Every spelling of a current report's region → its region (name, number). */
const REGION_MAP_SQL = `
  with spellings as (
    select distinct region, ${REGION_KEY} as region_key from report_summary where region is not null and trim(region) <> ''
  ), keyed as (
    select region_key, arg_max(region, (length(region), region)) as fullest from spellings group by region_key
  ), contained as (
    select k.region_key, k.fullest, bool_and(ends_with(k.fullest, s.region)) as nested
    from keyed k join spellings s using (region_key) group by all
  ), named as (
    select s.region, case when c.nested then c.fullest else s.region end as name
    from spellings s join contained c using (region_key)
  )
  select region, name, dense_rank() over (order by name) as no from named`;

/** Priority and light as the 单位 page ranks reports (pages.ts triage). */
const reportRowsSql = (terms: TriageTerms) => `
  with m as (${REGION_MAP_SQL})
  select m.no, s.report_id as id, s.unit, s.unit_key, s.region, s.fiscal_year as year, s.kind, s.project,
         s.critical_flags as critical, s.warning_flags as warning, s.info_flags as info, s.flags,
         ${triageColumnsSql(terms)}
  from report_summary s join m using (region)
  order by m.no, s.fiscal_year desc nulls last, priority desc, overspend desc nulls last, s.unit, s.report_id`;

/**
 * Per region and year Y (every fiscal year of the warehouse): the units with a current report for
 * Y − 1 and none for Y, in any region spelling or kind. One row per unit, with its latest report of Y − 1.
 */
const MISSING_SQL = `
  with m as (${REGION_MAP_SQL}),
  years as (select distinct fiscal_year as year from report_summary where fiscal_year is not null),
  reported as (select distinct unit_key, fiscal_year from report_summary where unit_key is not null and fiscal_year is not null),
  last_year as (
    select m.no, s.unit_key, s.fiscal_year + 1 as year, arg_max(s.unit, (s.kind = 'department', s.report_id)) as unit,
           arg_max(s.report_id, (s.kind = 'department', s.report_id)) as last_id, count(*) as last_reports
    from report_summary s join m using (region)
    where s.unit_key is not null and s.fiscal_year is not null
    group by all
  )
  select l.no, l.year, l.unit_key, l.unit, l.last_id, l.last_reports
  from last_year l join years y using (year)
  anti join reported r on r.unit_key = l.unit_key and r.fiscal_year = l.year
  order by l.no, l.year desc, l.unit, l.unit_key`;

/** Rows of the region streams are ordered by the region's number, which the files do not carry. */
const byRegionNo = (row: PlainRow): number => Number(row.no);
const withoutNo = (rows: PlainRow[]): PlainRow[] => rows.map(({ no: _no, ...rest }) => rest);

interface RegionEntry {
  no: number;
  name: string;
  file: string;
  spellings: string[];
  reports: number;
  flagged: number;
  critical: number;
  years: number[];
}

interface RegionIndex {
  regions: RegionEntry[];
  /** the latest fiscal year of any current report */
  latestYear: number | null;
  /** current reports whose region was not read (on no region page) */
  unplaced: number;
}

/** Writes one file per region into `dir` and returns the index the pages read first. */
export async function writeRegionFiles(connect: () => Promise<DuckDBConnection>, dir: string, terms: TriageTerms): Promise<RegionIndex> {
  mkdirSync(dir, { recursive: true });
  // each stream needs its own connection: DuckDB runs one streaming result per connection at a time
  const names = await connect();
  const regions: { no: number; name: string; spellings: string[] }[] = [];
  for await (const chunk of streamRows(names, `select no, any_value(name) as name, to_json(list(region order by region))::varchar as spellings from (${REGION_MAP_SQL}) group by no order by no`)) {
    for (const r of chunk) regions.push({ no: Number(r.no), name: String(r.name), spellings: (JSON.parse(String(r.spellings)) as unknown[]).map(String) });
  }
  const reports = new OrderedRows(streamRows(await connect(), reportRowsSql(terms)), byRegionNo);
  const missing = new OrderedRows(streamRows(await connect(), MISSING_SQL), byRegionNo);
  const entries: RegionEntry[] = [];
  for (const region of regions) {
    const rows = withoutNo(await reports.take(region.no));
    const file = `${region.no}.json`;
    writeFileSync(join(dir, file), JSON.stringify({ name: region.name, spellings: region.spellings, reports: columnar(rows), missing: columnar(withoutNo(await missing.take(region.no))) }));
    entries.push({
      ...region,
      file,
      reports: rows.length,
      flagged: rows.filter((r) => Number(r.flags) > 0).length,
      critical: rows.filter((r) => Number(r.critical) > 0).length,
      years: [...new Set(rows.map((r) => r.year).filter((y) => y !== null).map(Number))].sort((a, b) => a - b),
    });
  }
  const totals = await (await connect()).runAndReadAll(`
    select max(fiscal_year), count(*) filter (where region is null or trim(region) = '') from report_summary`);
  const [latest, unplaced] = totals.getRows()[0];
  return { regions: entries, latestYear: latest === null ? null : Number(latest), unplaced: Number(unplaced) };
}
