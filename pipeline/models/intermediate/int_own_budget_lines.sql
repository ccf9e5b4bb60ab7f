-- int_own_budget_lines: 每份现行报告自身的年度资金总额行（整份报告的第一行，非项目行） / each current report's own budget line: the first line of the report as a whole (not a project's), shared by report_summary and the cross-unit rules.
-- columns:
--   report_id: 报告编号 / report id
--   project: 项目名称（此处恒为空：整份报告） / project name (always null here: the whole report)
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
--   line_subject: 标记中对该行的称呼 / how flags name the line
--   exec_rate_computed: 计算执行率：执行数 ÷ 有效全年预算 × 100（%） / actual over the effective full-year budget, percent
select *
from stg_budget_lines
where project is null
qualify row_number() over (partition by report_id order by line_no) = 1
