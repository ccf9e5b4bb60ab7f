-- int_report_versions: 每个文件一行：它属于哪份报告、是否现行 / one row per loaded file: which report it
-- is a version of and whether it is the current one. Files with the same unit, fiscal year, kind and
-- project are versions of one report (resubmissions); the latest (report date, else file time, else
-- path) is current and the others are superseded by it. A file whose unit or year is unknown, or a
-- project report without a project name, is never taken as a resubmission. The one definition of
-- "current" that stg_reports, the flags' keys, units and reports.is_current rest on.
-- materialized: view; a table while the models run
-- columns:
--   report_id: 报告编号 / report id
--   report_identity: 报告身份（单位标识|年度|类型|项目），同一身份的文件互为重报；无法确定时为空 / unit_key|year|kind|project shared by the versions of one report; null when it cannot be told
--   version_rank: 同一报告各版本由新到旧的次序，1 为现行 / position among the versions of its report, newest first; 1 = current
--   superseded_by: 取代它的现行版本的报告编号，现行为空 / report_id of the current version that replaces it; null = current
--   is_current: 是否现行（未被取代） / not superseded
with source as (
    select report_id, unit_key, fiscal_year, kind, project, report_date, file_mtime, path
    from reports
),

identified as (
    select
        *,
        unit_key is not null and fiscal_year is not null and not (kind = 'project' and project is null) as resolvable
    from source
),

ranked as (
    select
        report_id,
        case when resolvable then concat_ws('|', unit_key, fiscal_year::varchar, kind, coalesce(project, '')) end as report_identity,
        case when resolvable then row_number() over versions else 1 end as version_rank,
        case when resolvable then first_value(report_id) over versions end as current_id
    from identified
    window versions as (
        partition by resolvable, unit_key, fiscal_year, kind, coalesce(project, '')
        order by report_date desc nulls last, file_mtime desc, path desc
    )
)

select
    report_id,
    report_identity,
    version_rank,
    case when current_id <> report_id then current_id end as superseded_by,
    version_rank = 1 as is_current
from ranked
