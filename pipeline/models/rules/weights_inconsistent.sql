-- rule: weights_inconsistent
-- tier: 1
-- severity: warning
-- parameters: total = 100
-- title: 权重不一致
-- meaning_zh: 一级指标标注的分值（如“产出指标(50分)”）与其下各行分值之和不符，或整张表（含预算执行行）的分值合计不是 100。
-- severity_zh: 警告
-- meaning: a level-1 heading's weight (产出指标(50分)) differs from the sum of its rows' weights, or the
-- weights of a table, the budget row's 分值 included, do not total 100.
-- computed: per table: each level-1 heading's stated weight against the sum of its rows' weights; and all row weights plus the budget row's 分值 against the configured total (100).
-- why: weights that do not add up make every score on the form meaningless, and often show a template edited without care.
-- not: tables with rows missing a weight (missing_fields), headings without a stated weight, weights that differ from the national template but still add up (weights_off_template, tier 2).
with level1_groups as (
    select
        report_id,
        project,
        table_no,
        level1,
        any_value(level1_weight_stated) as stated,
        sum(weight) as row_weights,
        count(*) as row_count,
        count(weight) as rows_weighted,
        string_agg(name || ' ' || fmt_num(weight), '；' order by row_no) as rows_text
    from stg_indicators
    where figures_from = 'table' and level1 is not null and level1_weight_stated is not null
    group by report_id, project, table_no, level1
),

table_totals as (
    select
        t.report_id,
        t.project,
        t.table_no,
        t.table_subject,
        t.weight_sum,
        coalesce(l.weight, 0) as budget_weight,
        t.weight_sum + coalesce(l.weight, 0) as total_weight,
        t.location
    from stg_indicator_tables as t
    left join stg_budget_lines as l
        on l.report_id = t.report_id and l.project is not distinct from t.project and l.figures_from = 'table'
    where t.row_count > 0 and t.rows_weighted = t.row_count
)

select
    report_id,
    project,
    'weights_inconsistent' as rule_id,
    'warning' as severity,
    subject_of(project) || '表' || (table_no + 1) || '·' || level1 as subject,
    row_weights as measured,
    '分项分值合计' as measured_text,
    stated as threshold,
    subject_of(project) || '绩效指标表中' || level1 || '标注' || fmt_num(stated) || '分，但其下各指标分值合计'
    || fmt_num(row_weights) || '分，请核实权重设置' as message,
    rows_text as evidence,
    '表' || (table_no + 1) as location
from level1_groups
where rows_weighted = row_count and abs(row_weights - stated) > 1e-9

union all

select
    report_id,
    project,
    'weights_inconsistent' as rule_id,
    'warning' as severity,
    subject_of(project) || '表' || (table_no + 1) || '·权重合计' as subject,
    total_weight as measured,
    '指标' || fmt_num(weight_sum) || ' + 预算执行' || fmt_num(budget_weight) as measured_text,
    getvariable('weights_inconsistent__total')::double as threshold,
    table_subject || '的分值合计为' || fmt_num(total_weight) || '分（指标' || fmt_num(weight_sum) || '分、预算执行'
    || fmt_num(budget_weight) || '分），不等于' || fmt_num(getvariable('weights_inconsistent__total')) || '分，请核实权重设置' as message,
    '指标分值合计 ' || fmt_num(weight_sum) || '；预算执行分值 ' || fmt_num(budget_weight) as evidence,
    location
from table_totals
where abs(total_weight - getvariable('weights_inconsistent__total')) > 1e-9
