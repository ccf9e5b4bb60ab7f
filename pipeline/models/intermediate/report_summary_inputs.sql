-- report_summary_inputs: per current report, the figures the cross-unit rules compare
-- (the report's own budget line and its stated self-score).
with own_lines as (
    select * from int_own_budget_lines
)

select
    r.report_id,
    r.self_score,
    case when l.initial_budget > 0 then l.actual / l.initial_budget end as actual_to_initial,
    coalesce(l.exec_rate_pct, l.exec_rate_computed) as exec_rate_pct
from stg_reports as r
left join own_lines as l using (report_id)
