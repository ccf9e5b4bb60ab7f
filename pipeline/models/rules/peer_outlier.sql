-- rule: peer_outlier
-- tier: 2
-- severity: info
-- parameters: max_abs_z = 3.5, min_peers = 8
-- title: 与同类单位差异悬殊
-- meaning_zh: 一份报告的“执行数÷年初预算”、执行率或自评分与同年度、同类型单位相比明显偏离（中位数与 MAD 计算的稳健 z 值）。
-- severity_zh: 提示
-- meaning: a report's actual ÷ initial budget, execution rate or self-score lies far from its peers (same
-- fiscal year, same kind of report and of unit) by robust z-score (median and MAD).
-- computed: per fiscal year, report kind and kind of unit (镇/乡/街道, schools, health, bureaus, offices, from the unit name): robust z = 0.6745 × (value − median) ÷ MAD of actual ÷ initial, execution rate and self-score; fires at |z| ≥ max_abs_z with at least min_peers peers.
-- why: a figure far from every comparable unit's is either an error or an exception that deserves a question.
-- not: groups with fewer than min_peers peers, groups where most units report the same value (MAD 0), units whose kind cannot be told from the name.
with measures as (
    select s.report_id, t.fiscal_year, t.kind, t.unit_type, m.metric, m.label, m.value
    from report_summary_inputs as s
    join stg_unit_types as t using (report_id)
    cross join lateral (
        values ('actual_to_initial', '实际支出/年初预算', s.actual_to_initial),
               ('exec_rate_pct', '执行率', s.exec_rate_pct),
               ('self_score', '自评分', s.self_score)
    ) as m(metric, label, value)
    where m.value is not null and t.unit_type <> 'unknown'
),

peers as (
    select
        *,
        count(*) over g - 1 as peer_count,
        median(value) over g as peer_median
    from measures
    window g as (partition by fiscal_year, kind, unit_type, metric)
),

spread as (
    select
        *,
        median(abs(value - peer_median)) over (partition by fiscal_year, kind, unit_type, metric) as mad
    from peers
),

scored as (
    select *, 0.6745 * (value - peer_median) / mad as z
    from spread
    where mad > 0 and peer_count >= getvariable('peer_outlier__min_peers')
)

select
    report_id,
    null as project,
    'peer_outlier' as rule_id,
    'info' as severity,
    label || '与同类单位比较' as subject,
    round(z, 2) as measured,
    label || ' ' || fmt_num(value) as measured_text,
    getvariable('peer_outlier__max_abs_z') as threshold,
    label || '为' || fmt_num(value) || '，同年度同类' || peer_count || '个单位的中位数为' || fmt_num(peer_median)
    || '，稳健z值' || fmt_num(z) || '，明显偏离同类单位，请核实' as message,
    '同类：' || fiscal_year || '年 ' || kind || ' ' || unit_type || '；中位数 ' || fmt_num(peer_median) || '；MAD ' || fmt_num(mad) as evidence,
    '报告整体' as location
from scored
where abs(z) >= getvariable('peer_outlier__max_abs_z')
