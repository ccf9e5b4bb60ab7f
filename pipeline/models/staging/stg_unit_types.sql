-- stg_unit_types: 每份现行报告的单位类别（由单位名称判断），供跨单位规则比较同年同类单位 / the kind
-- of unit each current report belongs to, from its name, so that peers (same year, same kind of unit)
-- can be compared by the cross-unit rules.
-- columns:
--   report_id: 报告编号 / report id
--   fiscal_year: 评价年度 / fiscal year evaluated
--   kind: 报告类型 department / project / report kind
--   unit_type: 单位类别 township 乡镇街道 / school 学校 / health 医疗卫生 / bureau 局 / office 办公室、委员会、部 / other 其他 / unknown 未读出单位 / kind of unit
with source as (
    select report_id, unit, fiscal_year, kind from stg_reports
),

typed as (
    select
        report_id,
        fiscal_year,
        kind,
        case
            when unit is null then 'unknown'
            when regexp_matches(unit, '(镇|乡|街道)(人民政府|办事处)?$') then 'township'
            when regexp_matches(unit, '(学校|中学|小学|幼儿园|学院|大学)$') then 'school'
            when regexp_matches(unit, '(医院|卫生院|疾病预防控制中心|疾控中心|卫生服务中心)$') then 'health'
            when regexp_matches(unit, '局$') then 'bureau'
            when regexp_matches(unit, '(办公室|委员会|部)$') then 'office'
            else 'other'
        end as unit_type
    from source
)

select * from typed
