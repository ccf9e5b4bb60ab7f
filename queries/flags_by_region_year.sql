-- 按区划与年度统计的标记
-- 每个区划、每个年度：有标记的报告数，以及严重、警告、提示三级标记各多少条。只看现行报告。
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
where r.superseded_by is null
group by all
order by region, r.fiscal_year;
