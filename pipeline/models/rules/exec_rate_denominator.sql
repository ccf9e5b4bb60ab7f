-- rule: exec_rate_denominator
-- tier: 2
-- severity: warning
-- parameters: tolerance_pct = 0.5
-- title: 执行率以年初预算为分母
-- meaning_zh: 所写执行率等于 执行数÷年初预算，而不等于 执行数÷全年预算，两个预算又不相同：执行率用错了分母（同时也是 exec_rate_mismatch，两条都标）。
-- severity_zh: 警告
-- meaning: the stated 执行率 matches actual ÷ initial (年初) budget but not actual ÷ full-year budget, while the
-- two budgets differ: the rate was computed on the wrong base.
-- computed: 年度资金总额 lines with a stated rate, an actual, an initial budget > 0 and a full-year budget (stated, else initial + stated adjustment) > 0: |stated − actual ÷ initial × 100| ≤ tolerance_pct and |stated − actual ÷ full-year × 100| > tolerance_pct.
-- why: the execution rate is measured against the budget as adjusted; a rate on the initial budget hides unspent additions (or shows spending of additions as over-execution).
-- not: lines where the two budgets give the same rate within the tolerance, lines missing any of the figures, rates that match neither base (exec_rate_mismatch alone).
select
    report_id,
    project,
    'exec_rate_denominator' as rule_id,
    'warning' as severity,
    line_subject || '执行率分母' as subject,
    exec_rate_pct as measured,
    '所写执行率' as measured_text,
    round(exec_rate_computed, 2) as threshold,
    line_subject || '执行率写作' || fmt_num(exec_rate_pct) || '%，恰为执行数' || fmt_num(actual) || '万元÷年初预算' || fmt_num(initial_budget)
    || '万元，而按全年预算' || fmt_num(full_year_effective) || '万元应为' || fmt_num(exec_rate_computed) || '%，执行率分母用错，请按全年预算重算' as message,
    evidence,
    location
from stg_budget_lines
where exec_rate_pct is not null and actual is not null and initial_budget > 0 and full_year_effective > 0
    and abs(exec_rate_pct - actual / initial_budget * 100) <= getvariable('exec_rate_denominator__tolerance_pct') + 1e-9
    and abs(exec_rate_pct - exec_rate_computed) > getvariable('exec_rate_denominator__tolerance_pct') + 1e-9
