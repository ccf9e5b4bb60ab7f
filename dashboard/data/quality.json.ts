import { printJson, queryMasked } from '../lib/warehouse.ts';

// Data quality: the runs, the files that failed and why, and how complete the extracted fields are.
const runs = await queryMasked(`
  select run_id, started::varchar as started, status, files_seen, files_skipped, files_loaded, files_new, files_changed,
         files_removed, files_superseded, files_failed, seconds, message
  from runs order by started desc limit 30`);
const errors = await queryMasked(`select path, code, message from ingest_errors order by code, path`);
const [completeness] = await queryMasked(`
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
const superseded = await queryMasked(`
  select r.path, r.unit, r.fiscal_year as year, c.path as replaced_by
  from reports r join reports c on c.report_id = r.superseded_by order by r.unit, r.path`);
printJson({ runs, errors, completeness, superseded });
