-- 按区划与年度统计的标记
-- Flags per region and fiscal year, by severity.
select
    coalesce(r.region, '（未识别）') as region,
    r.fiscal_year,
    count(distinct r.report_id) as reports_flagged,
    count(*) filter (where a.severity = 'critical') as critical,
    count(*) filter (where a.severity = 'warning') as warning,
    count(*) filter (where a.severity = 'info') as info,
    count(*) as flags
from anomalies as a
join reports as r using (report_id)
group by all
order by region, r.fiscal_year;
