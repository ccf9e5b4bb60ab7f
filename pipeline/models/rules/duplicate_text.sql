-- rule: duplicate_text
-- tier: 2
-- severity: warning
-- parameters: min_chars = 60, boilerplate_unit_share = 0.3, join_rows_per_passage = 64
-- title: 与其他单位报告文字雷同
-- meaning_zh: 不同单位的报告中出现同一段长文字（去除空白后至少 60 字）：可能是照抄他人报告，甚至残留了别的单位或乡镇名称。每份报告一条标记：共有几段、与几个其他单位相同、至多三个单位名称及最长的一段。至少 30% 的单位共有的段落视为表格模板，不标记。
-- severity_zh: 警告
-- meaning: long passages (at least 60 characters after removing whitespace) are identical in the reports of
-- different units: a copied report, perhaps with another unit's name or sector left in. One flag per report:
-- how many passages it shares, with how many other units, up to three of their names and the longest
-- shared passage. Passages that at least 30% of units share are the form's boilerplate and ignored.
-- computed: each report text is split into passages at 。！？；and line ends (one unnest of the split, linear in the text), whitespace removed; passages of at least min_chars are grouped by their hash; a group used by two or more units, but by fewer than boilerplate_unit_share of all units, is shared. Each report with shared passages gets one flag: the number of its shared passages (measured), the number of other units sharing any of its passages, up to three other units' names (those sharing most of its passages among the first four names of each passage), the longest passage, and whether a shared passage names one of those units. The count of units: units are grouped by the set of shared passages they write and a report's set is joined to the unit sets holding one of its passages on the passage hash, at each passage where that join gives at most join_rows_per_passage rows per report row there (a template: few distinct sets around a passage); every intermediate result is then at most join_rows_per_passage rows per report and passage. A report with a passage past that bound (many units each writing a different set of passages around it) is counted over its other passages and at least as the widest passage's units, and the flag says 至少 (at least).
-- why: a report copied from another unit describes another unit's work; another unit's name or sector left in is the usual giveaway.
-- not: short passages, the form's boilerplate that many units share, passages repeated within one unit's own reports (one unit's reports over the years may repeat themselves).
with split as (
    select report_id, unnest(string_split_regex(text, '[。！？；\n]')) as raw_passage
    from report_texts
    where report_id in (select report_id from stg_reports where unit_key is not null)
),

normalised as (
    select report_id, regexp_replace(raw_passage, '\s+', '', 'g') as passage
    from split
    where length(raw_passage) >= getvariable('duplicate_text__min_chars')
),

passages as (
    select n.report_id, r.unit_key, coalesce(r.unit, r.unit_key) as unit_name, hash(n.passage) as passage_hash, any_value(n.passage) as passage
    from normalised as n
    join stg_reports as r using (report_id)
    where length(n.passage) >= getvariable('duplicate_text__min_chars')
    group by all
),

unit_total as (
    select count(distinct unit_key) as units from stg_reports where unit_key is not null
),

shared as (
    -- one row per passage group: how many units use it and the first four of them by name (each unit once,
    -- however many of its reports write it)
    select passage_hash, count(distinct unit_key) as units_sharing, list_sort(list_distinct(min(unit_name, 4))) as first_units
    from (select distinct passage_hash, unit_key, unit_name from passages)
    group by passage_hash
    having count(distinct unit_key) >= 2
        and count(distinct unit_key) < getvariable('duplicate_text__boilerplate_unit_share') * (select units from unit_total)
),

report_shared as (
    select p.report_id, p.unit_key, p.unit_name, p.passage_hash, p.passage, length(p.passage) as chars, s.units_sharing,
           list_filter(s.first_units, u -> u <> p.unit_name) as others
    from passages as p
    join shared as s using (passage_hash)
),

other_names as (
    -- the other units named most often across the report's shared passages
    select report_id, list(other order by times desc, other)[1:3] as names
    from (
        select report_id, other, count(*) as times
        from (select report_id, unnest(others) as other from report_shared)
        group by all
    )
    group by report_id
),

name_left_in as (
    -- a shared passage that writes one of the other units' names
    select report_id, min(other) as name
    from (select report_id, passage, unnest(others) as other from report_shared)
    where length(other) >= 3 and contains(passage, other)
    group by report_id
),

unit_signatures as (
    -- each unit's shared passages over all its current reports: units with the same set are counted together
    select unit_key, list_sort(list_distinct(list(passage_hash))) as signature
    from report_shared
    group by unit_key
),

signature_units as (
    select signature, count(*) as units from unit_signatures group by signature
),

report_signatures as (
    select report_id, list_sort(list_distinct(list(passage_hash))) as signature from report_shared group by report_id
),

report_sets as materialized (
    -- each distinct report set, once per passage in it
    select signature, unnest(signature) as passage_hash from (select distinct signature from report_signatures)
),

unit_sets as materialized (
    select signature, unnest(signature) as passage_hash from signature_units
),

passage_join as materialized (
    -- per passage: the rows joining its report sets to its unit sets would make, against the report
    -- rows at it; joined only where that is at most join_rows_per_passage per report row, so the
    -- join stays linear
    select passage_hash, r.sets * u.sets <= getvariable('duplicate_text__join_rows_per_passage') * n.rows as joined
    from (select passage_hash, count(*) as rows from report_shared group by passage_hash) as n
    join (select passage_hash, count(*) as sets from report_sets group by passage_hash) as r using (passage_hash)
    join (select passage_hash, count(*) as sets from unit_sets group by passage_hash) as u using (passage_hash)
),

report_sets_joined as materialized (
    select r.signature, r.passage_hash from report_sets as r join passage_join as j using (passage_hash) where j.joined
),

unit_sets_joined as materialized (
    select u.signature, u.passage_hash from unit_sets as u join passage_join as j using (passage_hash) where j.joined
),

signatures_met as (
    -- a report's set of passages against every unit set holding one of its joined passages
    select distinct r.signature as report_signature, u.signature as unit_signature
    from report_sets_joined as r
    join unit_sets_joined as u using (passage_hash)
),

units_reached as (
    -- every unit sharing a joined passage with the report, its own unit included once
    select m.report_signature, sum(s.units) as units
    from signatures_met as m
    join signature_units as s on s.signature = m.unit_signature
    group by m.report_signature
),

set_bounds as (
    -- whether every passage of the set was joined (then units_reached is exact), and its widest passage
    select r.signature, bool_and(j.joined) as exact, max(s.units_sharing) as widest
    from report_sets as r
    join passage_join as j using (passage_hash)
    join shared as s using (passage_hash)
    group by r.signature
),

per_report as (
    select
        r.report_id,
        count(*) as passages_shared,
        -- exact: all units reached; else a lower bound, the larger of the joined passages' units and the widest passage's
        greatest(coalesce(any_value(u.units), 0), any_value(b.widest)) - 1 as other_units,
        any_value(b.exact) as exact,
        arg_max(r.passage, (r.chars, r.passage)) as longest
    from report_shared as r
    join report_signatures as rs using (report_id)
    join set_bounds as b on b.signature = rs.signature
    left join units_reached as u on u.report_signature = rs.signature
    group by r.report_id
)

select
    p.report_id,
    null as project,
    'duplicate_text' as rule_id,
    'warning' as severity,
    '与其他单位雷同的文字' as subject,
    p.passages_shared::double as measured,
    p.passages_shared || '段，' || case when p.exact then '' else '至少' end || p.other_units || '个其他单位' as measured_text,
    getvariable('duplicate_text__min_chars') as threshold,
    '报告中有' || p.passages_shared || '段文字（每段至少' || fmt_num(getvariable('duplicate_text__min_chars')) || '字）与'
    || case when p.exact then '' else '至少' end || p.other_units || '个其他单位的报告一字不差'
    || case when len(coalesce(o.names, [])) > 0 then '（如「' || array_to_string(o.names, '」「') || '」）' else '' end
    || case when l.name is not null then '，其中一段写有「' || l.name || '」的名称' else '' end
    || '，请核实是否照搬他人材料' as message,
    '最长的一段：' || left(p.longest, 300) || case when length(p.longest) > 300 then '…' else '' end as evidence,
    '正文' as location
from per_report as p
left join other_names as o using (report_id)
left join name_left_in as l using (report_id)
