-- rule: overachieve_unexplained
-- tier: 2
-- severity: info
-- parameters: min_ratio = 1.3, zero_target_actual = 30
-- title: 大幅超额完成未说明原因
-- meaning_zh: 下限目标被超额 30% 及以上（实际÷目标≥1.3；目标为 0 时实际≥30），而偏差原因一栏为空：表格要求对大幅超额与未完成同样说明原因。仅限有偏差原因栏的表格行，不含正文所述指标。
-- severity_zh: 提示
-- meaning: actual exceeds a floor target by 30% or more (or actual ≥ 30 where the target is 0) and the 偏差原因 cell
-- is empty: forms require an explanation of large over-achievement, as they do of shortfalls.
-- computed: table rows with a floor target (≥ / 以上 / a bare count or rate), the actual a measured value in the same unit, and actual ÷ target ≥ min_ratio (target > 0) or actual ≥ zero_target_actual (target 0); the 偏差原因 cell empty, 无 or / (as missing_deviation_reason reads it).
-- why: a target beaten by a third was either set without knowing the work or the actual is wrong; the form asks the unit to say which.
-- not: narrated rows (they have no 偏差原因 cell), ceilings, rows with a reason written, actuals written as ranges, ratios under min_ratio.
select
    report_id,
    project,
    'overachieve_unexplained' as rule_id,
    'info' as severity,
    coalesce(level2 || '·', '') || name as subject,
    case when target_number > 0 then round(actual_number / target_number, 4) else actual_number end as measured,
    case when target_number > 0 then '实际÷目标' else '实际值（目标为0）' end as measured_text,
    case when target_number > 0 then getvariable('overachieve_unexplained__min_ratio') else getvariable('overachieve_unexplained__zero_target_actual') end as threshold,
    '指标“' || name || '”目标' || target_text || '，实际' || actual_text
    || case when target_number > 0 then '，超出目标' || fmt_num((actual_number / target_number - 1) * 100) || '%' else '' end
    || '，偏差原因一栏却未填写，请说明大幅超额的原因' as message,
    evidence,
    location
from stg_indicators
where figures_from = 'table' and target_comparator in ('>=', '>') and target_met
    and not coalesce(actual_is_range, false) and target_number >= 0 and actual_number is not null
    and case
        when target_number > 0 then actual_number / target_number >= getvariable('overachieve_unexplained__min_ratio') - 1e-9
        else actual_number >= getvariable('overachieve_unexplained__zero_target_actual') - 1e-9
    end
    and coalesce(regexp_replace(deviation, '[\s/／\-—、。.无]', '', 'g'), '') = ''
