-- rule: benford_deviation
-- tier: 2
-- severity: info
-- parameters: max_p = 0.001, min_mad = 0.012, min_amounts = 300
-- title: 金额首位数字分布异常
-- meaning_zh: 一组金额（一个单位历年全部现行报告，或一个区划一个年度的全部报告）的首位数字分布与本福特定律的偏离不能用偶然解释（卡方检验 p < 0.001，且平均绝对偏差超过 0.012），至少 300 个金额才检验。单位组标在该单位最新的报告上，区划年度组标在贡献偏离最多的报告上；每份报告至多一条。
-- severity_zh: 提示
-- meaning: the first digits of a group of money figures (one unit's current reports over all years, or one
-- region's reports of one year) deviate from Benford's law beyond chance: chi-square p < 0.001 with at
-- least 300 figures, and a mean absolute deviation above 0.012, so that a large group's trivial deviation
-- is not flagged. One report's few dozen figures are never tested on their own.
-- computed: the distinct money figures of each current report (prose amounts and budget lines; a figure stated twice in one report counts once), grouped by unit (all years) and by region-year; for each group of at least min_amounts figures, Pearson's chi-square against log10(1 + 1/d) over the nine first digits and its exact p-value for 8 degrees of freedom, e^(−x/2)·(1 + x/2 + (x/2)²/2 + (x/2)³/6); flagged when p < max_p and the mean absolute deviation > min_mad. A unit group is flagged on its latest report; a region-year group on the report with most figures starting with the most over-represented digit; a report flagged for both keeps the unit flag.
-- why: invented figures rarely follow the first-digit law that real accounts follow; a strong deviation over many figures is a reason to sample the vouchers.
-- not: groups under min_amounts figures, one report on its own, deviations chance explains (p ≥ max_p), and large groups whose deviation, though certain, stays within min_mad (Nigrini's bound for acceptable conformity of first digits). On figures drawn from Benford's law the chance of a flag per group is below 0.1%.
with figures as (
    select distinct report_id, amount
    from (
        select report_id, amount from amounts where amount > 0
        union all
        select l.report_id, x.amount
        from stg_budget_lines as l
        cross join lateral (values (l.initial_budget), (l.full_year_budget), (l.actual)) as x(amount)
        where x.amount > 0
    )
    where report_id in (select report_id from stg_reports)
),

digits as (
    select f.report_id, r.unit_key, r.region, r.fiscal_year,
           cast(left(format('{:e}', f.amount), 1) as integer) as digit
    from figures as f
    join stg_reports as r using (report_id)
),

grouped as (
    select 'unit' as level, unit_key as group_key, report_id, digit from digits where unit_key is not null
    union all
    select 'region_year', region || '|' || fiscal_year, report_id, digit from digits where region is not null and fiscal_year is not null
),

counts as (
    select level, group_key, digit, count(*) as observed
    from grouped
    where digit between 1 and 9
    group by all
),

sizes as (
    select level, group_key, sum(observed) as total
    from counts
    group by all
    having sum(observed) >= getvariable('benford_deviation__min_amounts')
),

cells as (
    select s.level, s.group_key, s.total, e.digit, coalesce(c.observed, 0) as observed, s.total * log10(1 + 1 / e.digit) as expected
    from sizes as s
    cross join (select unnest(range(1, 10)) as digit) as e
    left join counts as c using (level, group_key, digit)
),

tests as (
    select
        level,
        group_key,
        any_value(total) as total,
        sum((observed - expected) ^ 2 / expected) as chi_square,
        avg(abs(observed - expected)) / any_value(total) as mad,
        arg_max(digit, observed - expected) as over_digit
    from cells
    group by all
),

scored as (
    select *, exp(-chi_square / 2) * (1 + chi_square / 2 + (chi_square / 2) ^ 2 / 2 + (chi_square / 2) ^ 3 / 6) as p_value
    from tests
),

deviant as (
    select * from scored
    where p_value < getvariable('benford_deviation__max_p') and mad > getvariable('benford_deviation__min_mad')
),

unit_flagged as (
    select d.*, arg_max(r.report_id, (r.fiscal_year, r.report_id)) as report_id, any_value(r.unit) as label
    from deviant as d
    join stg_reports as r on d.level = 'unit' and r.unit_key = d.group_key
    group by all
),

region_flagged as (
    select d.*, arg_max(g.report_id, (g.times, g.report_id)) as report_id,
           replace(d.group_key, '|', '') || '年' as label
    from deviant as d
    join (
        select group_key, report_id, digit, count(*) as times from grouped where level = 'region_year' group by all
    ) as g on d.level = 'region_year' and g.group_key = d.group_key and g.digit = d.over_digit
    group by all
),

flagged as (
    select *
    from (
        select *, 0 as preference from unit_flagged
        union all by name
        select *, 1 as preference from region_flagged
    )
    qualify row_number() over (partition by report_id order by preference, group_key) = 1
)

select
    report_id,
    null as project,
    'benford_deviation' as rule_id,
    'info' as severity,
    case level when 'unit' then '单位金额首位数字分布' else '区划年度金额首位数字分布' end as subject,
    round(p_value, 6) as measured,
    total || '个金额，卡方' || fmt_num(chi_square) || '，平均偏差' || fmt_num(mad * 100) || '%' as measured_text,
    getvariable('benford_deviation__max_p') as threshold,
    case level when 'unit' then '该单位历年报告' else label || '全部报告' end || '中' || total
    || '个金额的首位数字与本福特定律不符（卡方' || fmt_num(chi_square) || '，p<' || getvariable('benford_deviation__max_p')
    || '，平均偏差' || fmt_num(mad * 100) || '%），以' || over_digit || '开头的金额偏多，数字可能经过编排，请抽查原始凭证' as message,
    case level when 'unit' then '单位 ' || group_key else '区划年度 ' || label end || '；金额 ' || total || ' 个；首位数字 ' || over_digit || ' 偏多' as evidence,
    case level when 'unit' then '该单位全部现行报告' else label || '全部现行报告' end as location
from flagged
