import { columnar, printJson, queryMasked } from '../lib/warehouse.ts';

// Every flag of the current reports with the report's unit, region and year, for the anomalies page.
const flags = await queryMasked(`
  select a.flag_key as key, a.report_id as id, r.unit, r.region, r.fiscal_year as year, a.project, a.rule_id as rule,
         a.severity, a.subject, a.measured, a.threshold, a.message, a.evidence, a.location
  from anomalies a join reports r using (report_id)
  order by case a.severity when 'critical' then 0 when 'warning' then 1 else 2 end, r.unit, a.rule_id`);
printJson(columnar(flags));
