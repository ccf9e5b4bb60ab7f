-- report_files: 每个载入的文件一行：路径、格式、单位与版本（是否现行、被哪份取代） / one row per loaded
-- file, current or superseded: path, format, unit and its version (whether current, which file replaces it).
-- The dashboard's 数据质量 page and file paths start here.
-- columns:
--   report_id: 报告编号 / report id
--   path: 文件路径（相对输入文件夹） / file path under the input folder
--   file_name: 文件名 / file name
--   format: 文件格式 / file format
--   unit: 单位名称（报告所写） / unit name as written
--   unit_key: 单位标识（县级区划|单位名） / unit identity
--   region: 所属区划 / region
--   fiscal_year: 评价年度 / fiscal year evaluated
--   kind: 报告类型 department 部门整体 / project 项目支出 / report kind
--   project: 项目支出报告的项目名称 / project name of a project report
--   report_identity: 报告身份（单位标识|年度|类型|项目），同一身份的文件互为重报；无法确定时为空 / unit_key|year|kind|project shared by the versions of one report; null when it cannot be told
--   is_current: 是否现行（未被取代） / not superseded
--   superseded_by: 取代它的现行版本的报告编号 / report_id of the current version that replaces it
--   superseded_by_path: 取代它的文件路径 / path of the file that replaces it
select
    r.report_id,
    r.path,
    r.file_name,
    r.format,
    r.unit,
    r.unit_key,
    r.region,
    r.fiscal_year,
    r.kind,
    r.project,
    v.report_identity,
    v.is_current,
    v.superseded_by,
    c.path as superseded_by_path
from reports as r
join int_report_versions as v using (report_id)
left join reports as c on c.report_id = v.superseded_by
order by r.path
