import { proseSelfScore } from '../prose.ts';
import { runOnTotalScore } from '../runon.ts';
import { tableTotalScore } from '../tables.ts';
import type { ReportContext } from './context.ts';
import { readField, type FieldOutcome } from './reading.ts';
import type { TablesRead } from './tables.ts';

/** The total self-score: the indicator table's 总分 row, a sentence, a 总分 row elsewhere, run-on 总分. */
export function readSelfScore(ctx: ReportContext, tables: TablesRead, singleProjectReport: boolean): FieldOutcome<number> {
  return readField(
    'self_score',
    ctx,
    [
      {
        name: 'indicator table total row',
        read: () => {
          const own = tables.indicatorTables.find((t) => t.project === null);
          return own?.totalScore != null ? { value: own.totalScore, source: 'table', location: own.location, evidence: own.totalScoreText ?? '' } : null;
        },
      },
      {
        name: 'prose',
        read: (c) => {
          const value = proseSelfScore(c.paraTexts.join('\n'));
          return value !== null ? { value, source: 'prose', location: '正文', evidence: `自评得分${value}` } : null;
        },
      },
      {
        name: 'total row of another table',
        read: (c) => {
          const value = tableTotalScore(singleProjectReport ? c.views : c.ownTables);
          return value !== null ? { value, source: 'table', location: '总分行', evidence: `总分 ${value}` } : null;
        },
      },
      {
        name: 'run-on total',
        read: (c) => {
          const value = runOnTotalScore(c.paraTexts.join('\n'));
          return value !== null ? { value, source: 'runon', location: '正文（表格文本）', evidence: `总分 ${value}` } : null;
        },
      },
    ],
    '未找到总分行或自评得分',
  );
}
