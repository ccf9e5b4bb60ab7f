-- stg_indicator_tables: 现行报告的绩效指标表，含总分行及各行合计 / indicator tables of current
-- reports with their 总分 row and row totals.
-- columns:
--   report_id: 报告编号 / report id
--   project: 项目名称，空值为整份报告 / project name; null = the whole report
--   table_no: 表序号 / table number
--   total_weight: 总分行所写的分值 / weight written in the 总分 row
--   total_score: 总分行所写的得分 / score written in the 总分 row
--   total_score_text: 总分得分格原文 / the 总分 score cell as written
--   has_total_row: 是否有总分行 / whether the table has a 总分 row
--   location: 在报告中的位置 / location in the report
--   row_count: 表格中的指标行数 / indicator rows read from the table
--   rows_weighted: 写有分值的行数 / rows with a weight
--   rows_scored: 写有得分的行数 / rows with a score
--   weight_sum: 各行分值之和 / sum of the rows' weights
--   score_sum: 各行得分之和 / sum of the rows' scores
--   table_subject: 标记中对该表的称呼 / how flags name the table
with source as (
    select * from indicator_tables
),

current_tables as (
    select source.*
    from source
    where report_id in (select report_id from stg_reports)
),

row_totals as (
    select
        report_id,
        table_no,
        count(*) as row_count,
        count(weight) as rows_weighted,
        count(score) as rows_scored,
        sum(weight) as weight_sum,
        sum(score) as score_sum
    from stg_indicators
    where figures_from = 'table'
    group by report_id, table_no
)

select
    t.report_id,
    t.project,
    t.table_no,
    t.total_weight,
    t.total_score,
    t.total_score_text,
    t.has_total_row,
    t.location,
    coalesce(r.row_count, 0) as row_count,
    coalesce(r.rows_weighted, 0) as rows_weighted,
    coalesce(r.rows_scored, 0) as rows_scored,
    r.weight_sum,
    r.score_sum,
    subject_of(t.project) || '绩效指标表' as table_subject
from current_tables as t
left join row_totals as r using (report_id, table_no)
