-- rule: low_execution
-- tier: 1
-- severity: warning below warning_pct, critical below critical_pct
-- parameters: warning_pct = 90, critical_pct = 75
-- title: 预算执行率偏低
-- meaning_zh: 预算执行率（按填写值，未填时按执行数÷全年预算）偏低。
-- severity_zh: 低于 warning_pct 为警告，低于 critical_pct 为严重
-- meaning: the execution rate (as stated, else actual ÷ full-year budget) is low.
-- computed: the stated 执行率, else actual ÷ full-year budget, of each 年度资金总额 line.
-- why: unspent budget is money that was not needed or a programme that did not happen; either needs an explanation.
-- not: rates at or above warning_pct, lines without the figures to compute a rate, projects told only in prose (tier 2).
with rated as (
    select
        *,
        coalesce(exec_rate_pct, exec_rate_computed) as rate
    from stg_budget_lines
),

graded as (
    select
        *,
        case
            when rate < getvariable('low_execution__critical_pct') - 1e-9 then 'critical'
            when rate < getvariable('low_execution__warning_pct') - 1e-9 then 'warning'
        end as severity
    from rated
    where rate is not null
)

select
    report_id,
    project,
    'low_execution' as rule_id,
    severity,
    line_subject || '执行率' as subject,
    rate as measured,
    case when exec_rate_pct is null then '按执行数计算' else '报告所写' end as measured_text,
    case when severity = 'critical' then getvariable('low_execution__critical_pct') else getvariable('low_execution__warning_pct') end::double as threshold,
    line_subject || '预算执行率' || fmt_num(rate) || '%（执行' || fmt_num(actual) || '万元，全年预算'
    || fmt_num(full_year_effective) || '万元），低于' ||
    fmt_num(case when severity = 'critical' then getvariable('low_execution__critical_pct') else getvariable('low_execution__warning_pct') end)
    || '%，请说明未执行资金的原因与去向' as message,
    evidence,
    location
from graded
where severity is not null
