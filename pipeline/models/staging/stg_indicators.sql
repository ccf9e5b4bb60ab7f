-- stg_indicators: 现行报告的绩效指标行，含目标的比较方向及实际值是否达到（无法比较时为空） /
-- indicator rows of current reports, with the comparator the target is read with and whether the
-- actual value meets it (null where the two cannot be compared).
-- materialized: view; a table while the models run
-- columns:
--   report_id: 报告编号 / report id
--   project: 项目名称，空值为整份报告 / project name; null = the whole report
--   table_no: 表序号，正文为空 / table number; null for prose
--   row_no: 行序号 / row number
--   figures_from: 来源 table 表格 / prose 正文 / where the row was read
--   level1: 一级指标 / level-1 indicator
--   level1_weight_stated: 一级指标旁标注的分值，如 产出指标(50分) / weight printed beside the level-1 heading
--   level2: 二级指标 / level-2 indicator
--   name: 三级指标名称 / level-3 indicator name
--   name_key: 去掉空白的指标名称，比较用 / the name without whitespace, for comparisons
--   target_text: 年度指标值原文 / target as written
--   target_number: 目标数值 / target number
--   target_unit: 目标单位 / target unit
--   actual_text: 实际完成值原文 / actual as written
--   actual_number: 实际数值 / actual number
--   actual_unit: 实际值单位 / actual unit
--   actual_is_range: 实际值写成区间或承诺（≥98、以上） / actual written as a range or promise
--   actual_year: 正文中“XXXX年实际完成值”的年份 / year written before 实际完成值 in prose
--   weight: 分值 / weight (points)
--   score: 得分 / score
--   deviation: 偏差原因分析及改进措施 / deviation note
--   evidence: 原文（表格行或句子） / source cells or sentences
--   location: 在报告中的位置 / location in the report
--   target_comparator: 目标比较符 >= <= = > <（未写时成本指标的金额为 <=，其余为 >=） / target comparator (unwritten: <= for a money amount under 成本指标, else >=)
--   target_met: 实际值是否达到目标（单位不同或缺值时为空） / whether the actual meets the target; null when units differ or a value is missing
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
