-- rule: missing_deviation_reason
-- tier: 1
-- severity: info
-- parameters: none
-- title: 扣分或未达标却无偏差说明
-- meaning_zh: 表中某行扣了分或未达目标，但偏差原因栏为空、“无”或“/”。
-- severity_zh: 提示
-- meaning: a table row lost points or missed its target, but its 偏差原因 cell is empty, "无" or "/".
-- computed: table rows that lost points (score < weight) or missed their target, whose 偏差原因 cell is empty or says only 无 or /.
-- why: the form requires every shortfall to be explained together with a measure to improve.
-- not: rows with full marks that met their target, prose indicators.
select
    report_id,
    project,
    'missing_deviation_reason' as rule_id,
    'info' as severity,
    coalesce(level2 || '·', '') || name as subject,
    score as measured,
    case when target_met = false then '未达目标' else '扣分' end as measured_text,
    weight as threshold,
    '指标“' || name || '”' ||
    case when target_met = false then '未达目标（目标' || target_text || '，实际' || actual_text || '）' else '得' || fmt_num(score) || '分（分值' || fmt_num(weight) || '分）' end
    || '，但未说明偏差原因，请补充原因及改进措施' as message,
    evidence,
    location
from stg_indicators
where figures_from = 'table'
    and ((score is not null and weight is not null and score < weight - 1e-9) or target_met = false)
    and coalesce(regexp_replace(deviation, '[\s/／\-—、。.无]', '', 'g'), '') = ''
