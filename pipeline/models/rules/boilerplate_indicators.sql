-- rule: boilerplate_indicators
-- tier: 1
-- severity: warning
-- parameters: min_share = 0.8, min_rows = 3
-- title: 指标雷同
-- meaning_zh: 两张及以上指标表（同一单位的不同项目，或不同单位）的三级指标名称大部分相同，去除空白后逐字一致。
-- severity_zh: 警告
-- meaning: two or more tables (projects of one unit, or different units) share most indicator texts
-- (三级指标 names identical after whitespace removal).
-- computed: the distinct 三级指标 texts (whitespace removed) of each table with at least min_rows; two tables are alike when their shared texts reach min_share of the larger table; pairs are looked for within a report and across units (texts used by more than 200 tables only pair within a report).
-- why: indicators copied between projects measure none of them: the targets say nothing about what each project was for.
-- not: tables sharing fewer texts (the department table of 004 shares about half with its project tables), tables under min_rows.
with table_names as (
    select distinct report_id, project, table_no, name_key
    from stg_indicators
    where figures_from = 'table' and name_key <> ''
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
    join table_sizes as s using (report_id, project, table_no)
),

name_spread as (
    -- a text used by very many tables cannot pair them all: it only counts within one report
    select name_key, count(*) as tables_using from sized_names group by all
),

pairs as (
    select
        a.report_id as report_a, a.project as project_a, a.table_no as table_a, a.names as names_a,
        b.report_id as report_b, b.project as project_b, b.table_no as table_b, b.names as names_b,
        count(*) as shared
    from sized_names as a
    join sized_names as b
        on a.name_key = b.name_key
        and (a.report_id < b.report_id or (a.report_id = b.report_id and a.table_no < b.table_no))
    join name_spread as s on s.name_key = a.name_key
    where a.report_id = b.report_id or s.tables_using <= 200
    group by all
),

similar_pairs as (
    select *, shared / greatest(names_a, names_b) as share
    from pairs
    where shared / greatest(names_a, names_b) >= getvariable('boilerplate_indicators__min_share') - 1e-9
),

sides as (
    select report_a as report_id, project_a as project, table_a as table_no, names_a as names, shared, share,
           report_b as other_report, project_b as other_project, table_b as other_table
    from similar_pairs
    union all
    select report_b, project_b, table_b, names_b, shared, share, report_a, project_a, table_a
    from similar_pairs
),

described as (
    select
        s.*,
        case when s.other_report = s.report_id then '本报告' else coalesce(r.unit, '另一单位') || '（' || coalesce(r.fiscal_year::varchar, '') || '）' end
        || subject_of(s.other_project) || '表' || (s.other_table + 1) as other_label
    from sides as s
    join stg_reports as r on r.report_id = s.other_report
)

select
    report_id,
    project,
    'boilerplate_indicators' as rule_id,
    'warning' as severity,
    subject_of(project) || '绩效指标表（表' || (table_no + 1) || '）' as subject,
    round(max(share) * 100, 1) as measured,
    count(*) || '张表雷同' as measured_text,
    getvariable('boilerplate_indicators__min_share') * 100.0 as threshold,
    subject_of(project) || '绩效指标表的' || any_value(names) || '项三级指标与' || string_agg(other_label, '、' order by other_label)
    || '的指标文字最多' || fmt_num(max(share) * 100) || '%相同，指标可能照搬，请核实是否贴合项目实际' as message,
    string_agg(other_label || '：相同' || shared || '项', '；' order by other_label) as evidence,
    '表' || (table_no + 1) as location
from described
group by report_id, project, table_no
