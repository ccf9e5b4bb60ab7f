-- rule: total_score_mismatch
-- tier: 1
-- severity: warning
-- parameters: tolerance = 0.05
-- title: 总分与分项得分之和不符
-- meaning_zh: 指标表写明的自评总分与“预算执行得分＋各指标得分”之和不符；总分为空属于 missing_fields，不在此规则。
-- severity_zh: 警告
-- meaning: the stated total self-score of an indicator table differs from the budget-execution score plus
-- the indicator scores. A blank total is missing_fields, not this rule.
-- computed: for each indicator table with a stated 总分 score: budget-execution score (the line of the same project) + the sum of its indicator scores, compared with the stated total within the tolerance.
-- why: a total that is not the sum of its parts inflates (or deflates) the grade the report claims.
-- not: a blank 总分 (missing_fields), tables with any unscored row, a budget row with a weight but no score, totals told only in prose (tier 2).
with tables as (
    select
        t.*,
        l.score as budget_score,
        l.weight as budget_weight
    from stg_indicator_tables as t
    left join stg_budget_lines as l
        on l.report_id = t.report_id and l.project is not distinct from t.project and l.figures_from = 'table'
    where t.total_score is not null and t.row_count > 0 and t.rows_scored = t.row_count
),

computed as (
    select
        *,
        coalesce(budget_score, 0) + score_sum as computed_total
    from tables
    where not (budget_weight is not null and budget_score is null)
)

select
    report_id,
    project,
    'total_score_mismatch' as rule_id,
    'warning' as severity,
    table_subject || '总分' as subject,
    computed_total as measured,
    '预算执行' || fmt_num(coalesce(budget_score, 0)) || ' + 指标' || fmt_num(score_sum) as measured_text,
    total_score as threshold,
    table_subject || '总分写作' || fmt_num(total_score) || '分，但预算执行得分' || fmt_num(coalesce(budget_score, 0))
    || '分与各项指标得分' || fmt_num(score_sum) || '分之和为' || fmt_num(computed_total) || '分，请核实总分' as message,
    '总分 ' || coalesce(total_score_text, fmt_num(total_score)) || '；指标得分合计 ' || fmt_num(score_sum)
    || '；预算执行得分 ' || fmt_num(coalesce(budget_score, 0)) as evidence,
    location
from computed
where abs(computed_total - total_score) > getvariable('total_score_mismatch__tolerance') + 1e-9
