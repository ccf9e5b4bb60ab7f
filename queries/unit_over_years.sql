-- 同一单位的历年情况
-- The same unit year over year (by unit_key, which survives renamed files and resubmissions).
select
    unit_key,
    fiscal_year,
    kind,
    project,
    initial_budget,
    full_year_budget,
    actual,
    exec_rate_pct,
    self_score,
    flags,
    worst_severity
from report_summary
order by unit_key, fiscal_year, kind, project;
