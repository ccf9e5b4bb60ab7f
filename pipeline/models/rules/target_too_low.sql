-- rule: target_too_low
-- tier: 2
-- severity: info
-- parameters: min_ratio = 1.2
-- title: 绩效目标设置偏低
-- meaning_zh: 下限目标（≥、以上、不带符号的数量或比率）被大幅超额完成（实际÷目标≥1.2，含 1.2），且该指标得满分：目标可能定得过低。上限目标不适用。
-- severity_zh: 提示
-- meaning: a floor target (≥ / 以上 / a bare count or rate) is exceeded by far (actual ÷ target ≥ 1.2, inclusive)
-- and the row has full marks: the target was set low.
-- computed: rows whose target comparator is a floor (written ≥ / > / 以上, or a bare figure other than money under 成本指标), target > 0, actual a measured value in the same unit, score ≥ weight > 0, and actual ÷ target ≥ min_ratio.
-- why: a target far below what the unit delivers anyway makes every indicator easy to meet: it says nothing about performance.
-- not: ceilings (≤, 以下, a bare amount of money under 成本指标), where a large actual is a miss; targets of 0; rows that lost points; actuals written as ranges; different units.
select
    report_id,
    project,
    'target_too_low' as rule_id,
    'info' as severity,
    coalesce(level2 || '·', '') || name as subject,
    round(actual_number / target_number, 4) as measured,
    '实际÷目标' as measured_text,
    getvariable('target_too_low__min_ratio') as threshold,
    '指标“' || name || '”目标' || target_text || '，实际' || actual_text || '，为目标的' || fmt_num(actual_number / target_number)
    || '倍且得满分，目标可能设置偏低，请核实目标是否合理' as message,
    evidence,
    location
from stg_indicators
where target_comparator in ('>=', '>') and target_number > 0 and target_met
    and not coalesce(actual_is_range, false)
    and weight > 0 and score >= weight - 1e-9
    and actual_number / target_number >= getvariable('target_too_low__min_ratio') - 1e-9
