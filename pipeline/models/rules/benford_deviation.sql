-- rule: benford_deviation
-- tier: 2
-- severity: info
-- parameters: max_mad = 0.015, min_amounts = 50
-- title: 金额首位数字分布异常
-- meaning_zh: 一个单位现行报告中全部金额（正文金额与预算行）的首位数字分布与本福特定律偏离较大（平均绝对偏差），标在该单位最新的报告上。
-- severity_zh: 提示
-- meaning: the first digits of all money figures a unit states (prose amounts and budget lines of its current
-- reports) deviate from Benford's law by mean absolute deviation. Flagged on the unit's latest report.
-- computed: the first digits of all money figures a unit states across its current reports (prose amounts and budget lines): mean absolute deviation from Benford's proportions log10(1 + 1/d); flagged on the unit's latest report.
-- why: invented figures rarely follow the first-digit law that real accounts follow; a strong deviation is a reason to sample the vouchers.
-- not: units with fewer than min_amounts figures (the law needs many), deviations within max_mad.
with figures as (
    select r.unit_key, a.amount
    from amounts as a
    join stg_reports as r using (report_id)
    where a.amount > 0 and r.unit_key is not null
    union all
    select r.unit_key, x.amount
    from stg_budget_lines as l
    join stg_reports as r using (report_id)
    cross join lateral (values (l.initial_budget), (l.full_year_budget), (l.actual)) as x(amount)
    where x.amount > 0 and r.unit_key is not null
),

digits as (
    select unit_key, cast(left(replace(format('{:e}', amount), '-', ''), 1) as integer) as digit
    from figures
),

counts as (
    select unit_key, digit, count(*) as n, sum(count(*)) over (partition by unit_key) as total
    from digits
    where digit between 1 and 9
    group by unit_key, digit
),

expected as (
    select unnest(range(1, 10)) as digit
),

deviation as (
    select
        u.unit_key,
        any_value(u.total) as total,
        avg(abs(coalesce(c.n, 0) / u.total - log10(1 + 1 / e.digit))) as mad
    from (select distinct unit_key, total from counts) as u
    cross join expected as e
    left join counts as c on c.unit_key = u.unit_key and c.digit = e.digit
    group by u.unit_key
),

latest as (
    select unit_key, arg_max(report_id, (fiscal_year, report_id)) as report_id
    from stg_reports
    where unit_key is not null
    group by unit_key
)

select
    l.report_id,
    null as project,
    'benford_deviation' as rule_id,
    'info' as severity,
    '单位金额首位数字分布' as subject,
    round(d.mad, 4) as measured,
    d.total || '个金额' as measured_text,
    getvariable('benford_deviation__max_mad') as threshold,
    '该单位' || d.total || '个金额的首位数字分布与本福特定律的平均偏差为' || fmt_num(d.mad * 100) || '%，超过'
    || fmt_num(getvariable('benford_deviation__max_mad') * 100) || '%，数字可能经过编排，请抽查原始凭证' as message,
    '单位 ' || d.unit_key || '；金额 ' || d.total || ' 个' as evidence,
    '全部现行报告' as location
from deviation as d
join latest as l using (unit_key)
where d.total >= getvariable('benford_deviation__min_amounts') and d.mad > getvariable('benford_deviation__max_mad')
