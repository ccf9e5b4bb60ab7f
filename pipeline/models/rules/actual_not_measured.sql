-- rule: actual_not_measured
-- tier: 1
-- severity: info
-- parameters: none
-- title: 实际完成值未实测
-- meaning_zh: 实际完成值写成区间或承诺（≥98、≥95%、以上），而不是实测数值。
-- severity_zh: 提示
-- meaning: the 实际完成值 is written as a range or promise (≥98, ≥95%, 以上) instead of a measured value.
-- computed: indicator rows whose 实际完成值 the extractor read as a range or promise (≥98, ≥95%, 以上).
-- why: an actual value written like a target was not measured; the score rests on nothing.
-- not: targets written as ranges (that is normal), text actuals (及时, 良好).
select
    report_id,
    project,
    'actual_not_measured' as rule_id,
    'info' as severity,
    coalesce(level2 || '·', '') || name as subject,
    actual_number as measured,
    actual_text as measured_text,
    null::double as threshold,
    '指标“' || name || '”的实际完成值写作“' || actual_text || '”，是区间或承诺而非实测值，请填写实际数据' as message,
    evidence,
    location
from stg_indicators
where actual_is_range
