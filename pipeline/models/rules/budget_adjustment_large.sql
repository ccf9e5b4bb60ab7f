-- rule: budget_adjustment_large
-- tier: 1
-- severity: warning above warning_share, critical above critical_share
-- parameters: warning_share = 0.2, critical_share = 1
-- title: 预算调整幅度过大
-- meaning_zh: 全年预算较年初预算的调整幅度（|全年−年初|÷年初）过大；年初预算为 0 的行交给 spend_above_initial 处理。
-- severity_zh: 超过 warning_share 为警告，超过 critical_share 为严重
-- meaning: |full-year − initial| ÷ initial is large. Lines with an initial budget of 0 are left to
-- spend_above_initial, which reports them as unbudgeted.
-- computed: |full-year − initial| ÷ initial for each 年度资金总额 line with an initial budget above 0 (full-year = initial + stated adjustment where only that is written).
-- why: large in-year adjustments mean the approved budget did not govern the year's spending.
-- not: lines with initial budget 0 (spend_above_initial reports them as unbudgeted), changes within warning_share (exactly 20% is not above it).
with measured as (
    select
        *,
        (full_year_effective - initial_budget) / initial_budget as change_share
    from stg_budget_lines
    where initial_budget > 0 and full_year_effective is not null
),

graded as (
    select
        *,
        case
            when abs(change_share) > getvariable('budget_adjustment_large__critical_share') + 1e-9 then 'critical'
            when abs(change_share) > getvariable('budget_adjustment_large__warning_share') + 1e-9 then 'warning'
        end as severity
    from measured
)

select
    report_id,
    project,
    'budget_adjustment_large' as rule_id,
    severity,
    line_subject || '年度资金总额：全年预算与年初预算' as subject,
    round(change_share * 100, 2) as measured,
    case when change_share >= 0 then '+' else '' end || fmt_num(change_share * 100) || '%' as measured_text,
    (case when severity = 'critical' then getvariable('budget_adjustment_large__critical_share')
          else getvariable('budget_adjustment_large__warning_share') end) * 100.0 as threshold,
    line_subject || '全年预算' || fmt_num(full_year_effective) || '万元较年初预算' || fmt_num(initial_budget) || '万元调整'
    || case when change_share >= 0 then '+' else '' end || fmt_num(change_share * 100) || '%，请核实调整依据与审批' as message,
    evidence,
    location
from graded
where severity is not null
