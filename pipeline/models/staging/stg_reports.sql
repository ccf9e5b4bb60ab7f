-- stg_reports: 现行报告（被重报取代的除外），各规则的基础 / the current reports (superseded
-- resubmissions left out, as int_report_versions decides), the base of every rule.
-- materialized: view; a table while the models run
-- columns:
--   report_id: 报告编号（由文件内容与路径得出） / report id (from the file's content and path)
--   file_name: 文件名 / file name
--   unit: 单位名称（报告所写） / unit name as written
--   unit_key: 单位标识（县级区划|单位名），跨年度比较用 / unit identity used across years
--   region: 所属区划（报告所写的最低一级） / region, the lowest division the report names
--   fiscal_year: 评价年度 / fiscal year evaluated
--   fiscal_year_source: 年度来源 text 正文 / report_date 填报日期 / file_name 文件名 / where the year was read
--   kind: 报告类型 department 部门整体 / project 项目支出 / report kind
--   report_project: 项目支出报告的项目名称（部门整体报告为空） / project name of a project report
--   report_date: 填报日期 / report date
--   self_score: 自评总分（报告所写） / total self-score as stated
--   has_problems_section: 是否有“存在问题”部分 / whether the report has a problems section
with source as (
    select * from reports
),

versions as (
    select report_id, is_current from int_report_versions
),

renamed as (
    select
        report_id,
        file_name,
        unit,
        unit_key,
        region,
        fiscal_year,
        fiscal_year_source,
        kind,
        project as report_project,
        report_date,
        self_score,
        has_problems_section
    from source
    join versions using (report_id)
    where versions.is_current
)

select * from renamed
