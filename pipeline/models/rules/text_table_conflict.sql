-- rule: text_table_conflict
-- tier: 2
-- severity: warning
-- parameters: amount_share = 0.005, rate_tolerance_pct = 0.5, score_tolerance = 0.05, share_tolerance = 1
-- title: 正文与表格数字矛盾
-- meaning_zh: 正文中的数字与表格中同一数字矛盾（预算总额、基本支出/项目支出、执行数、执行率、自评总分），或正文所写基本支出与项目支出的占比相加不是 100%。金额容差 0.5%，执行率 0.5 个百分点，分数 0.05 分，占比 100±1。
-- severity_zh: 警告
-- meaning: a figure in the prose contradicts the same figure in a table (budget total, 基本支出 / 项目支出,
-- execution, self-score), or shares stated in the prose (占总支出的65.3%) do not add to 100%.
-- computed: the report's own 年度资金总额 line read from a table against the same figures in the prose: 年初预算, 全年预算, 执行数 (|difference| > amount_share of the larger) and the stated 执行率 (> rate_tolerance_pct points). The prose figure is a money figure labelled with the form's word for it (…年初预算, …全年预算 / 调整后预算, 支出合计 / 实际支出 / 决算支出 outside a budget sentence, the 执行率 written beside that spending figure), stated with one value in the whole prose; a line the extraction read from the prose itself is compared as read. 基本支出 and 项目支出 of the table's split by nature (where its two parts add to the line's 执行数, so it is a split of spending) against the prose's, written outside budget sentences (预算 without 决算 / 实际 / 执行) in a sentence that also states the year's total spending. The stated self-score against the 总分 score of the report's only whole-report table (> score_tolerance); and in one prose sentence the shares written for both 基本支出 and 项目支出 (占…%) (exactly two shares in the sentence), whose sum must be 100 ± share_tolerance.
-- why: when the narrative and the table disagree, at least one is wrong, and the bureau cannot tell which figure the unit stands by.
-- not: differences within the tolerances, 总支出 (reports use it for one kind of spending too), a split of one source of funds or of a part (…财政拨款支出…其中项目支出…), figures stated only once, a figure the prose states with two or more values (a project's own, last year's: which one is meant cannot be told), 基本支出 / 项目支出 in a budget sentence (年初预算安排…其中基本支出…) or against a table split that is not of spending, shares of a partial list (其中 人员经费占…) that need not add to 100, sentences with other shares beside the two (their bases cannot be told apart), project tables against another project's prose.
with table_lines as (
    select * from stg_budget_lines where figures_from = 'table'
    qualify row_number() over (partition by report_id, project order by line_no) = 1
),

prose_lines as (
    select * from stg_budget_lines where figures_from = 'prose'
    qualify row_number() over (partition by report_id, project order by line_no) = 1
),

prose_mentions as (
    -- the report's own figures as its prose states them: a money figure whose label is the
    -- form's word for the figure. Spending words count only outside a budget sentence (预算
    -- without 决算 / 实际 / 执行), and 基本支出 / 项目支出 only in a sentence that also states the
    -- year's total spending (支出合计…其中基本支出…): a split of one source of funds
    -- (财政拨款支出…其中) or of a part is not the table's split. 总支出 is left out: reports
    -- use it for one kind of spending as well as for the total.
    select report_id, amount, sentence, label,
        case
            when figure = '执行数' or not nature_label then figure
            when bool_or(figure = '执行数') over (partition by report_id, sentence) then figure
        end as figure
    from (
        select report_id, amount, sentence, label,
            regexp_matches(label, '^(其中)?[：:]?(基本支出|项目支出)$') as nature_label,
            case
                when regexp_matches(label, '年初预算(安排)?(数|支出|支出合计)?$') then '年初预算'
                when regexp_matches(label, '(全年预算|调整后预算)(数)?$') then '全年预算'
                when regexp_matches(label, '(支出合计|实际支出|决算支出|全年执行数)$') and not regexp_matches(label, '预算|年初|安排') and not is_budget_sentence then '执行数'
                when regexp_matches(label, '^(其中)?[：:]?基本支出$') and not is_budget_sentence then '基本支出'
                when regexp_matches(label, '^(其中)?[：:]?项目支出$') and not is_budget_sentence then '项目支出'
            end as figure
        from (
            select *,
                regexp_matches(regexp_replace(sentence, '一般公共预算|政府性基金预算|国有资本经营预算|财政专户管理资金预算', '', 'g'), '预算')
                and not regexp_matches(sentence, '决算|实际|执行') as is_budget_sentence
            from amounts
            where comparator is null and report_id in (select report_id from stg_reports)
        )
    )
),

prose_figures as (
    -- one figure stated once (one distinct value) in the whole prose: several values
    -- (a project's own, last year's) cannot be told apart
    select report_id, figure, any_value(amount) as prose_value, any_value(sentence) as prose_evidence
    from prose_mentions
    where figure is not null
    group by all
    having count(distinct amount) = 1
),

prose_rates as (
    select report_id, '执行率' as figure, any_value(rate) as prose_value, any_value(sentence) as prose_evidence
    from (
        select distinct report_id, sentence,
            try_cast(regexp_extract(sentence, '执行率(?:为|达到?)?\s*([0-9]+(?:\.[0-9]+)?)\s*[%％]', 1) as double) as rate
        from prose_mentions
        where figure = '执行数'
    )
    where rate is not null
    group by all
    having count(distinct rate) = 1
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

mention_pairs as (
    -- the report's own table line against the figures its prose states
    select t.report_id, t.project, t.line_subject, f.figure, f.table_value, p.prose_value, f.is_rate,
           t.location as table_location, t.evidence as table_evidence, p.prose_evidence
    from table_lines as t
    cross join lateral (values
        ('年初预算', t.initial_budget, false),
        ('全年预算', t.full_year_budget, false),
        ('执行数', t.actual, false),
        ('执行率', t.exec_rate_pct, true)
    ) as f(figure, table_value, is_rate)
    join (select * from prose_figures union all select * from prose_rates) as p on p.report_id = t.report_id and p.figure = f.figure
    where t.project is null and f.table_value is not null
        and not exists (select 1 from prose_lines as l where l.report_id = t.report_id and l.project is null)
),

table_spending as (
    -- the table's split by nature, where it is a split of the line's spending (its parts add to the 执行数)
    select s.report_id, s.nature, s.amount, s.evidence
    from (select * from stg_spending where origin = 'table' and project is null qualify row_number() over (partition by report_id, nature order by label) = 1) as s
    join (
        select report_id, sum(amount) as parts, count(*) as natures
        from (select * from stg_spending where origin = 'table' and project is null qualify row_number() over (partition by report_id, nature order by label) = 1)
        group by all
    ) as p using (report_id)
    join table_lines as t on t.report_id = s.report_id and t.project is null
    where p.natures = 2 and t.actual > 0
        and abs(p.parts - t.actual) <= getvariable('text_table_conflict__amount_share') * t.actual + 0.02
),

spending_pairs as (
    select t.report_id, null as project, '部门整体' as line_subject,
           case t.nature when 'basic' then '基本支出' else '项目支出' end as figure,
           t.amount as table_value, p.amount as prose_value, false as is_rate,
           '表格' as table_location, t.evidence as table_evidence, p.evidence as prose_evidence
    from (select * from stg_spending where origin = 'table' and project is null qualify row_number() over (partition by report_id, nature order by label) = 1) as t
    join (select * from stg_spending where origin = 'prose' and project is null qualify row_number() over (partition by report_id, nature order by label) = 1) as p
        using (report_id, nature)

    union all

    select t.report_id, null, '部门整体',
           case t.nature when 'basic' then '基本支出' else '项目支出' end as figure,
           t.amount, p.prose_value, false, '表格', t.evidence, p.prose_evidence
    from table_spending as t
    join prose_figures as p on p.report_id = t.report_id and p.figure = case t.nature when 'basic' then '基本支出' else '项目支出' end
    where not exists (select 1 from stg_spending as s where s.report_id = t.report_id and s.origin = 'prose' and s.project is null)
),

figure_conflicts as (
    select *
    from (select * from line_pairs union all select * from mention_pairs union all select * from spending_pairs)
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
