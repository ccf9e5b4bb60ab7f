import { findReportDate } from '../header.ts';
import type { ReportContext } from './context.ts';
import { readField, type FieldOutcome } from './reading.ts';

/** 填报日期 / 报告日期 in the first and last lines or the tables, or a date line of its own. */
export function readReportDate(ctx: ReportContext): FieldOutcome<string> {
  return readField(
    'report_date',
    ctx,
    [
      {
        name: 'date label or date line',
        read: (c) => {
          // the lines as groups (each table row one): copying every cell into one list cost more than the search
          const value = findReportDate([c.paraTexts.slice(0, 30), c.paraTexts.slice(-30), ...c.views.flatMap((v) => v.rows)]);
          return value ? { value, source: 'label_line', location: '填报日期', evidence: value } : null;
        },
      },
    ],
    '未写填报日期',
  );
}
