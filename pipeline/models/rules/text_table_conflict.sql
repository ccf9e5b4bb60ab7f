-- rule: text_table_conflict
-- tier: 2
-- severity: warning
-- parameters: amount_share = 0.005, rate_tolerance_pct = 0.5, score_tolerance = 0.05, share_tolerance = 1
-- title: 正文与表格数字矛盾
-- meaning_zh: 正文中的数字与表格中同一数字矛盾（预算总额、基本支出/项目支出、执行数、执行率、自评总分），或正文所写基本支出与项目支出的占比相加不是 100%。金额容差 0.5%，执行率 0.5 个百分点，分数 0.05 分，占比 100±1。
-- severity_zh: 警告
-- meaning: a figure in the prose contradicts the same figure in a table (budget total, 基本支出 / 项目支出,
-- execution, self-score), or shares stated in the prose (占总支出的65.3%) do not add to 100%.
-- computed: for each report and project, its 年度资金总额 line read from a table against the one read from the prose: initial, full-year, actual (|difference| > amount_share of the larger) and the stated rate (> rate_tolerance_pct points); 基本支出 and 项目支出 of the whole report read from a table against the prose; the stated self-score against the 总分 score of the report's only whole-report table (> score_tolerance); and in one prose sentence the shares written for both 基本支出 and 项目支出 (占…%) (exactly two shares in the sentence), whose sum must be 100 ± share_tolerance.
-- why: when the narrative and the table disagree, at least one is wrong, and the bureau cannot tell which figure the unit stands by.
-- not: differences within the tolerances, figures stated only once, shares of a partial list (其中 人员经费占…) that need not add to 100, sentences with other shares beside the two (their bases cannot be told apart), project tables against another project's prose.
with table_lines as (
    select * from stg_budget_lines where figures_from = 'table'
    qualify row_number() over (partition by report_id, project order by line_no) = 1
),

prose_lines as (
    select * from stg_budget_lines where figures_from = 'prose'
    qualify row_number() over (partition by report_id, project order by line_no) = 1
),

line_pairs as (
    select t.report_id, t.project, t.line_subject, f.figure, f.table_value, f.prose_value, f.is_rate,
           t.location as table_location, t.evidence as table_evidence, p.evidence as prose_evidence
    from table_lines as t
    join prose_lines as p on p.report_id = t.report_id and p.project is not distinct from t.project
    cross join lateral (values
        ('年初预算', t.initial_budget, p.initial_budget, false),
        ('全年预算', t.full_year_budget, p.full_year_budget, false),
        ('执行数', t.actual, p.actual, false),
        ('执行率', t.exec_rate_pct, p.exec_rate_pct, true)
    ) as f(figure, table_value, prose_value, is_rate)
    where f.table_value is not null and f.prose_value is not null
),

spending_pairs as (
    select t.report_id, null as project, '部门整体' as line_subject,
           case t.nature when 'basic' then '基本支出' else '项目支出' end as figure,
           t.amount as table_value, p.amount as prose_value, false as is_rate,
           '表格' as table_location, t.evidence as table_evidence, p.evidence as prose_evidence
    from (select * from stg_spending where origin = 'table' and project is null qualify row_number() over (partition by report_id, nature order by label) = 1) as t
    join (select * from stg_spending where origin = 'prose' and project is null qualify row_number() over (partition by report_id, nature order by label) = 1) as p
        using (report_id, nature)
),

figure_conflicts as (
    select *
    from (select * from line_pairs union all select * from spending_pairs)
    where case
        when is_rate then abs(table_value - prose_value) > getvariable('text_table_conflict__rate_tolerance_pct') + 1e-9
        else abs(table_value - prose_value) > getvariable('text_table_conflict__amount_share') * greatest(abs(table_value), abs(prose_value)) + 1e-9
    end
),

score_pairs as (
    select r.report_id, r.self_score, t.total_score, t.location
    from stg_reports as r
    join (
        select * from stg_indicator_tables where project is null
        qualify count(*) over (partition by report_id) = 1
    ) as t using (report_id)
    where r.self_score is not null and t.total_score is not null
        and abs(r.self_score - t.total_score) > getvariable('text_table_conflict__score_tolerance') + 1e-9
),

share_mentions as (
    -- every share written in the sentence, and those a nature (基本支出 / 项目支出) introduces
    select
        report_id,
        sentence,
        len(regexp_extract_all(sentence, '占[^，。；,]{0,12}?[0-9]+(?:\.[0-9]+)?\s*[%％]')) as shares_written,
        regexp_extract_all(sentence, '(?:基本支出|项目支出)[^。；%％]{0,30}?占[^，。；,]{0,12}?[0-9]+(?:\.[0-9]+)?\s*[%％]') as nature_shares
    from (select distinct report_id, sentence from amounts where regexp_matches(sentence, '占[^，。；]{0,12}[0-9.]+\s*[%％]'))
),

share_sums as (
    select
        report_id, sentence, shares_written as shares,
        list_sum(list_transform(nature_shares, x -> regexp_extract(x, '([0-9]+(?:\.[0-9]+)?)\s*[%％]$', 1)::double)) as total_share
    from share_mentions
    where shares_written = 2 and len(nature_shares) = 2
        and len(list_filter(nature_shares, x -> starts_with(x, '基本支出'))) = 1
        and len(list_filter(nature_shares, x -> starts_with(x, '项目支出'))) = 1
)

select
    report_id,
    project,
    'text_table_conflict' as rule_id,
    'warning' as severity,
    line_subject || figure as subject,
    prose_value as measured,
    '正文' as measured_text,
    table_value as threshold,
    line_subject || figure || '正文写作' || fmt_num(prose_value) || case when is_rate then '%' else '万元' end || '，表格写作' || fmt_num(table_value)
    || case when is_rate then '%' else '万元' end || '，正文与表格矛盾，请核实以哪个为准' as message,
    '表格：' || left(table_evidence, 200) || '；正文：' || left(prose_evidence, 200) as evidence,
    table_location || '；正文' as location
from figure_conflicts

union all

select
    report_id,
    null,
    'text_table_conflict',
    'warning',
    '自评总分',
    self_score,
    '报告所写总分',
    total_score,
    '报告所写自评总分' || fmt_num(self_score) || '分，而绩效自评表总分行为' || fmt_num(total_score) || '分，请核实以哪个为准',
    '总分：' || fmt_num(self_score) || '；表格总分行：' || fmt_num(total_score),
    location
from score_pairs

union all

select
    report_id,
    null,
    'text_table_conflict',
    'warning',
    '支出占比',
    round(total_share, 2),
    shares || '项占比合计',
    100,
    '正文所写' || shares || '项占比合计' || fmt_num(total_share) || '%，不等于100%，请核实各项占比',
    left(sentence, 300),
    '正文'
from share_sums
where abs(total_share - 100) > getvariable('text_table_conflict__share_tolerance') + 1e-9
