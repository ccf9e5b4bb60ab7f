-- report_fields: 现行报告各字段从何处读出（或为何未读出） / where each field of a current report was read,
-- or why it was not (field_sources of current reports, with the file's path).
-- materialized: view
-- columns:
--   report_id: 报告编号 / report id
--   path: 文件路径（相对输入文件夹） / file path under the input folder
--   project: 项目名称，空值为整份报告 / project name; null = the whole report
--   field: 字段 / field
--   value: 读出的值（未读出为空） / the value read; null when none was
--   source: 来源类别（表格、正文、文件名等） / kind of source (table, prose, file name, …)
--   strategy: 读出它的方法 / the reading strategy that found it
--   location: 在报告中的位置 / location in the report
--   evidence: 原文 / source text
--   reason: 未读出的原因 / why no value was stored
select
    f.report_id,
    r.path,
    f.project,
    f.field,
    f.value,
    f.source,
    f.strategy,
    f.location,
    f.evidence,
    f.reason
from field_sources as f
join stg_reports as c using (report_id)
join reports as r using (report_id)
