-- report_completeness: 每份现行报告一行：哪些主要字段已读出 / one row per current report: which of the
-- headline fields were read (unit, region, year, date, self-score, its own budget line with initial
-- budget and actual, indicator rows). The 数据质量 page counts and lists them.
-- columns:
--   report_id: 报告编号 / report id
--   path: 文件路径（相对输入文件夹） / file path under the input folder
--   unit: 单位名称（报告所写） / unit name as written
--   region: 所属区划 / region
--   fiscal_year: 评价年度 / fiscal year evaluated
--   fiscal_year_source: 年度来源 text 正文 / report_date 填报日期 / file_name 文件名 / where the year was read
--   report_date: 填报日期 / report date
--   self_score: 自评总分（报告所写） / total self-score as stated
--   has_budget_line: 是否有自身的年度资金总额行 / whether the report has its own budget line
--   has_initial_budget: 自身年度资金总额行是否有年初预算 / whether its own line states the initial budget
--   has_actual: 自身年度资金总额行是否有执行数 / whether its own line states the actual spending
--   has_indicators: 是否读出绩效指标行 / whether indicator rows were read
with own_lines as (
    select
        report_id,
        bool_or(initial_budget is not null) as has_initial_budget,
        bool_or(actual is not null) as has_actual
    from stg_budget_lines
    where project is null
    group by report_id
),

with_indicators as (
    select distinct report_id from stg_indicators
)

select
    r.report_id,
    f.path,
    r.unit,
    r.region,
    r.fiscal_year,
    r.fiscal_year_source,
    r.report_date,
    r.self_score,
    l.report_id is not null as has_budget_line,
    coalesce(l.has_initial_budget, false) as has_initial_budget,
    coalesce(l.has_actual, false) as has_actual,
    i.report_id is not null as has_indicators
from stg_reports as r
join reports as f using (report_id)
left join own_lines as l using (report_id)
left join with_indicators as i using (report_id)
order by r.report_id
