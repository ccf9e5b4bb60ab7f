-- rule: target_missed_high_score
-- tier: 1
-- severity: warning
-- parameters: share_of_weight = 0.9
-- title: 目标未完成却得高分
-- meaning: the actual value fails the target (≥, ≤, =, 以上/以下; a bare amount of money under 成本指标 is a
-- ceiling), yet the row kept at least 90% of its weight.
select
    report_id,
    project,
    'target_missed_high_score' as rule_id,
    'warning' as severity,
    coalesce(level2 || '·', '') || name as subject,
    score as measured,
    '得分' as measured_text,
    round(weight * getvariable('target_missed_high_score__share_of_weight'), 4) as threshold,
    '指标“' || name || '”目标' || target_text || '，实际' || actual_text || '，未达目标却得' || fmt_num(score) || '分（分值'
    || fmt_num(weight) || '分），请核实评分' as message,
    evidence,
    location
from stg_indicators
where target_met = false and weight > 0 and score is not null
    and score >= weight * getvariable('target_missed_high_score__share_of_weight') - 1e-9
