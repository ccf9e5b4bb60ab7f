-- rule: score_inflation
-- tier: 2
-- severity: warning
-- parameters: min_score = 95, exec_below_pct = 90, min_missed = 2
-- title: 自评分偏高
-- meaning_zh: 自评总分 ≥95，而预算执行率低于 90%，或有 2 项及以上所写目标未达成，或本年存在问题部分承认资金结余过大、支出进度慢、资金闲置（作为事实，不是“以免资金闲置”这样的目标）。
-- severity_zh: 警告
-- meaning: self-score ≥ 95 while execution < 90%, or ≥ 2 stated targets were missed, or this year's problems section
-- admits unspent or idle funds (结余资金过大, 支出进度慢, 资金闲置 as a fact, not as an aim such as 以免资金闲置).
-- computed: the stated self-score ≥ min_score with any of: the report's own execution rate (stated, else computed) < exec_below_pct; at least min_missed indicator rows of the report's own table or narrative whose actual fails its target (project tables inside a department report have their own scores); a problems section that writes 结余(资金)过大 / 结余较大 / 支出进度慢 / 执行进度慢 / 资金闲置 / 资金沉淀 / 未使用完 without 以免 / 避免 / 防止 / 杜绝 / 确保不 just before it. One flag per report, naming the reasons.
-- why: a near-perfect score beside unspent money or missed targets is the self-evaluation's most common overstatement; the bureau's own review will mark it down.
-- not: scores under min_score, reports meeting every condition, idle funds named as something to prevent, problems of other years.
with execution as (
    select report_id, coalesce(exec_rate_pct, exec_rate_computed) as rate
    from stg_budget_lines
    where project is null
    qualify row_number() over (partition by report_id order by line_no) = 1
),

missed as (
    -- the rows the self-score is made of: the report's own table and narrated rows, not other projects' tables
    select i.report_id, count(*) as rows_missed, string_agg(i.name, '、' order by i.row_no) as names
    from stg_indicators as i
    join stg_reports as r using (report_id)
    where i.target_met = false and (i.project is null or i.project = r.report_project)
    group by i.report_id
),

admitted as (
    select report_id, min(phrase) as phrase
    from (
        select report_id, unnest(regexp_extract_all(text, '.{0,4}(?:结余资金过大|结余过大|结余较大|结余资金较大|支出进度慢|支出进度较慢|执行进度慢|执行进度较慢|资金闲置|资金沉淀|未使用完)')) as phrase
        from sections
        where kind = 'problems' and report_id in (select report_id from stg_reports)
    )
    where not regexp_matches(phrase, '以免|避免|防止|杜绝|确保不|不存在|没有|未出现|无')
    group by report_id
),

reasons as (
    select
        r.report_id,
        r.self_score,
        x.rate,
        m.rows_missed,
        concat_ws('，',
            case when x.rate < getvariable('score_inflation__exec_below_pct') - 1e-9 then '预算执行率仅' || fmt_num(x.rate) || '%' end,
            case when m.rows_missed >= getvariable('score_inflation__min_missed') then m.rows_missed || '项目标未达成（' || left(m.names, 40) || '）' end,
            case when a.phrase is not null then '存在问题部分写明“' || trim(a.phrase) || '”' end
        ) as why_text
    from stg_reports as r
    left join execution as x using (report_id)
    left join missed as m using (report_id)
    left join admitted as a using (report_id)
    where r.self_score >= getvariable('score_inflation__min_score') - 1e-9
)

select
    report_id,
    null as project,
    'score_inflation' as rule_id,
    'warning' as severity,
    '自评总分' as subject,
    self_score as measured,
    '自评分' as measured_text,
    getvariable('score_inflation__min_score') as threshold,
    '自评总分' || fmt_num(self_score) || '分，但' || why_text || '，自评分可能偏高，请核实' as message,
    '自评 ' || fmt_num(self_score) || '；' || why_text as evidence,
    '全文' as location
from reasons
where why_text <> ''
