-- 同一单位的历年情况
-- 按单位（unit_key：文件改名、重新提交后不变）逐年列出预算、实际支出、自评分和标记数；来自 report_summary（只含现行报告）。
-- 只看一个单位：在末尾的 order by 之前加 where unit_key = '…'。
select
    unit_key,
    unit,
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
