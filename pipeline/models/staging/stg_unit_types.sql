-- stg_unit_types: the kind of unit each current report belongs to, from its name, so that peers
-- (same year, same kind of unit) can be compared by the cross-unit rules.
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
