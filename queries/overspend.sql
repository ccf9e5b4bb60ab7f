-- 按超支倍数排序的单位（实际支出 ÷ 年初预算）
-- 实际支出相对年初预算的倍数，从高到低；来自 report_summary（只含现行报告），
-- 没有年初预算或实际支出的报告不列出。
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
