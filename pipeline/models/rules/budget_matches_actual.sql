-- rule: budget_matches_actual
-- tier: 1
-- severity: warning
-- parameters: min_adjustment_share = 0.2
-- title: 调整后预算与实际支出分毫不差
-- meaning_zh: 大幅调整后，实际支出与全年预算分毫不差：预算可能是按支出倒推调整的。
-- severity_zh: 警告
-- meaning: actual spending equals the full-year budget to the cent after a large adjustment: the budget
-- was fitted to the spending.
-- computed: lines where actual equals the full-year budget to the cent (difference under 0.005万元) and the full-year budget moved more than min_adjustment_share from the initial one.
-- why: a budget adjusted to exactly what was spent was fitted to the spending after the fact.
-- not: 100% execution without a large adjustment (normal), lines with initial budget 0.
select
    report_id,
    project,
    'budget_matches_actual' as rule_id,
    'warning' as severity,
    line_subject || '年度资金总额：全年预算与执行数' as subject,
    round((full_year_effective - initial_budget) / initial_budget * 100, 2) as measured,
    '调整' || fmt_num((full_year_effective - initial_budget) / initial_budget * 100) || '%' as measured_text,
    getvariable('budget_matches_actual__min_adjustment_share') * 100.0 as threshold,
    line_subject || '全年预算由年初' || fmt_num(initial_budget) || '万元调整为' || fmt_num(full_year_effective)
    || '万元，与实际支出' || fmt_num(actual) || '万元分毫不差，预算可能是按支出倒推调整的，请核实' as message,
    evidence,
    location
from stg_budget_lines
where initial_budget > 0 and full_year_effective is not null and actual is not null
    and abs(actual - full_year_effective) < 0.005
    and abs(full_year_effective - initial_budget) / initial_budget > getvariable('budget_matches_actual__min_adjustment_share') + 1e-9
