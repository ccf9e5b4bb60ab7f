import { columnar, printJson, queryMasked } from '../lib/warehouse.ts';

// The unit page's data, in compact columns: every current report with its budget lines,
// indicators, flags and evidence, so one page can show any report chosen in the URL.
const reports = await queryMasked(`
  select s.report_id as id, s.unit, s.unit_key, s.region, s.fiscal_year as year, s.kind, s.project, s.file_name as file,
         s.report_date::varchar as date, s.self_score as score, s.flags, s.worst_severity as worst
  from report_summary s order by s.unit_key, s.fiscal_year`);
const lines = await queryMasked(`
  select report_id as id, project, figures_from as source, initial_budget as initial, full_year_effective as full_year, actual,
         weight, exec_rate_pct as rate, score
  from stg_budget_lines order by report_id, line_no`);
const indicators = await queryMasked(`
  select report_id as id, project, table_no as t, level1, level2, name, target_text as target, actual_text as actual,
         weight, score, deviation, location
  from stg_indicators order by report_id, table_no nulls last, row_no`);
const flags = await queryMasked(`
  select report_id as id, project, rule_id as rule, severity, subject, message, evidence, location
  from anomalies order by report_id, case severity when 'critical' then 0 when 'warning' then 1 else 2 end, rule_id`);
printJson({ reports: columnar(reports), lines: columnar(lines), indicators: columnar(indicators), flags: columnar(flags) });
