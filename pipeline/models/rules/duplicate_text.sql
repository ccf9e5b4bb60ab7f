-- rule: duplicate_text
-- tier: 2
-- severity: warning
-- parameters: min_chars = 60, boilerplate_unit_share = 0.3
-- title: 与其他单位报告文字雷同
-- meaning_zh: 不同单位的报告中出现同一段长文字（去除空白后至少 60 字）：可能是照抄他人报告，甚至残留了别的单位或乡镇名称。至少 30% 的单位共有的段落视为表格模板，不标记。
-- severity_zh: 警告
-- meaning: a long passage (at least 60 characters after removing whitespace) is identical in the reports of
-- different units: a copied report, perhaps with another unit's name or sector left in. Passages that at
-- least 30% of units share are the form's boilerplate and ignored.
-- computed: report texts split into passages at 。！？；and line ends, whitespace removed; passages of at least min_chars shared by reports of two or more units, but by fewer than boilerplate_unit_share of all units, are flagged on each report that has them.
-- why: a report copied from another unit describes another unit's work; another unit's name or sector left in is the usual giveaway.
-- not: short passages, the form's boilerplate that many units share, passages repeated within one unit's own reports.
with passages as (
    select distinct
        t.report_id,
        r.unit_key,
        regexp_replace(p.passage, '\s+', '', 'g') as passage
    from report_texts as t
    join stg_reports as r using (report_id)
    cross join lateral (select unnest(string_split_regex(t.text, '[。！？；\n]')) as passage) as p
    where r.unit_key is not null
),

long_passages as (
    select * from passages where length(passage) >= getvariable('duplicate_text__min_chars')
),

unit_total as (
    select count(distinct unit_key) as units from stg_reports where unit_key is not null
),

shared as (
    select passage, count(distinct unit_key) as units_sharing
    from long_passages
    group by passage
    having count(distinct unit_key) >= 2
        and count(distinct unit_key) < getvariable('duplicate_text__boilerplate_unit_share') * (select units from unit_total)
),

matches as (
    select a.report_id, a.passage, b.unit_key as other_unit_key, o.unit as other_unit
    from long_passages as a
    join shared using (passage)
    join long_passages as b on b.passage = a.passage and b.unit_key <> a.unit_key
    join stg_reports as o on o.report_id = b.report_id
)

select
    report_id,
    null as project,
    'duplicate_text' as rule_id,
    'warning' as severity,
    '与「' || coalesce(any_value(other_unit), other_unit_key) || '」雷同的文字' as subject,
    count(distinct passage)::double as measured,
    count(distinct passage) || '段' as measured_text,
    getvariable('duplicate_text__min_chars') as threshold,
    '报告中有' || count(distinct passage) || '段（每段至少' || fmt_num(getvariable('duplicate_text__min_chars')) || '字）与「'
    || coalesce(any_value(other_unit), other_unit_key) || '」的报告一字不差，请核实是否照搬他人材料' as message,
    left(string_agg(distinct passage, ' … '), 600) as evidence,
    '正文' as location
from matches
group by report_id, other_unit_key
