-- report_summary_inputs: per current report, the figures the cross-unit rules compare
-- (the report's own budget line and its stated self-score).
with own_lines as (
    select *
    from stg_budget_lines
    where project is null
    qualify row_number() over (partition by report_id order by line_no) = 1
)

select
    r.report_id,
    r.self_score,
    case when l.initial_budget > 0 then l.actual / l.initial_budget end as actual_to_initial,
    coalesce(l.exec_rate_pct, l.exec_rate_computed) as exec_rate_pct
from stg_reports as r
left join own_lines as l using (report_id)
