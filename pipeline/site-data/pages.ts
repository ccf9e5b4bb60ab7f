import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { columnar, type Query } from './warehouse.ts';

/**
 * What each dashboard page reads, as plain values: one function per data file.
 * They share one warehouse connection; the site's data loaders only print them.
 */

export async function overview(q: Query) {
  // The overview page: headline counts, one point per current report, the units × rules matrix.
  const [counts] = await q(`
    select
      (select count(distinct unit_key) from report_summary) as units,
      (select count(*) from report_summary) as reports,
      (select count(*) from reports where superseded_by is not null) as superseded,
      (select coalesce(sum(actual), 0) from report_summary) as actual_total,
      (select coalesce(sum(initial_budget), 0) from report_summary) as initial_total,
      (select count(*) from anomalies) as flags,
      (select count(*) from anomalies where severity = 'critical') as critical,
      (select count(*) from anomalies where severity = 'warning') as warning,
      (select count(*) from anomalies where severity = 'info') as info,
      (select count(*) from ingest_errors) as failed_files`);

  const reports = await q(`
    select
      s.report_id as id, s.unit, s.region, s.fiscal_year as year, s.kind, s.initial_budget as initial, s.actual,
      s.actual_to_initial as ratio, s.self_score as score, s.flags, s.critical_flags as critical, s.warning_flags as warning,
      s.worst_severity as worst
    from report_summary s
    order by s.critical_flags desc, s.warning_flags desc, s.flags desc, s.unit, s.report_id`);

  // the reports most in need of review, with their worst flag's message (only these carry text)
  const needReview = await q(`
    select s.report_id as id, s.unit, s.fiscal_year as year, s.worst_severity as worst, s.flags,
      (select message from anomalies a where a.report_id = s.report_id
        order by case severity when 'critical' then 0 when 'warning' then 1 else 2 end, rule_id limit 1) as worst_message
    from report_summary s where s.flags > 0
    order by s.critical_flags desc, s.warning_flags desc, s.flags desc, s.unit, s.report_id
    limit 30`);

  // units × rules for the 40 units with the most flags (a province has thousands of units)
  const matrix = await q(`
    with top_units as (
      select r.unit_key from anomalies a join reports r using (report_id)
      where r.unit_key is not null group by r.unit_key order by count(*) desc, r.unit_key limit 40
    )
    select r.unit_key, any_value(r.unit) as unit, a.rule_id as rule, count(*) as flags
    from anomalies a join reports r using (report_id)
    where r.unit_key in (select unit_key from top_units)
    group by r.unit_key, a.rule_id
    order by unit, rule`);

  return ({ counts, reports: columnar(reports), needReview, matrix: columnar(matrix) });
}

export async function anomalies(q: Query) {
  // Every flag of the current reports with the report's unit, region and year, for the anomalies page.
  const flags = await q(`
    select a.flag_key as key, a.report_id as id, r.unit, r.region, r.fiscal_year as year, a.project, a.rule_id as rule,
           a.severity, a.subject, a.measured, a.threshold, a.message, a.evidence, a.location
    from anomalies a join reports r using (report_id)
    order by case a.severity when 'critical' then 0 when 'warning' then 1 else 2 end, r.unit, a.rule_id`);
  return (columnar(flags));
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
    select run_id, started::varchar as started, status, files_seen, files_skipped, files_loaded, files_new, files_changed,
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
      count(*) filter (where exists (select 1 from budget_lines b where b.report_id = r.report_id and b.project is null)) as budget_line,
      count(*) filter (where exists (select 1 from budget_lines b where b.report_id = r.report_id and b.project is null and b.initial_budget is not null)) as initial_budget,
      count(*) filter (where exists (select 1 from budget_lines b where b.report_id = r.report_id and b.project is null and b.actual is not null)) as actual,
      count(*) filter (where exists (select 1 from indicators i where i.report_id = r.report_id)) as indicators
    from reports r where superseded_by is null`);
  const superseded = await q(`
    select r.path, r.unit, r.fiscal_year as year, c.path as replaced_by
    from reports r join reports c on c.report_id = r.superseded_by order by r.unit, r.path`);
  return ({ runs, errors, completeness, superseded });
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

/** The unit page's data for reports whose id starts with one hex digit (16 files in all). */
export async function detail(q: Query, shard: string) {
  // The unit page's data for the reports whose id starts with one hex digit (16 files in all, so a
  // page loads about 1/16 of the detail): each report with its budget lines, indicators and flags,
  // and the same unit's other reports.
  const inShard = `left(report_id, 1) = '${shard}'`;

  const reports = await q(`
    select s.report_id as id, s.unit, s.unit_key, s.region, s.fiscal_year as year, s.kind, s.project, s.file_name as file,
           s.report_date::varchar as date, s.self_score as score, s.flags, s.worst_severity as worst,
           (select to_json(list({id: o.report_id, year: o.fiscal_year, kind: o.kind, project: o.project, flags: o.flags} order by o.fiscal_year, o.report_id))
              from report_summary o where o.unit_key = s.unit_key and o.report_id <> s.report_id)::varchar as others
    from report_summary s where ${inShard.replace('report_id', 's.report_id')}`);
  const lines = await q(`
    select report_id as id, project, figures_from as source, initial_budget as initial, full_year_effective as full_year, actual,
           weight, exec_rate_pct as rate, score
    from stg_budget_lines where ${inShard} order by report_id, line_no`);
  const indicators = await q(`
    select report_id as id, project, table_no as t, level1, level2, name, target_text as target, actual_text as actual,
           weight, score, deviation, location
    from stg_indicators where ${inShard} order by report_id, table_no nulls last, row_no`);
  const flags = await q(`
    select report_id as id, project, rule_id as rule, severity, subject, message, evidence, location
    from anomalies where ${inShard}
    order by report_id, case severity when 'critical' then 0 when 'warning' then 1 else 2 end, rule_id`);
  return ({ reports: columnar(reports), lines: columnar(lines), indicators: columnar(indicators), flags: columnar(flags) });
}
