import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { columnar, type Query } from './warehouse.ts';
import { severityRankSql } from '../models/severity.ts';
import { lightSql, prioritySql, summaryCounts, type TriageTerms } from './triage-terms.ts';

/**
 * What each dashboard page reads, as plain values: one function per data file.
 * They share one warehouse connection; the site's data loaders only print them.
 */

/** Reports drawn in the overview's scatters at most (about 130 bytes each in overview.json). */
export const OVERVIEW_POINTS = 8000;

export async function overview(q: Query, terms: TriageTerms) {
  // The overview page: headline counts, one point per current report, the units × rules matrix.
  const [counts] = await q(`
    select
      (select count(distinct unit_key) from report_summary) as units,
      (select count(*) from report_summary) as reports,
      (select count(*) from report_files where not is_current) as superseded,
      (select count(*) from anomalies) as flags,
      (select count(*) from anomalies where severity = 'critical') as critical,
      (select count(*) from anomalies where severity = 'warning') as warning,
      (select count(*) from anomalies where severity = 'info') as info,
      (select count(*) from ingest_errors) as failed_files`);

  // spending and budget of one set of reports: the latest year's department reports stating both
  // (summing every year and kind, or each figure over its own reports, reads as an overspend)
  const [spending] = await q(`
    with latest as (select max(fiscal_year) as year from report_summary where kind = 'department')
    select (select year from latest) as year, count(*) as reports,
           coalesce(sum(actual), 0) as actual_total, coalesce(sum(initial_budget), 0) as initial_total
    from report_summary
    where kind = 'department' and fiscal_year = (select year from latest) and actual is not null and initial_budget is not null`);

  // the scatters' points: every current report up to OVERVIEW_POINTS, else that many drawn evenly by a
  // hash of the id (the same ones at every build), so overview.json stays about 1 MB at any count
  const reports = await q(`
    select
      s.report_id as id, s.unit, s.year, s.initial, s.actual, s.score, s.flags, s.worst
    from (select report_id, unit, fiscal_year as year, initial_budget as initial, actual, self_score as score, flags,
                 worst_severity as worst, critical_flags, warning_flags from report_summary
          order by hash(report_id), report_id limit ${OVERVIEW_POINTS}) s
    order by s.critical_flags desc, s.warning_flags desc, s.flags desc, s.unit, s.report_id`);

  // the 30 reports first in the ranking of the 单位 page (same order), with the counts it is ordered by
  const needReview = await q(`
    select s.report_id as id, s.unit, s.region, s.fiscal_year as year, s.critical_flags as critical, s.warning_flags as warning,
      s.info_flags as info,
      ${lightSql(terms, summaryCounts)} as light,
      (select message from anomalies a where a.report_id = s.report_id
        order by ${severityRankSql('severity')}, rule_id limit 1) as worst_message
    from report_summary s where s.flags > 0
    order by ${prioritySql(terms, summaryCounts)} desc,
      case when s.actual > s.initial_budget then s.actual - s.initial_budget end desc nulls last, s.unit, s.report_id
    limit 30`);

  // units × rules for the 40 units with the most flags (a province has thousands of units)
  const matrix = await q(`
    with top_units as (
      select r.unit_key from anomalies a join report_summary r using (report_id)
      where r.unit_key is not null group by r.unit_key order by count(*) desc, r.unit_key limit 40
    )
    select r.unit_key, any_value(r.unit) as unit, a.rule_id as rule, any_value(ru.title) as title, count(*) as flags
    from anomalies a join report_summary r using (report_id) left join rules ru on ru.rule_id = a.rule_id
    where r.unit_key in (select unit_key from top_units)
    group by r.unit_key, a.rule_id
    order by unit, rule`);

  // review progress: flags by current decision, and the reports with the most flags still undecided
  const reviewCounts = await q(`
    select review_status as status, count(*) as flags, count(distinct report_id) as reports
    from anomalies group by review_status
    order by case review_status when '待复核' then 0 when '属实' then 1 when '已整改' then 2 else 3 end`);
  const toReview = await q(`
    with pending as (
      select report_id,
             count(*) filter (where severity = 'critical') as critical,
             count(*) filter (where severity = 'warning') as warning,
             count(*) filter (where severity = 'info') as info
      from anomalies where review_status = '待复核' group by report_id
    )
    select s.report_id as id, s.unit, s.fiscal_year as year, s.flags, s.pending_flags as pending,
           p.critical, p.warning, p.info, s.self_score as score, s.review_score
    from pending p join report_summary s using (report_id)
    order by ${prioritySql(terms, (severity) => `p.${severity}`)} desc, s.unit, s.report_id
    limit 30`);
  // flags by region and year (bounded by regions × years, not by flags)
  const regionYears = await q(`
    select r.region, r.fiscal_year as year, count(*) as flags, count(distinct a.report_id) as reports
    from anomalies a join report_summary r using (report_id)
    group by r.region, r.fiscal_year
    order by r.region nulls last, r.fiscal_year nulls last`);

  // when the data is from: the build that made this warehouse
  const [built] = await q(`select max(finished)::varchar as finished from runs where status = 'ok'`);

  return { counts, spending, built: built?.finished ?? null, reports: columnar(reports), needReview, matrix: columnar(matrix), reviewCounts, toReview, regionYears: columnar(regionYears) };
}

export async function rules(q: Query) {
  // The rule catalog with current thresholds and how many reports each flags.
  return (await q(`
    select rule_id, tier, title, default_severity, severity_zh, enabled, settings, default_parameters, meaning, meaning_zh, doc, reports_flagged, flags,
           (select count(*) filter (where severity = 'critical') from anomalies a where a.rule_id = r.rule_id) as critical,
           (select count(*) filter (where severity = 'warning') from anomalies a where a.rule_id = r.rule_id) as warning,
           (select count(*) filter (where severity = 'info') from anomalies a where a.rule_id = r.rule_id) as info
    from rules r order by tier, rule_id`));
}

export async function quality(q: Query) {
  // Data quality: the runs, the files that failed and why, and how complete the extracted fields are.
  const runs = await q(`
    select run_id, started::varchar as started, finished::varchar as finished, status, files_seen, files_skipped, files_loaded, files_new, files_changed,
           files_removed, files_superseded, files_failed, seconds, message
    from runs order by started desc limit 30`);
  const errors = await q(`select path, code, message from ingest_errors order by code, path`);
  const [completeness] = await q(`
    select
      count(*) as reports,
      count(unit) as unit,
      count(region) as region,
      count(fiscal_year) as fiscal_year,
      count(fiscal_year) filter (where fiscal_year_source = 'text') as fiscal_year_from_text,
      count(report_date) as report_date,
      count(self_score) as self_score,
      count(*) filter (where has_budget_line) as budget_line,
      count(*) filter (where has_initial_budget) as initial_budget,
      count(*) filter (where has_actual) as actual,
      count(*) filter (where has_indicators) as indicators
    from report_completeness`);
  // per report: which of the fields above were not read (only reports missing something), most missing first
  const missing = await q(`
    with f as (
      select r.report_id as id, r.unit, r.region, r.fiscal_year as year,
        list_filter([
          case when r.unit is null then '单位名称' end, case when r.region is null then '区划' end,
          case when r.fiscal_year is null then '评价年度' end, case when r.report_date is null then '填报日期' end,
          case when r.self_score is null then '自评总分' end,
          case when not r.has_budget_line then '年度资金总额' end,
          case when not r.has_initial_budget then '年初预算' end,
          case when not r.has_actual then '实际支出' end,
          case when not r.has_indicators then '绩效指标' end
        ], x -> x is not null) as missing
      from report_completeness r
    )
    select id, unit, region, year, array_to_string(missing, '、') as missing, len(missing) as n from f where len(missing) > 0
    order by n desc, unit, id`);
  const superseded = await q(`
    select path, unit, fiscal_year as year, superseded_by_path as replaced_by
    from report_files where superseded_by is not null order by unit, path`);
  // per field: how many current reports have it, and from which kind of source (field_sources)
  const fieldSources = await q(`
    select f.field, coalesce(f.source, '') as source, count(*) as reports
    from report_fields f
    where f.project is null and f.value is not null
    group by all order by f.field, reports desc`);
  // per file: the fields that could not be read and why (bounded; the warehouse holds them all)
  const unread = await q(`
    select f.path, f.field, f.reason, f.location
    from report_fields f
    where f.value is null and f.reason is not null and f.field not in ('project')
    order by f.path, f.field limit 2000`);
  const [{ unread_total }] = await q(`
    select count(*) as unread_total from report_fields f
    where f.value is null and f.reason is not null and f.field not in ('project')`);
  // files per format: loaded (a file inside a zip counts under its own format) and failed, by extension
  const formats = await q(`
    with loaded as (select format, count(*) as loaded from report_files group by all),
         failed as (select coalesce(nullif(lower(regexp_extract(path, '\\.([A-Za-z0-9]+)$', 1)), ''), '(无扩展名)') as format, count(*) as failed from ingest_errors group by all)
    select format, coalesce(loaded, 0) as loaded, coalesce(failed, 0) as failed
    from loaded full join failed using (format) order by coalesce(loaded, 0) + coalesce(failed, 0) desc, format`);
  return ({ runs, errors, completeness, superseded, fieldSources, unread, unreadTotal: unread_total, formats, missing: columnar(missing) });
}

export async function schema(q: Query, queriesDir = 'queries') {
  // The SQL guide: every warehouse table and column with its comment, and the saved queries.
  const tables = await q(`
    select t.table_name as name, t.comment, (select count(*) from duckdb_columns() c where c.table_name = t.table_name) as columns
    from duckdb_tables() t where t.schema_name = 'main' order by t.table_name`);
  const columns = await q(`
    select table_name as "table", column_name as name, data_type as type, comment
    from duckdb_columns() where schema_name = 'main' and table_name in (select table_name from duckdb_tables())
    order by table_name, column_index`);
  const dir = queriesDir;
  const queries = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.sql'))
        .sort()
        .map((f) => ({ name: basename(f, '.sql'), sql: readFileSync(join(dir, f), 'utf8') }))
    : [];
  return ({ tables, columns, queries });
}

/** The triage columns of a `report_summary s` row, shared by the 单位 ranking (triage.ts) and the region files. */
export const triageColumnsSql = (terms: TriageTerms) => `
  case when s.actual > s.initial_budget and s.initial_budget is not null then round(s.actual - s.initial_budget, 2) end as overspend,
  s.self_score as score,
  case when s.self_score >= 90 then '优' when s.self_score >= 80 then '良' when s.self_score >= 60 then '中'
       when s.self_score is not null then '差' end as grade,
  ${prioritySql(terms, summaryCounts)} as priority,
  ${lightSql(terms, summaryCounts)} as light`;
