-- rule: cost_indicator_direction
-- tier: 2
-- severity: warning
-- parameters: none
-- title: 成本指标写成下限
-- meaning_zh: 成本指标（金额）的目标写成下限（≥、以上、不低于、不少于）：成本目标应是上限。
-- severity_zh: 警告
-- meaning: a 成本指标 target about money is a floor (≥, 以上, 不低于): cost targets are ceilings.
-- computed: rows under 成本 (level 1 or 2) whose target is written with ≥ / ≧ / > / 以上 / 不低于 / 不少于 / 大于 and whose target is money (万元 / 元 / 亿元, or a cost word: 成本, 费用, 经费, 单价, 资金 in the name).
-- why: a floor on a cost rewards spending more; the form asks for the most the output may cost.
-- not: percentages (a rate under 成本 is not a cost), rows under 成本 that are not about money (a rate or a count there is indicator_misclassified), ceilings, bare amounts (read as ceilings).
select
    report_id,
    project,
    'cost_indicator_direction' as rule_id,
    'warning' as severity,
    coalesce(level2 || '·', '') || name as subject,
    target_number as measured,
    '目标' || target_text as measured_text,
    null::double as threshold,
    '成本指标“' || name || '”的目标写作“' || target_text || '”，是下限；成本目标应为上限（≤），请改正目标方向' as message,
    evidence,
    location
from stg_indicators
where contains(coalesce(level1, '') || coalesce(level2, ''), '成本')
    and regexp_matches(coalesce(target_text, ''), '≥|≧|>|以上|不低于|不少于|大于')
    and (coalesce(target_unit, '') in ('万元', '元', '亿元') or regexp_matches(coalesce(target_text, ''), '万元|元')
        or regexp_matches(coalesce(name, ''), '成本|费用|经费|单价|资金'))
    and coalesce(target_unit, '') not in ('%', '％') and not regexp_matches(coalesce(target_text, ''), '[%％]')
