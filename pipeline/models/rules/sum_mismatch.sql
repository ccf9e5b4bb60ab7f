-- rule: sum_mismatch
-- tier: 1
-- severity: warning
-- parameters: tolerance_per_part = 0.01, min_tolerance = 0.02, complete_share = 0.8
-- title: 合计与分项不符
-- meaning_zh: 写明的合计与所列分项之和不符（分项应当完整时；结转等可能在外的分项、嵌套的“其中”分开核对）。
-- severity_zh: 警告
-- meaning: a stated total differs from the sum of its listed parts, where the parts are meant to be complete
-- (the form says so, or they cover most of the total). Carry-overs listed after the parts may lie outside
-- the total; nested 其中 lists were kept apart by the extractor.
-- computed: each stated total with its parts (prose 其中 lists, 基础数据表 rows, and 基本支出 + 项目支出 against the line's 执行数); tolerance = max(min_tolerance, tolerance_per_part × parts); parts are meant complete when the form says so or they reach complete_share of the total; carry-overs listed after the parts may lie outside the total.
-- why: totals that do not add up are either arithmetic errors or figures written to fit; either way the report's numbers cannot all be true.
-- not: partial 其中 lists (parts under complete_share of the total), nested 其中 (the extractor keeps each list with its own total), several totals in one sentence (资产总额… 负债总额…), rounding within tolerance, a single part unless the form declares the list complete.
with statements as (
    select
        report_id,
        null::varchar as project,
        total_label,
        total,
        parts_sum,
        parts_count,
        carryover_sum,
        declared_complete,
        parts_text,
        evidence,
        location
    from stg_sum_statements
),

nature_totals as (
    -- 基本支出 + 项目支出 against the line's 执行数
    select
        s.report_id,
        s.project,
        '支出合计（基本支出+项目支出）' as total_label,
        l.actual as total,
        sum(s.amount) as parts_sum,
        count(*) as parts_count,
        0 as carryover_sum,
        true as declared_complete,
        string_agg(s.label || ' ' || fmt_num(s.amount), '；' order by s.nature) as parts_text,
        '执行数 ' || fmt_num(any_value(l.actual)) || '；' || string_agg(s.label || ' ' || fmt_num(s.amount), '；' order by s.nature) as evidence,
        any_value(l.location) as location
    from stg_spending as s
    join stg_budget_lines as l on l.report_id = s.report_id and l.project is not distinct from s.project
    where l.actual is not null
    group by s.report_id, s.project, l.actual
    having count(distinct s.nature) = 2
),

candidates as (
    select * from statements
    union all
    select * from nature_totals
),

judged as (
    select
        *,
        greatest(getvariable('sum_mismatch__min_tolerance'), getvariable('sum_mismatch__tolerance_per_part') * parts_count) as tolerance,
        declared_complete
            or (parts_count >= 2 and parts_sum >= getvariable('sum_mismatch__complete_share') * total) as meant_complete
    from candidates
    where parts_count >= 1 and total is not null
)

select
    report_id,
    project,
    'sum_mismatch' as rule_id,
    'warning' as severity,
    total_label || ' ' || fmt_num(total) as subject,
    parts_sum as measured,
    parts_count || '项合计' as measured_text,
    total as threshold,
    total_label || '写作' || fmt_num(total) || '万元，但所列' || parts_count || '项之和为' || fmt_num(parts_sum)
    || '万元，相差' || fmt_num(abs(total - parts_sum)) || '万元（容差' || fmt_num(tolerance) || '），请核对各分项' as message,
    evidence || '【分项：' || parts_text || '】' as evidence,
    location
from judged
where meant_complete
    and abs(parts_sum - total) > tolerance + 1e-9
    and not (carryover_sum > 0 and abs(parts_sum + carryover_sum - total) <= tolerance + 1e-9)
