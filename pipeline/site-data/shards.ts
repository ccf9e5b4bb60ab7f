import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { PlainRow } from '../load/query.ts';
import { FLAG_SQL, streamRows } from './flags.ts';
import { OrderedRows } from './ordered-rows.ts';
import { severityRank, severityRankSql } from '../models/severity.ts';

/**
 * The anomalies page's flags in bounded pieces: one shard per rule and region, cut at
 * SHARD_ROWS rows, plus an index the page reads first (which shard holds which rule, region,
 * severities and years, and how many bytes it is), so the page loads only what the filter needs.
 * The index lists the shards holding the most serious flags first: a page stops at its byte budget
 * in index order, and in rule order it would show only the first few rules' flags, none of the
 * serious ones of the later rules.
 * The unit page's data is one small file per report. Neither holds more than one piece in memory.
 */

const SHARD_ROWS = 1500;
const SHARD_COLUMNS = ['key', 'id', 'unit', 'region', 'year', 'kind', 'path', 'project', 'rule', 'severity', 'subject',
  'measured', 'measured_text', 'threshold', 'message', 'evidence', 'place', 'paragraph', 'text_offset',
  'status', 'deduction', 'comment', 'streak'] as const;

interface ShardEntry {
  file: string;
  rule: string;
  region: string | null;
  rows: number;
  bytes: number;
  severities: string[];
  years: (number | null)[];
  /** review statuses (待复核 / 属实 / 误报 / 已整改) of its flags, for the status filter */
  statuses: string[];
}

export async function writeFlagShards(connection: DuckDBConnection, dir: string): Promise<ShardEntry[]> {
  mkdirSync(dir, { recursive: true });
  const shards: ShardEntry[] = [];
  let rows: PlainRow[] = [];
  const flush = () => {
    if (!rows.length) return;
    const file = `${String(shards.length).padStart(5, '0')}.json`;
    const body = JSON.stringify({ columns: SHARD_COLUMNS, rows: rows.map((r) => SHARD_COLUMNS.map((c) => r[c] ?? null)) });
    writeFileSync(join(dir, file), body);
    shards.push({
      file,
      rule: String(rows[0].rule),
      region: rows[0].region === null ? null : String(rows[0].region),
      rows: rows.length,
      bytes: Buffer.byteLength(body),
      severities: [...new Set(rows.map((r) => String(r.severity)))],
      years: [...new Set(rows.map((r) => (r.year === null ? null : Number(r.year))))],
      statuses: [...new Set(rows.map((r) => String(r.status)))],
    });
    rows = [];
  };
  const sql = `select * from (${FLAG_SQL}) order by rule, region nulls last,
    ${severityRankSql('severity')}, unit, id, key`;
  for await (const chunk of streamRows(connection, sql)) {
    for (const row of chunk) {
      const last = rows[rows.length - 1];
      if (last && (last.rule !== row.rule || last.region !== row.region || rows.length >= SHARD_ROWS)) flush();
      rows.push(row);
    }
  }
  flush();
  // Array.prototype.sort is stable: within a severity, rule and region order as written
  return shards.sort((a, b) => mostSerious(a) - mostSerious(b));
}

/** The rank of the most serious severity a shard holds (0 = the most serious; unknown ones last). */
function mostSerious(shard: ShardEntry): number {
  return Math.min(...shard.severities.map(severityRank));
}

/** Reports grouped by the first hex digits of their id, about 32 reports a group, whatever the count. */
export function prefixLength(reports: number): number {
  return Math.max(1, Math.ceil(Math.log(Math.max(1, reports) / 32) / Math.log(16)));
}

/** How many of a unit's latest reports each report's file lists beside its own series (see writeReportFiles). */
export const UNIT_YEARS_LATEST = 30;

/** One JSON file per current report: header, budget lines, indicators, flags and the report's text. */
export async function writeReportFiles(connect: () => Promise<DuckDBConnection>, dir: string): Promise<number> {
  mkdirSync(dir, { recursive: true });
  // each stream needs its own connection: DuckDB runs one streaming result per connection at a time
  const stream = async (sql: string) => new OrderedRows(streamRows(await connect(), sql), (row) => String(row.id));
  const reports = await stream(`
    select s.report_id as id, s.unit, s.unit_key, s.region, s.fiscal_year as year, s.kind, s.project, s.file_name as file, r.path,
           s.report_date::varchar as date, s.self_score as score, s.flags, s.critical_flags as critical, s.warning_flags as warning,
           s.info_flags as info, s.worst_severity as worst,
           s.self_grade, s.review_score, s.review_grade, s.review_deduction, s.pending_flags as pending, s.confirmed_flags as confirmed,
           s.dismissed_flags as dismissed, s.corrected_flags as corrected, s.resolved_reviews as resolved,
           o.years::varchar as years, coalesce(o.unit_reports, 1) as unit_reports
    from report_summary s join report_files r using (report_id)
    left join (
      -- year over year, bounded whatever the unit's size (a file per report must not grow with the unit):
      -- the report's own series (same kind and project, every year) and the unit's latest reports
      with entries as (
        select unit_key, kind, project, report_id, fiscal_year,
               {id: report_id, year: fiscal_year, kind: kind, project: project, initial: initial_budget, actual: actual,
                ratio: actual_to_initial, score: self_score, review_score: review_score, flags: flags} as entry
        from report_summary where unit_key is not null
      ), latest as (
        select unit_key, entry from entries
        qualify row_number() over (partition by unit_key order by fiscal_year desc nulls last, kind, project, report_id) <= ${UNIT_YEARS_LATEST}
      ), picked as (
        select a.report_id, b.entry from entries a
        join entries b on b.unit_key = a.unit_key and b.kind = a.kind and b.project is not distinct from a.project
        union
        select a.report_id, l.entry from entries a join latest l using (unit_key)
      )
      select p.report_id, to_json(list(p.entry order by p.entry.year, p.entry.kind, p.entry.project, p.entry.id)) as years,
             any_value(n.unit_reports) as unit_reports
      from picked p join entries e using (report_id)
      join (select unit_key, count(*) as unit_reports from entries group by unit_key) n on n.unit_key = e.unit_key
      group by p.report_id
    ) o using (report_id)
    order by s.report_id`);
  const lines = await stream(`
    select report_id as id, project, figures_from as source, initial_budget as initial, full_year_effective as full_year, actual,
           weight, exec_rate_pct as rate, score
    from report_budget_lines order by report_id, line_no`);
  const indicators = await stream(`
    select report_id as id, project, table_no as t, level1, level2, name, target_text as target, actual_text as actual,
           weight, score, deviation, location
    from report_indicators order by report_id, table_no nulls last, row_no`);
  // where each headline field was read (field_sources), for the 来源 table of the unit page
  const sources = await stream(`
    select report_id as id, field, value, source, location, evidence, reason
    from report_fields where project is null order by report_id, field`);
  const flags = await stream(`select * from (${FLAG_SQL})
    order by id, ${severityRankSql('severity')}, rule, location, key`);
  // decisions on flags that no longer fire, by the report's identity (a corrected file has a new id)
  const resolved = await stream(`
    select r.report_id as id, d.status, d.deduction, d.comment, d.reviewer, d.reviewed_at::varchar as reviewed_at,
           coalesce(ru.title, d.rule_id) as rule_title, d.message
    from flag_reviews d
    join (select report_id, report_identity as identity from report_files where is_current) r on r.identity = d.report_identity
    left join rules ru on ru.rule_id = d.rule_id
    where d.is_current and d.flag_state = 'resolved' and d.status <> '待复核'
    order by r.report_id, d.reviewed_at desc, d.flag_key`);
  const texts = await stream(`select report_id as id, text from report_text order by report_id`);
  let written = 0;
  for (;;) {
    const report = await reports.next();
    if (!report) break;
    const id = String(report.id);
    const body = {
      report,
      lines: await lines.take(id),
      indicators: await indicators.take(id),
      flags: await flags.take(id),
      resolved: await resolved.take(id),
      sources: await sources.take(id),
      text: String((await texts.take(id))[0]?.text ?? ''),
    };
    writeFileSync(join(dir, `${id}.json`), JSON.stringify(body));
    written++;
  }
  return written;
}
