-- rule: balance_conflict
-- tier: 2
-- severity: warning
-- parameters: tolerance_per_part = 0.01, min_tolerance = 0.02
-- title: 结转结余前后矛盾
-- meaning_zh: 年末结余的两处表述不一致（如 年末结转结余0万元 与 年底预算结余495.24万元），或一个项目在同一句中写明预算、调整、支出与结转结余，而 上年结转+预算+调整−支出 ≠ 结转结余。容差同 sum_mismatch。
-- severity_zh: 警告
-- meaning: two statements of the year-end balance disagree (结转结余0 vs 预算结余495.24), or for a project that states
-- its budget, spending and balance in one sentence: 上年结转 + budget (+ adjustment) − spending ≠ 年末结转结余.
-- computed: (1) the prose amounts labelled as a year-end balance of the whole report (年末 / 年底 / 期末 with 结余 or 结转, not 上年, not one kind of funds or spending: 基本, 项目, 专项, 财政拨款, 人员, 公用, 其中): flagged once when their largest and smallest differ by more than the tolerance for two parts (min_tolerance). (2) each prose sentence with exactly one budget amount (预算 / 资金 / 金额 / 安排 / 下达), one spending amount (支出 / 执行 / 使用), one balance (结余 / 结转, not 上年) and at most one adjustment (调增 / 调减 / 调整 / 追加) and one carry-in (上年结转): 上年结转 + budget ± adjustment − spending against the balance, tolerance_per_part × 4 (at least min_tolerance).
-- why: money left at the year end is either spent, carried over or returned; two figures for it, or a balance the budget and spending do not give, mean a figure is wrong or money is unaccounted for.
-- not: balances of different funds (财政拨款结转结余 beside 结转结余), 上年结转 against 年末结转, sentences where a budget, spending or balance is missing or stated twice, differences within the tolerance.
with labelled as (
    select report_id, char_offset, amount, sentence, regexp_replace(label, '\s+', '', 'g') as label
    from amounts
    where report_id in (select report_id from stg_reports) and comparator is null
),

year_end as (
    select *
    from labelled
    where regexp_matches(label, '(年末|年底|期末).*(结余|结转)|(结余|结转).*(年末|年底|期末)')
        and not regexp_matches(label, '上年|年初|基本|项目|专项|财政拨款|人员|公用|其中|非财政')
),

year_end_conflicts as (
    select report_id, min(amount) as low, max(amount) as high,
           string_agg(label || amount || '万元', '；' order by char_offset) as stated,
           string_agg(sentence, ' … ' order by char_offset) as sentences
    from year_end
    group by report_id
    having max(amount) - min(amount) > getvariable('balance_conflict__min_tolerance') + 1e-9
),

roles as (
    select *,
        case
            when regexp_matches(label, '上年结转|上年结余') then 'carry_in'
            when regexp_matches(label, '结余|结转') then 'balance'
            when regexp_matches(label, '调增|调减|调整|追加') then 'adjustment'
            when regexp_matches(label, '支出|执行|使用|拨付') then 'spent'
            when regexp_matches(label, '预算|资金|金额|安排|下达') then 'budget'
        end as role
    from labelled
),

sentences as (
    select
        report_id,
        sentence,
        min(char_offset) as first_offset,
        count(*) filter (where role = 'budget') as budgets,
        count(*) filter (where role = 'spent') as spents,
        count(*) filter (where role = 'balance') as balances,
        count(*) filter (where role = 'adjustment') as adjustments,
        count(*) filter (where role = 'carry_in') as carry_ins,
        sum(amount) filter (where role = 'budget') as budget,
        bool_or(role = 'budget' and regexp_matches(label, '全年|调整后')) as budget_is_full_year,
        sum(case when regexp_matches(label, '调减') then -amount else amount end) filter (where role = 'adjustment') as adjustment,
        sum(amount) filter (where role = 'spent') as spent,
        sum(amount) filter (where role = 'balance') as balance,
        coalesce(sum(amount) filter (where role = 'carry_in'), 0) as carry_in
    from roles
    where role is not null
    group by report_id, sentence
    having count(*) filter (where role = 'budget') = 1 and count(*) filter (where role = 'spent') = 1
        and count(*) filter (where role = 'balance') = 1
        and count(*) filter (where role = 'adjustment') <= 1 and count(*) filter (where role = 'carry_in') <= 1
),

project_conflicts as (
    select *,
        carry_in + budget + case when budget_is_full_year then 0 else coalesce(adjustment, 0) end - spent as expected_balance
    from sentences
)

select
    report_id,
    null as project,
    'balance_conflict' as rule_id,
    'warning' as severity,
    '年末结转结余' as subject,
    high as measured,
    '两处结余' as measured_text,
    low as threshold,
    '年末结余前后表述不一致（' || stated || '），请核实结转结余的实际金额' as message,
    left(sentences, 400) as evidence,
    '正文' as location
from year_end_conflicts

union all

select
    report_id,
    null,
    'balance_conflict',
    'warning',
    '结转结余（' || left(sentence, 24) || '…）',
    balance,
    '所写结转结余',
    round(expected_balance, 2),
    '该项' || case when carry_in <> 0 then '上年结转' || fmt_num(carry_in) || '万元、' else '' end || '预算' || fmt_num(budget) || '万元'
    || case when adjustments = 1 and not budget_is_full_year then '、调整' || fmt_num(adjustment) || '万元' else '' end
    || '、支出' || fmt_num(spent) || '万元，应结余' || fmt_num(expected_balance) || '万元，报告却写结转结余' || fmt_num(balance)
    || '万元，请核实资金去向' as message,
    left(sentence, 300),
    '正文（第' || first_offset || '字起）'
from project_conflicts
where abs(expected_balance - balance) > greatest(getvariable('balance_conflict__tolerance_per_part') * 4, getvariable('balance_conflict__min_tolerance')) + 1e-9
