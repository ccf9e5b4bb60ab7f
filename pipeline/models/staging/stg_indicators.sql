-- stg_indicators: indicator rows of current reports, with the comparator the target is read with
-- and whether the actual value meets it (null where the two cannot be compared).
with source as (
    select * from indicators
),

current_rows as (
    select source.*
    from source
    where report_id in (select report_id from stg_reports)
),

renamed as (
    select
        report_id,
        project,
        table_no,
        row_no,
        source as figures_from,
        level1,
        level1_weight_stated,
        level2,
        name,
        regexp_replace(name, '\s+', '', 'g') as name_key,
        target_text,
        target_number,
        target_unit,
        actual_text,
        actual_number,
        actual_unit,
        actual_is_range,
        actual_year,
        weight,
        score,
        deviation,
        evidence,
        location,
        -- a bare amount of money under 成本指标 is a ceiling; any written comparator stands as written
        coalesce(
            target_comparator,
            case
                when coalesce(level2, '') like '%成本%' and target_unit in ('万元', '元', '亿元') then '<='
                else '>='
            end
        ) as target_comparator,
        replace(coalesce(target_unit, ''), '％', '%') as target_unit_key,
        replace(coalesce(actual_unit, ''), '％', '%') as actual_unit_key
    from current_rows
)

select
    * exclude (target_unit_key, actual_unit_key),
    case
        when target_number is null or actual_number is null then null
        when target_unit_key <> '' and actual_unit_key <> '' and target_unit_key <> actual_unit_key then null
        when target_comparator = '>=' then actual_number >= target_number - 1e-9
        when target_comparator = '>' then actual_number > target_number
        when target_comparator = '<=' then actual_number <= target_number + 1e-9
        when target_comparator = '<' then actual_number < target_number
        else abs(actual_number - target_number) < 1e-9
    end as target_met
from renamed
