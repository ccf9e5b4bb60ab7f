import type { ReportColumns } from '../load/columns.ts';
import type { FileResult } from './worker.ts';

/**
 * A result as posted: a report's columns as JSON text where JSON keeps every value (no NaN, no
 * infinity, no -0). Structured cloning copies each of a report's hundred-odd arrays value by value
 * and builds them again on the main thread; one string is copied whole, and JSON.parse there costs
 * about half that deserialisation.
 */
export type PostedResult = FileResult | (Omit<Extract<FileResult, { ok: true }>, 'columns'> & { columnsJson: string });

/** Whether JSON gives the columns back as they are: every number finite and not -0, no undefined. */
function jsonKeeps(columns: ReportColumns): boolean {
  for (const table in columns) {
    for (const values of columns[table].columns) {
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (typeof v === 'number' ? !Number.isFinite(v) || Object.is(v, -0) : v === undefined) return false;
      }
    }
  }
  return true;
}

/** The result as the worker posts it. */
export function posted(result: FileResult): PostedResult {
  if (!result.ok || !jsonKeeps(result.columns)) return result;
  const { columns, ...rest } = result;
  return { ...rest, columnsJson: JSON.stringify(columns) };
}

/** The result as the worker made it (the main thread's side of `posted`). */
export function received(result: PostedResult): FileResult {
  if (!('columnsJson' in result)) return result;
  const { columnsJson, ...rest } = result;
  return { ...rest, columns: JSON.parse(columnsJson) as ReportColumns };
}
