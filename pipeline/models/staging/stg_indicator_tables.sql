-- stg_indicator_tables: indicator tables of current reports with their 总分 row and row totals.
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
