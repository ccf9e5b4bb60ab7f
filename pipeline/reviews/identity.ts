/**
 * A report across corrections and resubmissions: unit, fiscal year, kind and project (the
 * same grouping that decides which file of a resubmitted report is current). Null when the
 * unit or year is unknown, or a project report names no project.
 */
export const REPORT_IDENTITY_SQL = `case when unit_key is not null and fiscal_year is not null and not (kind = 'project' and project is null)
  then concat_ws('|', unit_key, fiscal_year::varchar, kind, coalesce(project, '')) end`;
