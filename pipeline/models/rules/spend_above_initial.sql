-- rule: spend_above_initial
-- tier: 1
-- severity: warning ≥ warning_ratio; critical ≥ critical_ratio, or spending with an initial budget of 0
-- parameters: warning_ratio = 1.5, critical_ratio = 3
-- title: 实际支出远超年初预算
-- meaning_zh: 年度资金总额行（报告本身的或项目表的）实际支出远超年初预算。
-- severity_zh: ≥ warning_ratio 为警告；≥ critical_ratio，或年初预算为 0 却有支出，为严重
-- meaning: a 年度资金总额 line (the report's own, or a project table's) spent far more than its initial budget.
-- computed: actual ÷ initial budget of each 年度资金总额 line (the report's own and each project table's), rounded to six decimals; a line with initial 0 and spending > 0 is unbudgeted and critical.
-- why: spending far beyond the budget approved at the start of the year means the budget was not a plan: money was added during the year without the scrutiny of the annual budget.
-- not: spending-by-nature lines (基本支出 against its own initial budget is line_item_above_budget, tier 2), projects told only in prose, lines whose initial budget or actual is not stated.
with lines as (
    select *
    from stg_budget_lines
    where actual > 0 and initial_budget is not null
),

measured as (
    select
        *,
        case when initial_budget > 0 then round(actual / initial_budget, 6) end as ratio
    from lines
),

graded as (
    select
        *,
        case
            when initial_budget <= 0 then 'critical'
            when ratio >= getvariable('spend_above_initial__critical_ratio') then 'critical'
            when ratio >= getvariable('spend_above_initial__warning_ratio') then 'warning'
        end as severity,
        case
            when initial_budget <= 0 then null
            when ratio >= getvariable('spend_above_initial__critical_ratio') then getvariable('spend_above_initial__critical_ratio')
            else getvariable('spend_above_initial__warning_ratio')
        end as threshold
    from measured
)

select
    report_id,
    project,
    'spend_above_initial' as rule_id,
    severity,
    line_subject || '年度资金总额：执行数与年初预算' as subject,
    ratio as measured,
    case when initial_budget <= 0 then '无年初预算' else fmt_num(ratio) || '倍' end as measured_text,
    threshold,
    case
        when initial_budget <= 0 then
            line_subject || '年初预算为' || fmt_num(initial_budget) || '万元，实际支出' || fmt_num(actual)
            || '万元，属无年初预算的支出，请核实追加预算的依据与资金来源'
        else
            line_subject || '实际支出' || fmt_num(actual) || '万元，为年初预算' || fmt_num(initial_budget)
            || '万元的' || fmt_num(ratio) || '倍（' || fmt_num(threshold) || '倍及以上即提示），请核实预算编制与追加依据'
    end as message,
    evidence,
    location
from graded
where severity is not null
