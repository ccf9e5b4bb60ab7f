-- rule: indicator_set_thin
-- tier: 2
-- severity: info
-- parameters: min_rows = 3, max_share = 0.4
-- title: 指标过少或分值过于集中
-- meaning_zh: 一张指标表的计分指标少于 3 项，或一项指标占指标总分值的 40% 以上（预算执行一行不是指标，其分值不计入）。
-- severity_zh: 提示
-- meaning: a table has fewer than 3 scored indicators, or one indicator carries more than 40% of the indicator points
-- (the budget-execution row is not an indicator and its 分值 is not among the points).
-- computed: per indicator table (table rows, weight > 0): the number of scored rows, and the largest row weight ÷ the sum of row weights; flagged once when the count < min_rows or the share > max_share (exactly 40% is not flagged). Tables whose rows were read without weights are not judged.
-- why: one or two indicators cannot describe what a project delivered; an indicator carrying most of the points decides the score alone.
-- not: the budget-execution row, rows without a weight, narrated sets, tables with no weighted row at all.
with tables as (
    select report_id, project, table_no,
           count(*) as rows_scored, sum(weight) as points, max(weight) as top_weight,
           arg_max(name, weight) as top_name
    from stg_indicators
    where figures_from = 'table' and weight > 0
    group by all
)

select
    report_id,
    project,
    'indicator_set_thin' as rule_id,
    'info' as severity,
    subject_of(project) || '绩效指标表（表' || (table_no + 1) || '）' as subject,
    case when rows_scored < getvariable('indicator_set_thin__min_rows') then rows_scored else round(top_weight / points, 4) end as measured,
    case when rows_scored < getvariable('indicator_set_thin__min_rows') then '计分指标数' else '最大一项占比' end as measured_text,
    case when rows_scored < getvariable('indicator_set_thin__min_rows') then getvariable('indicator_set_thin__min_rows') else getvariable('indicator_set_thin__max_share') end as threshold,
    subject_of(project) || '绩效指标表' ||
    case when rows_scored < getvariable('indicator_set_thin__min_rows')
        then '只有' || rows_scored || '项计分指标，不足' || fmt_num(getvariable('indicator_set_thin__min_rows')) || '项，难以反映项目产出与效益，请补充指标'
        else '中“' || top_name || '”一项占指标分值' || fmt_num(top_weight) || '/' || fmt_num(points) || '（' || fmt_num(top_weight / points * 100) || '%），超过'
            || fmt_num(getvariable('indicator_set_thin__max_share') * 100) || '%，分值过于集中，请调整权重'
    end as message,
    rows_scored || '项计分指标，分值合计' || fmt_num(points) || '，最大一项“' || top_name || '”' || fmt_num(top_weight) as evidence,
    '表' || (table_no + 1) as location
from tables
where rows_scored < getvariable('indicator_set_thin__min_rows')
    or top_weight / points > getvariable('indicator_set_thin__max_share') + 1e-9
