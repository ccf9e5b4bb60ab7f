import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * The steps between loading and the models, in SQL on the loaded tables: which file of a
 * resubmitted report is current, and one row per unit.
 */

/**
 * Resubmissions: files with the same unit, year, kind and project are one report; the latest
 * (report date, else file time, else file name) is current and the others point to it. A project
 * report without a project name is never taken as a resubmission. Returns how many were superseded.
 */
export async function resolveResubmissions(connection: DuckDBConnection): Promise<number> {
  await connection.run(`
    update reports set superseded_by = latest.current_id, is_current = false
    from (
      select report_id, first_value(report_id) over w as current_id
      from reports
      where unit_key is not null and fiscal_year is not null and not (kind = 'project' and project is null)
      window w as (partition by unit_key, fiscal_year, kind, coalesce(project, '')
                   order by report_date desc nulls last, file_mtime desc, path desc)
    ) as latest
    where reports.report_id = latest.report_id and latest.current_id <> reports.report_id`);
  await buildUnits(connection);
  const reader = await connection.runAndReadAll('select count(*) from reports where superseded_by is not null');
  return Number(reader.getRows()[0][0]);
}

/** One row per unit_key: the name and region of its latest current report, and every name seen. */
export async function buildUnits(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    insert into units
    select unit_key,
           arg_max(unit, (is_current, fiscal_year, path)),
           arg_max(region, (is_current, fiscal_year, path)),
           string_agg(distinct unit, '；' order by unit),
           count(*)
    from reports where unit_key is not null group by unit_key`);
}
