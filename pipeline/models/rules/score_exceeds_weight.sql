-- rule: score_exceeds_weight
-- tier: 1
-- severity: critical
-- parameters: none
-- title: 得分超过分值
-- meaning_zh: 某行得分高于分值（表格中或正文中，如“应得3分，实际得6分”），或预算行得分高于其分值。
-- severity_zh: 严重
-- meaning: a row's score is above its weight, in a table or in prose ("应得3分，实际得6分"), or the budget
-- row's 得分 is above its 分值.
-- computed: any indicator row (table or prose "应得3分，实际得6分") and any budget line whose score is above its weight.
-- why: a score above the maximum is impossible on the form; it is a typo or a deliberate inflation of the total.
-- not: scores equal to the weight, rows without a weight or a score.
select
    report_id,
    project,
    'score_exceeds_weight' as rule_id,
    'critical' as severity,
    coalesce(level2 || '·', '') || name as subject,
    score as measured,
    '得分' as measured_text,
    weight as threshold,
    '指标“' || name || '”分值' || fmt_num(weight) || '分，却得' || fmt_num(score) || '分，得分不能超过分值，请更正' as message,
    evidence,
    location
from stg_indicators
where score is not null and weight is not null and score > weight + 1e-9

union all

select
    report_id,
    project,
    'score_exceeds_weight' as rule_id,
    'critical' as severity,
    line_subject || '预算执行得分' as subject,
    score as measured,
    '得分' as measured_text,
    weight as threshold,
    line_subject || '预算执行分值' || fmt_num(weight) || '分，却得' || fmt_num(score) || '分，得分不能超过分值，请更正' as message,
    evidence,
    location
from stg_budget_lines
where score is not null and weight is not null and score > weight + 1e-9
