import { printJson, queryMasked } from '../lib/warehouse.ts';

// The rule catalog with current thresholds and how many reports each flags.
printJson(await queryMasked(`
  select rule_id, tier, title, default_severity, enabled, settings, default_parameters, meaning, doc, reports_flagged, flags,
         (select count(*) filter (where severity = 'critical') from anomalies a where a.rule_id = r.rule_id) as critical,
         (select count(*) filter (where severity = 'warning') from anomalies a where a.rule_id = r.rule_id) as warning,
         (select count(*) filter (where severity = 'info') from anomalies a where a.rule_id = r.rule_id) as info
  from rules r order by tier, rule_id`));
