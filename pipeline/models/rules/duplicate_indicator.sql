-- rule: duplicate_indicator
-- tier: 2
-- severity: warning
-- parameters: none
-- title: 同一表中指标重复
-- meaning_zh: 同一张指标表中同一三级指标（去除空白后）出现两次及以上，例如既列在产出指标下又列在效益指标下。
-- severity_zh: 警告
-- meaning: the same 三级指标 (after whitespace removal) appears twice in one table, e.g. under 产出 and under 效益.
-- computed: table rows grouped by report, project, table and name with whitespace removed; one flag per name used by two or more rows.
-- why: an indicator counted twice earns its points twice: the set looks larger and the score higher than the work measured.
-- not: the same name in different tables (boilerplate_indicators), rows without a name, narrated rows (prose may name an indicator again when it explains it).
select
    report_id,
    project,
    'duplicate_indicator' as rule_id,
    'warning' as severity,
    any_value(name) || case when figures_from = 'table' then '（表' || (any_value(table_no) + 1) || '）' else '（正文）' end as subject,
    count(*)::double as measured,
    count(*) || '次' as measured_text,
    1 as threshold,
    subject_of(project) || '指标“' || any_value(name) || '”在同一指标表中出现' || count(*) || '次（'
    || string_agg(coalesce(level1, '') || coalesce('·' || level2, ''), '、' order by row_no) || '），重复计分，请删去重复的指标' as message,
    string_agg(evidence, '；' order by row_no) as evidence,
    string_agg(location, '、' order by row_no) as location
from (
    -- only the repeated names are aggregated (their evidence strings are long)
    select *
    from stg_indicators
    where name_key <> '' and figures_from = 'table'
    qualify count(*) over (partition by report_id, table_no, name_key) >= 2
)
group by report_id, project, figures_from, table_no, name_key
