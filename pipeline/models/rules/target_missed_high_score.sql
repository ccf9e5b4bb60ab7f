-- rule: target_missed_high_score
-- tier: 1
-- severity: warning
-- parameters: share_of_weight = 0.9
-- title: 目标未完成却得高分
-- meaning_zh: 实际值未达到目标（≥、≤、=、以上/以下；成本指标下的金额视为上限），得分却仍在分值的 90% 以上。
-- severity_zh: 警告
-- meaning: the actual value fails the target (≥, ≤, =, 以上/以下; a bare amount of money under 成本指标 is a
-- ceiling), yet the row kept at least 90% of its weight.
-- computed: rows whose target and actual are numbers in the same unit: the target's comparator (≥, ≤, =, 以上/以下; a bare money amount under 成本指标 is a ceiling; other bare targets are floors) decides whether the actual meets it; a missed row that kept at least share_of_weight of its weight fires.
-- why: points kept on a missed target are points the unit did not earn.
-- not: targets met exactly at the boundary (≥90% with 90%), rows with text targets (及时, 良好), rows whose units differ, rows without a score.
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
