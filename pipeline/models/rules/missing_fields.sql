-- rule: missing_fields
-- tier: 1
-- severity: info
-- parameters: none
-- title: 应填项目空白
-- meaning_zh: 指标表的总分、某指标的分值或得分、或预算行的得分为空。
-- severity_zh: 提示
-- meaning: a table's total score, an indicator's weight or its score, or the budget row's 得分 is blank.
-- The 其中 rows under 年度资金总额 have no 分值/得分 by design and are not read here.
-- computed: indicator tables with a 总分 row whose score is blank; tables with rows whose weight or score is blank (one flag per table and field); table budget lines with a 分值 but no 得分.
-- why: a form with blanks cannot be checked and often hides a score the unit preferred not to write.
-- not: the 其中 rows under 年度资金总额 (no 分值/得分 by design), figures the reader could not find in prose (those are data quality, not flags).
select
    report_id,
    project,
    'missing_fields' as rule_id,
    'info' as severity,
    table_subject || '·总分' as subject,
    null::double as measured,
    '总分得分为空' as measured_text,
    null::double as threshold,
    table_subject || '总分行的自评得分为空，请填写总分' as message,
    '总分 ' || coalesce(nullif(total_score_text, ''), '（空）') as evidence,
    location
from stg_indicator_tables
where has_total_row and total_score is null

union all

select
    report_id,
    project,
    'missing_fields' as rule_id,
    'info' as severity,
    table_subject || '·指标' || field as subject,
    blank_rows::double as measured,
    blank_rows || '行空白' as measured_text,
    null::double as threshold,
    table_subject || '有' || blank_rows || '项指标的' || field || '为空，请补填' as message,
    names as evidence,
    location
from (
    select
        t.report_id,
        t.project,
        t.table_subject,
        t.location,
        f.field,
        count(*) as blank_rows,
        string_agg(i.name, '；' order by i.row_no) as names
    from stg_indicator_tables as t
    join stg_indicators as i on i.report_id = t.report_id and i.table_no = t.table_no and i.figures_from = 'table'
    cross join (values ('分值'), ('得分')) as f(field)
    where (f.field = '分值' and i.weight is null) or (f.field = '得分' and i.score is null)
    group by all
)

union all

select
    report_id,
    project,
    'missing_fields' as rule_id,
    'info' as severity,
    line_subject || '预算执行得分' as subject,
    null::double as measured,
    '得分为空' as measured_text,
    weight as threshold,
    line_subject || '年度资金总额行列有分值' || fmt_num(weight) || '分，但得分为空，请补填' as message,
    evidence,
    location
from stg_budget_lines
where figures_from = 'table' and weight is not null and score is null
