-- 按超支倍数排序的单位（实际支出 ÷ 年初预算）
-- Units ranked by actual spending over the initial budget, current reports only.
select
    unit,
    region,
    fiscal_year,
    initial_budget,
    actual,
    actual_to_initial,
    exec_rate_pct,
    self_score,
    flags
from report_summary
where actual_to_initial is not null
order by actual_to_initial desc, unit;
