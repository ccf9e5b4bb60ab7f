-- report_summary_inputs: 每份现行报告供跨单位规则比较的数字（自身年度资金总额行与自评分） / per current
-- report, the figures the cross-unit rules compare (the report's own budget line and its stated self-score).
-- columns:
--   report_id: 报告编号 / report id
--   self_score: 自评总分（报告所写） / total self-score as stated
--   actual_to_initial: 执行数 ÷ 年初预算 / actual spending over the initial budget
--   exec_rate_pct: 执行率（%，报告所写，否则计算） / execution rate in percent (stated, else computed)
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
