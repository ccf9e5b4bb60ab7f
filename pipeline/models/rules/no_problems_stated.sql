-- rule: no_problems_stated
-- tier: 2
-- severity: warning
-- parameters: none
-- title: 失分或未达标却称无问题
-- meaning_zh: 存在问题部分或偏差分析部分写“无/暂无/没有//”，而报告有失分、未达成目标或预算执行率不足 100%。
-- severity_zh: 警告
-- meaning: the problems section or the deviation-analysis section says 无 / 暂无 / 没有 / / (either one) while the
-- report lost points, missed a target or executed less than 100%.
-- computed: sections (存在的问题, and the 偏离绩效目标的原因 / 偏差 section) whose text starts with 无, 暂无, 没有 or / followed by nothing or by 问题 / 偏差 / 偏离 and the end of the sentence (“暂无问题。”, “无”); the report counts as having lost points when an indicator row or a 年度资金总额 line scored below its weight, or the stated self-score is below 100; a target missed when a row's actual fails its target; execution below 100% from the report's own line (stated rate, else computed). One flag per report, naming the reasons.
-- why: a report that lost points and admits no problem gives the bureau nothing to follow up on: the problems section is where the unit says what it will correct.
-- not: reports with no lost points, no missed target and full execution; sections that list any problem, even a small one; sections the reader did not find (no section is missing_fields' or template's matter, not this rule's).
with empty_sections as (
    select report_id, string_agg(distinct heading || '：' || left(trim(text), 20), '；' order by heading || '：' || left(trim(text), 20)) as said
    from sections
    where report_id in (select report_id from stg_reports)
        and (kind = 'problems' or regexp_matches(heading, '偏离|偏差'))
        and regexp_matches(trim(text), '^(无|暂无|没有|/|／)(问题|偏差|偏离|明显问题|偏离情况|偏差情况)?\s*([。．.；;！]|\s|$)')
    group by report_id
),

lost as (
    select report_id, count(*) as rows_lost from stg_indicators where weight is not null and score < weight - 1e-9 group by report_id
),

missed as (
    select report_id, count(*) as rows_missed from stg_indicators where target_met = false group by report_id
),

execution as (
    select report_id, coalesce(exec_rate_pct, exec_rate_computed) as rate
    from stg_budget_lines
    where project is null
    qualify row_number() over (partition by report_id order by line_no) = 1
),

reasons as (
    select
        e.report_id,
        e.said,
        r.self_score,
        coalesce(l.rows_lost, 0) as rows_lost,
        coalesce(m.rows_missed, 0) as rows_missed,
        x.rate,
        concat_ws('，',
            case when coalesce(l.rows_lost, 0) > 0 then l.rows_lost || '项指标失分' end,
            case when l.rows_lost is null and r.self_score < 100 - 1e-9 then '自评' || fmt_num(r.self_score) || '分' end,
            case when m.rows_missed > 0 then m.rows_missed || '项目标未达成' end,
            case when x.rate < 100 - 1e-9 then '预算执行率' || fmt_num(x.rate) || '%' end
        ) as shortfalls
    from empty_sections as e
    join stg_reports as r using (report_id)
    left join lost as l using (report_id)
    left join missed as m using (report_id)
    left join execution as x using (report_id)
)

select
    report_id,
    null as project,
    'no_problems_stated' as rule_id,
    'warning' as severity,
    '存在问题' as subject,
    coalesce(rate, self_score) as measured,
    shortfalls as measured_text,
    100::double as threshold,
    '报告' || shortfalls || '，问题或偏差分析却写“' || regexp_extract(said, '：(.{0,10})', 1) || '”，请如实说明存在的问题及原因' as message,
    said as evidence,
    '存在问题部分' as location
from reasons
where shortfalls <> ''
