-- report_summary: 每份现行报告一行：金额、比率、自评分与标记数 / one row per current report for people:
-- unit, year, the report's own budget line, ratios, self-score and its flags counted by severity
-- (worst_severity by the order of the severities table). The dashboard's lists start here.
-- columns:
--   report_id: 报告编号（由文件内容与路径得出） / report id (from the file's content and path)
--   file_name: 文件路径（相对输入文件夹） / file path under the input folder
--   unit: 单位名称（报告所写） / unit name as the report writes it
--   unit_key: 单位标识（县级区划 + 单位名称），跨年度比较用 / unit identity used across years
--   region: 所属区划 / region the unit belongs to
--   fiscal_year: 评价年度 / fiscal year evaluated
--   kind: 报告类型 department 部门整体 / project 项目支出 / report kind
--   project: 项目名称（项目支出报告） / project name of a project report
--   report_date: 报告日期 / report date
--   self_score: 自评总分 / stated total self-score
--   initial_budget: 年初预算数（万元） / initial budget, 10k yuan
--   full_year_budget: 全年预算数（万元） / full-year (adjusted) budget, 10k yuan
--   actual: 全年执行数（万元） / actual spending, 10k yuan
--   actual_to_initial: 执行数 ÷ 年初预算 / actual spending over the initial budget
--   exec_rate_pct: 执行率（%，报告所写，否则计算） / execution rate in percent (stated, else computed)
--   indicator_count: 绩效指标行数 / number of indicator rows
--   flags: 异常标记数 / number of flags
--   critical_flags: 严重标记数 / critical flags
--   warning_flags: 警告标记数 / warning flags
--   info_flags: 提示标记数 / info flags
--   worst_severity: 最高严重程度（按 severities 表的顺序） / most serious severity among its flags
with reports as (
    select * from stg_reports
),

own_lines as (
    select * from int_own_budget_lines
),

indicator_counts as (
    select report_id, count(*) as indicator_count
    from stg_indicators
    group by report_id
),

flag_counts as (
    select
        report_id,
        count(*) as flags,
        count(*) filter (where severity = 'critical') as critical_flags,
        count(*) filter (where severity = 'warning') as warning_flags,
        count(*) filter (where severity = 'info') as info_flags,
        arg_min(severity, severity_rank) as worst_severity
    from anomalies
    left join severities using (severity)
    group by report_id
)

select
    r.report_id,
    r.file_name,
    r.unit,
    r.unit_key,
    r.region,
    r.fiscal_year,
    r.kind,
    r.report_project as project,
    r.report_date,
    r.self_score,
    l.initial_budget,
    l.full_year_effective as full_year_budget,
    l.actual,
    case when l.initial_budget > 0 then round(l.actual / l.initial_budget, 4) end as actual_to_initial,
    coalesce(l.exec_rate_pct, round(l.exec_rate_computed, 2)) as exec_rate_pct,
    coalesce(i.indicator_count, 0) as indicator_count,
    coalesce(f.flags, 0) as flags,
    coalesce(f.critical_flags, 0) as critical_flags,
    coalesce(f.warning_flags, 0) as warning_flags,
    coalesce(f.info_flags, 0) as info_flags,
    f.worst_severity
from reports as r
left join own_lines as l using (report_id)
left join indicator_counts as i using (report_id)
left join flag_counts as f using (report_id)
