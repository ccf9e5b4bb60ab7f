-- stg_budget_lines: 现行报告的年度资金总额行，含有效全年预算（所写，否则年初预算 + 所写调整数）及据此计算的执行率 /
-- 年度资金总额 lines of current reports, with the effective full-year budget (stated, else initial +
-- stated adjustment) and the execution rate computed from it.
-- materialized: view; a table while the models run
-- columns:
--   report_id: 报告编号 / report id
--   project: 项目名称，空值为整份报告 / project name; null = the whole report
--   line_no: 该行在报告中的序号 / the line's position in the report
--   figures_from: 数字来源 table 表格 / prose 正文 / where the figures come from
--   initial_budget: 年初预算数（万元） / initial budget, 10k yuan
--   full_year_budget: 全年预算数（报告所写，万元） / full-year budget as stated, 10k yuan
--   adjustment: 报告所写的预算调整数（万元） / stated budget adjustment, 10k yuan
--   full_year_effective: 有效全年预算：所写全年预算，否则年初预算 + 调整数（万元） / full-year budget as stated, else initial + adjustment, 10k yuan
--   actual: 全年执行数（万元） / actual spending, 10k yuan
--   weight: 分值 / weight (points)
--   exec_rate_pct: 执行率（%，报告所写） / execution rate as stated, percent
--   score: 得分 / score
--   evidence: 原文（表格行或句子） / source cells or sentences
--   location: 在报告中的位置 / location in the report
--   line_subject: 标记中对该行的称呼（部门整体 / 项目「…」） / how flags name the line
--   exec_rate_computed: 计算执行率：执行数 ÷ 有效全年预算 × 100（%） / actual over the effective full-year budget, percent
with source as (
    select * from budget_lines
),

current_lines as (
    select source.*
    from source
    where report_id in (select report_id from stg_reports)
),

renamed as (
    select
        report_id,
        project,
        line_no,
        source as figures_from,
        initial_budget,
        full_year_budget,
        adjustment,
        coalesce(full_year_budget, initial_budget + adjustment) as full_year_effective,
        actual,
        weight,
        exec_rate_pct,
        score,
        evidence,
        location,
        subject_of(project) as line_subject
    from current_lines
)

select
    *,
    case when full_year_effective > 0 then actual / full_year_effective * 100 end as exec_rate_computed
from renamed
