-- rule: all_full_marks
-- tier: 1
-- severity: info when the report has no problems section, warning when it has one
-- parameters: min_rows = 3
-- title: 全部指标满分
-- meaning_zh: 一张绩效指标表中每个有分值和得分的指标都恰好得满分。
-- severity_zh: 报告无问题部分时为提示，列有问题时为警告
-- meaning: every scored indicator of a table got exactly its weight.
-- computed: per indicator table, the rows with both weight and score; fires when there are at least min_rows of them and every score equals its weight.
-- why: a table where every indicator is met perfectly is rarely an honest self-assessment, especially when the same report lists problems.
-- not: tables with fewer than min_rows scored rows, rows without a weight or a score, indicators told only in prose.
with scored as (
    select
        report_id,
        project,
        table_no,
        count(*) as rows_scored,
        count(*) filter (where abs(score - weight) < 1e-9) as rows_full,
        sum(score) as score_sum,
        string_agg(name || ' ' || fmt_num(score) || '/' || fmt_num(weight), '；' order by row_no) as rows_text
    from stg_indicators
    where figures_from = 'table' and weight is not null and score is not null and weight > 0
    group by report_id, project, table_no
),

full_tables as (
    select
        s.*,
        r.has_problems_section
    from scored as s
    join stg_reports as r using (report_id)
    where s.rows_scored >= getvariable('all_full_marks__min_rows') and s.rows_full = s.rows_scored
)

select
    report_id,
    project,
    'all_full_marks' as rule_id,
    case when has_problems_section then 'warning' else 'info' end as severity,
    subject_of(project) || '绩效指标表（表' || (table_no + 1) || '）' as subject,
    rows_full::double as measured,
    rows_full || '/' || rows_scored || '项满分' as measured_text,
    getvariable('all_full_marks__min_rows')::double as threshold,
    subject_of(project) || '绩效指标表全部' || rows_scored || '项指标均得满分（合计' || fmt_num(score_sum)
    || '分）' || case when has_problems_section then '，而报告自述存在问题，请核实评分依据' else '，请核实评分依据' end as message,
    rows_text as evidence,
    '表' || (table_no + 1) as location
from full_tables
