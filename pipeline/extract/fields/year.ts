import { yearFromTitleZone, yearNearTitleWords } from '../header.ts';
import { squash } from '../text.ts';
import { TITLE_WORDS } from '../form/index.ts';
import type { ReportContext } from './context.ts';
import { labelledEvidence, labelledLocation, labelledValues } from './labelled.ts';
import { readField, type FieldOutcome, type Strategy } from './reading.ts';

type S = Strategy<ReportContext, number>;

const inRange = (y: number) => y >= 2000 && y <= 2100;
/** A line that only names the period: （2019年度）, 2019年度), (2021年) */
const YEAR_LINE = /^[（(]?(\d{4})\s*年度?[)）]?$/;

const FISCAL_YEAR_STRATEGIES: S[] = [
  {
    // 评价年度：2022 — the form's own field for the year
    name: 'year label',
    read: (ctx) => {
      for (const lv of labelledValues(ctx.rows, ['fiscalYear'])) {
        const m = /^(\d{4})(年度?)?$/.exec(lv.value);
        if (m && inRange(Number(m[1]))) return { value: Number(m[1]), source: lv.row.origin, location: labelledLocation(lv), evidence: labelledEvidence(lv) };
      }
      return null;
    },
  },
  {
    name: 'title zone',
    read: (ctx) => {
      const t = ctx.title;
      const p = ctx.paraTexts;
      const zone = t ? [p[t.index], ...p.slice(t.index + 1, t.index + 3), ...p.slice(0, 4)] : p.slice(0, 6);
      const value = yearFromTitleZone(zone);
      return value ? { value, source: 'title', location: t ? `正文第${t.index + 1}段` : '正文开头', evidence: zone.filter((z) => z.includes(String(value)))[0] ?? '' } : null;
    },
  },
  {
    // a title repeated lower down (portal page, then the form), with its period on the next line
    name: 'period line under a title',
    read: (ctx) => {
      const p = ctx.paraTexts.slice(0, 60).map(squash);
      for (let i = 0; i < p.length; i++) {
        if (!TITLE_WORDS.some((w) => p[i].includes(w)) || p[i].length > 80) continue;
        for (const line of p.slice(i + 1, i + 3)) {
          const m = YEAR_LINE.exec(line);
          if (m && inRange(Number(m[1]))) return { value: Number(m[1]), source: 'title', location: `正文第${i + 2}段`, evidence: `${p[i]} ${line}` };
        }
      }
      return null;
    },
  },
  {
    name: 'beside the form name',
    read: (ctx) => {
      const value = yearNearTitleWords(ctx.paraTexts.join('\n'));
      return value ? { value, source: 'prose', location: '正文', evidence: `${value}年度` } : null;
    },
  },
];

export function readFiscalYear(ctx: ReportContext, reportDate: string | null): FieldOutcome<number> {
  return readField(
    'fiscal_year',
    ctx,
    [
      ...FISCAL_YEAR_STRATEGIES,
      {
        // reports are filed in the year after the one they evaluate
        name: 'report date minus one',
        read: () => (reportDate ? { value: Number(reportDate.slice(0, 4)) - 1, source: 'report_date', location: '填报日期', evidence: reportDate } : null),
      },
      {
        name: 'file name',
        read: (c) => {
          const m = /(?<!\d)(20\d{2})(?!\d)/.exec(c.fileName);
          return m ? { value: Number(m[1]), source: 'file_name', location: '文件名', evidence: c.fileName } : null;
        },
      },
    ],
    '标题、表头与填报日期都未写明评价年度',
  );
}
