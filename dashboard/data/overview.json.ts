import { columnar, printJson, queryMasked } from '../lib/warehouse.ts';

// The overview page: headline counts, one point per current report, the units × rules matrix.
const [counts] = await queryMasked(`
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

const reports = await queryMasked(`
  select
    s.report_id as id, s.unit, s.region, s.fiscal_year as year, s.kind, s.initial_budget as initial, s.actual,
    s.actual_to_initial as ratio, s.self_score as score, s.flags, s.critical_flags as critical, s.warning_flags as warning,
    s.worst_severity as worst,
    (select message from anomalies a where a.report_id = s.report_id
      order by case severity when 'critical' then 0 when 'warning' then 1 else 2 end, rule_id limit 1) as worst_message
  from report_summary s
  order by s.critical_flags desc, s.warning_flags desc, s.flags desc, s.unit`);

const matrix = await queryMasked(`
  select r.unit_key, any_value(r.unit) as unit, a.rule_id as rule, count(*) as flags
  from anomalies a join reports r using (report_id)
  group by r.unit_key, a.rule_id
  order by unit, rule`);

printJson({ counts, reports: columnar(reports), matrix: columnar(matrix) });
