-- rule: cost_indicator_missing
-- tier: 2
-- severity: info
-- parameters: from_year = 2022, min_rows = 3
-- title: 缺少成本指标
-- meaning_zh: 2022 年度及以后的报告中，一张绩效指标表没有任何成本指标行（国家要求设置成本指标）。
-- severity_zh: 提示
-- meaning: an indicator table of a report for fiscal year 2022 or later has no 成本指标 row (the national guidance asks
-- for cost targets).
-- computed: indicator tables (table rows) of current reports with fiscal_year ≥ from_year and at least min_rows rows, none of whose rows has 成本 in its level 1 or level 2.
-- why: without a cost target nothing says what the output should have cost: the budget cannot be judged against it.
-- not: reports before from_year or without a fiscal year, tables under min_rows rows (a table read in part), narrated indicator sets.
with tables as (
    select i.report_id, i.project, i.table_no, r.fiscal_year, count(*) as row_count,
           count(*) filter (where contains(coalesce(i.level1, '') || coalesce(i.level2, ''), '成本')) as cost_rows
    from stg_indicators as i
    join stg_reports as r using (report_id)
    where i.figures_from = 'table' and r.fiscal_year >= getvariable('cost_indicator_missing__from_year')
    group by all
)

select
    report_id,
    project,
    'cost_indicator_missing' as rule_id,
    'info' as severity,
    subject_of(project) || '绩效指标表（表' || (table_no + 1) || '）' as subject,
    0::double as measured,
    row_count || '项指标，无成本指标' as measured_text,
    1 as threshold,
    subject_of(project) || '绩效指标表共' || row_count || '项指标，没有成本指标；' || fiscal_year || '年度起应设置成本指标，请补充' as message,
    '表' || (table_no + 1) || '：' || row_count || '行，成本指标 0 行' as evidence,
    '表' || (table_no + 1) as location
from tables
where cost_rows = 0 and row_count >= getvariable('cost_indicator_missing__min_rows')
