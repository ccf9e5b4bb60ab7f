-- units: 单位：按 unit_key 归并 / units, grouped by unit_key: one row per unit identity (county-level
-- region + unit name) with the name and region of its latest current report and every name seen.
-- columns:
--   unit_key: 单位标识（县级区划|单位名） / unit identity
--   unit: 最新现行报告中的单位名称 / unit name in the latest current report
--   region: 最新现行报告所写的区划 / region of the latest current report
--   names_seen: 出现过的名称（以“；”分隔） / names seen, separated by “；”
--   report_count: 报告文件数（含被取代的） / number of report files, superseded included
with files as (
    select r.unit_key, r.unit, r.region, r.fiscal_year, r.path, v.is_current
    from reports as r
    join int_report_versions as v using (report_id)
    where r.unit_key is not null
)

select
    unit_key,
    arg_max(unit, (is_current, fiscal_year, path)) as unit,
    arg_max(region, (is_current, fiscal_year, path)) as region,
    string_agg(distinct unit, '；' order by unit) as names_seen,
    count(*)::integer as report_count
from files
group by unit_key
order by unit_key
