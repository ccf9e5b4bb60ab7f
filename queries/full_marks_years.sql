-- 多个年度指标全部满分的单位
-- Units whose indicator tables scored every row at full marks, and in how many fiscal years.
select
    r.unit_key,
    any_value(r.unit) as unit,
    count(distinct r.fiscal_year) as years_all_full_marks,
    string_agg(distinct r.fiscal_year::varchar, '、' order by r.fiscal_year::varchar) as years,
    count(*) as tables_all_full_marks
from anomalies as a
join reports as r using (report_id)
where a.rule_id = 'all_full_marks' and r.superseded_by is null
group by r.unit_key
order by years_all_full_marks desc, tables_all_full_marks desc, unit;
