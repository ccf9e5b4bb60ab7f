-- rule: unit_mismatch
-- tier: 2
-- severity: warning
-- parameters: none
-- title: 指标计量单位矛盾
-- meaning_zh: 指标值或实际值所写的计量单位与指标名称所示的单位矛盾：…率/…度/覆盖率 应为 %，面积/亩 为面积单位，人数/人次 为人，资金/成本/经费 为金额；例如比率指标写成万元、亩写成万元。未写单位不算矛盾。
-- severity_zh: 警告
-- meaning: the unit written with a target or actual contradicts the indicator's own unit, inferred from its
-- name (…率 / …度 / 覆盖率 → %; 面积 / 亩 → area; 人数 / 人次 → people; 资金 / 成本 / 经费 → money).
-- computed: the indicator's unit kind from its name (a name ending in 率 or 度, or containing 覆盖率 → percent; else 面积 or 亩 → area; else 人数 or 人次 → people; else 资金, 成本 or 经费 → money); the kind of each written unit (% ‰ → percent; 万元 元 亿元 → money; 亩 平方米 ㎡ 公顷 平方公里 → area; 人 人次 名 → people). Flagged once per row when a written unit's kind is another of these kinds. A money-named row written in % (资金到位 100%) is not a contradiction, nor an area or count written in %.
-- why: a figure in the wrong unit is a figure that was copied or filled in without being measured; its comparison with the target means nothing.
-- not: missing units, units of other kinds (个, 次, 公里, 天), money or area or count indicators measured in %, and the comparison itself (a different unit on target and actual leaves target_met unknown).
with typed as (
    select
        *,
        case
            when regexp_matches(name, '(率|度)\s*[)）]?\s*$') or contains(name, '覆盖率') then 'percent'
            when regexp_matches(name, '面积|亩') then 'area'
            when regexp_matches(name, '人数|人次') then 'people'
            when regexp_matches(name, '资金|成本|经费') then 'money'
        end as name_kind
    from stg_indicators
),

units as (
    select t.*, u.side, u.unit_written,
        case
            when u.unit_written in ('%', '％', '‰') then 'percent'
            when u.unit_written in ('万元', '元', '亿元') then 'money'
            when u.unit_written in ('亩', '平方米', '㎡', '公顷', '平方公里', '万亩', '平米') then 'area'
            when u.unit_written in ('人', '人次', '名', '万人', '万人次') then 'people'
        end as unit_kind
    from typed as t
    cross join lateral (values ('目标', t.target_unit), ('实际', t.actual_unit)) as u(side, unit_written)
    where t.name_kind is not null and u.unit_written is not null
),

contradictions as (
    select *
    from units
    where unit_kind is not null and unit_kind <> name_kind
        and not (unit_kind = 'percent' and name_kind in ('money', 'area', 'people'))
)

select
    report_id,
    project,
    'unit_mismatch' as rule_id,
    'warning' as severity,
    coalesce(level2 || '·', '') || name as subject,
    null::double as measured,
    string_agg(distinct side || '值单位“' || unit_written || '”', '，' order by side || '值单位“' || unit_written || '”' desc) as measured_text,
    null::double as threshold,
    '指标“' || name || '”应以' || case any_value(name_kind) when 'percent' then '百分比' when 'area' then '面积' when 'people' then '人数' else '金额' end
    || '计量，但' || string_agg(distinct side || '值写作“' || case side when '目标' then target_text else actual_text end || '”', '，' order by side || '值写作“' || case side when '目标' then target_text else actual_text end || '”' desc)
    || '，单位矛盾，请核实数值是否填错' as message,
    any_value(evidence) as evidence,
    any_value(location) as location
-- target before actual (目 sorts after 实): without an order the sides came in the order DuckDB's threads gave
from contradictions
group by report_id, project, table_no, row_no, figures_from, level2, name
