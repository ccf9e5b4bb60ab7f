-- report_summary: 每份现行报告一行：金额、比率、自评分与标记数 / one row per current report for people:
-- unit, year, the report's own budget line, ratios, self-score and its flags counted by severity
-- (worst_severity by the order of the severities table). The dashboard's lists start here.
with reports as (
    select * from stg_reports
),

own_lines as (
    select * from int_own_budget_lines
),

indicator_counts as (
    select report_id, count(*) as indicator_count
    from stg_indicators
    group by report_id
),

flag_counts as (
    select
        report_id,
        count(*) as flags,
        count(*) filter (where severity = 'critical') as critical_flags,
        count(*) filter (where severity = 'warning') as warning_flags,
        count(*) filter (where severity = 'info') as info_flags,
        arg_min(severity, severity_rank) as worst_severity
    from anomalies
    left join severities using (severity)
    group by report_id
)

select
    r.report_id,
    r.file_name,
    r.unit,
    r.unit_key,
    r.region,
    r.fiscal_year,
    r.kind,
    r.report_project as project,
    r.report_date,
    r.self_score,
    l.initial_budget,
    l.full_year_effective as full_year_budget,
    l.actual,
    case when l.initial_budget > 0 then round(l.actual / l.initial_budget, 4) end as actual_to_initial,
    coalesce(l.exec_rate_pct, round(l.exec_rate_computed, 2)) as exec_rate_pct,
    coalesce(i.indicator_count, 0) as indicator_count,
    coalesce(f.flags, 0) as flags,
    coalesce(f.critical_flags, 0) as critical_flags,
    coalesce(f.warning_flags, 0) as warning_flags,
    coalesce(f.info_flags, 0) as info_flags,
    f.worst_severity
from reports as r
left join own_lines as l using (report_id)
left join indicator_counts as i using (report_id)
left join flag_counts as f using (report_id)
