-- rule: boilerplate_indicators
-- tier: 1
-- severity: warning
-- parameters: min_share = 0.8, min_rows = 3
-- title: 指标雷同
-- meaning_zh: 一张指标表的三级指标名称（去除空白后逐字一致）大部分也出现在其他表中（同一报告的其他项目表，或其他单位的表），无论多少单位共用。每张表一条标记。
-- severity_zh: 警告
-- meaning: most of a table's indicator texts (三级指标 names identical after whitespace removal) are also used
-- by other tables: another table of the same report, or a table of another unit, however many units use
-- them. One flag per table.
-- computed: the distinct 三级指标 texts (whitespace removed) of each table with at least min_rows are grouped by text: a text is shared when a table of another unit, or another table of the same report, uses it. A table is flagged once when its shared texts reach min_share of its texts; measured is that share, the message names how many other units use the most widely shared text and up to three of the units sharing most of its texts (among the first four units of each text).
-- why: indicators copied between projects or units measure none of them: the targets say nothing about what each project was for.
-- not: tables sharing fewer texts (the department table of 004 shares about half with its project tables), tables under min_rows, texts a unit repeats in its own reports of other years (a recurring project keeps its indicators).
with table_names as (
    select distinct i.report_id, i.project, i.table_no, i.name_key, r.unit_key, coalesce(r.unit, r.unit_key, i.report_id) as unit_name
    from stg_indicators as i
    join stg_reports as r using (report_id)
    where i.figures_from = 'table' and i.name_key <> ''
),

table_sizes as (
    select report_id, project, table_no, count(*) as names
    from table_names
    group by all
    having count(*) >= getvariable('boilerplate_indicators__min_rows')
),

sized_names as (
    select n.*, s.names
    from table_names as n
    -- project is null for the whole report's table: joined with is not distinct from
    join table_sizes as s on s.report_id = n.report_id and s.table_no = n.table_no and s.project is not distinct from n.project
),

name_groups as (
    -- one row per text: how many units use it and the first four of them
    select name_key,
           count(distinct coalesce(unit_key, report_id)) as units_using,
           list_sort(list_distinct(min(unit_name, 4))) as first_units
    from sized_names
    group by name_key
),

in_report as (
    select report_id, name_key, count(*) as tables_in_report from sized_names group by all
),

marked as (
    select n.*, g.units_using, i.tables_in_report,
           list_filter(g.first_units, u -> u <> n.unit_name) as others,
           g.units_using >= 2 or i.tables_in_report >= 2 as is_shared
    from sized_names as n
    join name_groups as g using (name_key)
    join in_report as i using (report_id, name_key)
),

per_table as (
    select report_id, project, table_no, any_value(unit_name) as unit_name, any_value(names) as names,
           count(*) filter (where is_shared) as shared,
           max(units_using) - 1 as other_units,
           bool_or(tables_in_report >= 2) as within_report
    from marked
    group by all
    having count(*) filter (where is_shared) >= (getvariable('boilerplate_indicators__min_share') - 1e-9) * any_value(names)
),

other_names as (
    select report_id, project, table_no, list(other order by times desc, other)[1:3] as names
    from (
        select report_id, project, table_no, other, count(*) as times
        from (select report_id, project, table_no, unnest(others) as other from marked where units_using >= 2)
        group by all
    )
    group by all
)

select
    t.report_id,
    t.project,
    'boilerplate_indicators' as rule_id,
    'warning' as severity,
    subject_of(t.project) || '绩效指标表（表' || (t.table_no + 1) || '）' as subject,
    round(t.shared / t.names * 100, 1) as measured,
    t.shared || '/' || t.names || '项相同' as measured_text,
    getvariable('boilerplate_indicators__min_share') * 100.0 as threshold,
    subject_of(t.project) || '绩效指标表的' || t.names || '项三级指标中有' || t.shared || '项（' || fmt_num(t.shared / t.names * 100) || '%）与'
    || concat_ws('、',
        case when t.within_report then '本报告其他指标表' end,
        case when t.other_units > 0 then '至少' || t.other_units || '个其他单位'
            || case when len(coalesce(o.names, [])) > 0 then '（如「' || array_to_string(o.names, '」「') || '」）' else '' end end)
    || '的指标文字相同，指标可能照搬，请核实是否贴合项目实际' as message,
    '相同的指标 ' || t.shared || ' 项，共 ' || t.names || ' 项' as evidence,
    '表' || (t.table_no + 1) as location
from per_table as t
left join other_names as o on o.report_id = t.report_id and o.table_no = t.table_no and o.project is not distinct from t.project
