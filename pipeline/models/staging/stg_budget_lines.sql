-- stg_budget_lines: 年度资金总额 lines of current reports, with the effective full-year budget
-- (stated, else initial + stated adjustment) and the execution rate computed from it.
with source as (
    select * from budget_lines
),

current_lines as (
    select source.*
    from source
    where report_id in (select report_id from stg_reports)
),

renamed as (
    select
        report_id,
        project,
        line_no,
        source as figures_from,
        initial_budget,
        full_year_budget,
        adjustment,
        coalesce(full_year_budget, initial_budget + adjustment) as full_year_effective,
        actual,
        weight,
        exec_rate_pct,
        score,
        evidence,
        location,
        subject_of(project) as line_subject
    from current_lines
)

select
    *,
    case when full_year_effective > 0 then actual / full_year_effective * 100 end as exec_rate_computed
from renamed
