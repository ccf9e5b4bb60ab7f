-- int_own_budget_lines: 每份现行报告自身的年度资金总额行（整份报告的第一行，非项目行） / each current report's own budget line: the first line of the report as a whole (not a project's), shared by report_summary and the cross-unit rules.
-- columns:
--   report_id: 报告编号 / report id
--   line_no: 该行在报告中的序号 / the line's position in the report
select *
from stg_budget_lines
where project is null
qualify row_number() over (partition by report_id order by line_no) = 1
