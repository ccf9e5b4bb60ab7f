-- rule: exec_rate_mismatch
-- tier: 1
-- severity: warning
-- parameters: rate_tolerance_pct = 0.5, score_tolerance = 0.1
-- title: 执行率或预算执行得分计算有误
-- meaning_zh: 填写的执行率与“执行数÷全年预算”不符，或得分与“分值×执行率”不符（执行率以 100% 为上限）。
-- severity_zh: 警告
-- meaning: the stated 执行率 differs from actual ÷ full-year budget, or the 得分 differs from 分值 × rate
-- (the rate capped at 100%).
-- computed: stated 执行率 against actual ÷ full-year budget (initial + stated adjustment where no full-year figure is written), and the stated score against 分值 × rate capped at 100%.
-- why: a rate that does not follow from the figures hides under-spending or an inflated execution score.
-- not: rates within rate_tolerance_pct, scores within score_tolerance, lines missing a figure, a zero full-year budget.
select
    report_id,
    project,
    'exec_rate_mismatch' as rule_id,
    'warning' as severity,
    line_subject || '执行率' as subject,
    round(exec_rate_computed, 2) as measured,
    '执行数÷全年预算' as measured_text,
    exec_rate_pct as threshold,
    line_subject || '执行率写作' || fmt_num(exec_rate_pct) || '%，但执行数' || fmt_num(actual) || '万元÷全年预算'
    || fmt_num(full_year_effective) || '万元=' || fmt_num(exec_rate_computed) || '%，请核实' as message,
    evidence,
    location
from stg_budget_lines
where exec_rate_pct is not null and exec_rate_computed is not null
    and abs(exec_rate_pct - exec_rate_computed) > getvariable('exec_rate_mismatch__rate_tolerance_pct') + 1e-9

union all

select
    report_id,
    project,
    'exec_rate_mismatch' as rule_id,
    'warning' as severity,
    line_subject || '预算执行得分' as subject,
    score as measured,
    '得分' as measured_text,
    round(weight * least(exec_rate_computed, 100) / 100, 2) as threshold,
    line_subject || '预算执行得分' || fmt_num(score) || '分，按分值' || fmt_num(weight) || '分×执行率'
    || fmt_num(least(exec_rate_computed, 100)) || '%应为' || fmt_num(weight * least(exec_rate_computed, 100) / 100) || '分，请核实' as message,
    evidence,
    location
from stg_budget_lines
where score is not null and weight is not null and exec_rate_computed is not null
    and abs(score - weight * least(exec_rate_computed, 100) / 100) > getvariable('exec_rate_mismatch__score_tolerance') + 1e-9
