-- 多个年度指标全部满分的单位
-- 规则 all_full_marks（指标表每一行都得满分）按单位（unit_key）汇总：满分的不同年度数、年度列表和满分表格数；
-- 只有一个年度的单位也列出，年度多的排在前面。只看现行报告。
select
    r.unit_key,
    any_value(r.unit order by r.fiscal_year desc) as unit,
    count(distinct r.fiscal_year) as years_all_full_marks,
    string_agg(distinct r.fiscal_year::varchar, '、' order by r.fiscal_year::varchar) as years,
    count(*) as tables_all_full_marks
from anomalies as a
join reports as r using (report_id)
where a.rule_id = 'all_full_marks'
  and r.superseded_by is null
group by r.unit_key
order by years_all_full_marks desc, tables_all_full_marks desc, unit;
