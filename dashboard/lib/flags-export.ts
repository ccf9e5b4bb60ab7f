import { queryMasked } from './warehouse.ts';

/** The flags as downloads carry them: Chinese headers, masked numbers. */
export const EXPORT_COLUMNS: [string, string][] = [
  ['unit', '单位'],
  ['region', '区划'],
  ['year', '年度'],
  ['project', '项目'],
  ['rule', '规则'],
  ['severity', '严重程度'],
  ['subject', '对象'],
  ['measured', '测得值'],
  ['threshold', '阈值'],
  ['message', '说明'],
  ['evidence', '依据'],
  ['location', '位置'],
  ['key', '标记键'],
];

export async function exportRows() {
  return queryMasked(`
    select a.flag_key as key, r.unit, r.region, r.fiscal_year as year, a.project, a.rule_id as rule, a.severity,
           a.subject, a.measured, a.threshold, a.message, a.evidence, a.location
    from anomalies a join reports r using (report_id)
    order by r.unit, r.fiscal_year, a.rule_id, a.subject`);
}
