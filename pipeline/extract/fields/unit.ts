import { labelWords } from '../form/index.ts';
import { cleanUnitName, isOrgName, publisherOf, regionFromText, regionFromUnit, unitFromBody, unitFromLabelLine, unitFromTitle } from '../header.ts';
import { runOnValues } from '../runon.ts';
import type { LabelField } from '../form/index.ts';
import type { ReportContext } from './context.ts';
import { labelledEvidence, labelledLocation, labelledValues } from './labelled.ts';
import { readField, type FieldOutcome, type Strategy } from './reading.ts';
import { squash } from '../text.ts';

type S = Strategy<ReportContext, string>;

/** A label cell of the given fields in rows of one origin (and, for tables, of some tables). */
const fromLabel = (name: string, fields: LabelField[], pick: (ctx: ReportContext) => ReportContext['rows'], check = false): S => ({
  name,
  read: (ctx) => {
    for (const lv of labelledValues(pick(ctx), fields)) {
      const value = cleanUnitName(lv.value);
      if (!value || (check && !isOrgName(value))) continue;
      return { value, source: lv.row.origin, location: labelledLocation(lv), evidence: labelledEvidence(lv) };
    }
    return null;
  },
});

const ownTableRows = (ctx: ReportContext) => ctx.rows.filter((r) => r.origin === 'table' && ctx.ownTables.some((v) => v.tableNo === r.tableNo));
const projectTableRows = (ctx: ReportContext) => ctx.rows.filter((r) => r.origin === 'table' && ctx.projectTables.some((v) => v.tableNo === r.tableNo));
const allTableRows = (ctx: ReportContext) => ctx.rows.filter((r) => r.origin === 'table');
const lineRowsOf = (ctx: ReportContext) => ctx.rows.filter((r) => r.origin === 'lines');

const head = (ctx: ReportContext) => ctx.paraTexts.slice(0, 40).join('\n');

/** A run-on value taken as a unit name only if it reads like one. */
function orgName(values: string[]): string | null {
  for (const value of values) {
    const name = cleanUnitName(value);
    if (isOrgName(name)) return name;
    // OCR noise after a name ("某市教育局实施第位"): the longest head that is a place's organisation
    for (let end = name.length - 1; end >= 4; end--) {
      const h = name.slice(0, end);
      if (isOrgName(h) && regionFromUnit(h)) return h;
    }
  }
  return null;
}

const fromRunOn = (name: string, labels: string[]): S => ({
  name,
  read: (ctx) => {
    const value = orgName(runOnValues(head(ctx), labels));
    return value ? { value, source: 'runon', location: '正文（表格文本）', evidence: value } : null;
  },
});

const UNIT_STRATEGIES: S[] = [
  fromLabel('own table: unit label', ['unit'], ownTableRows),
  {
    name: 'label line',
    read: (ctx) => {
      for (const [i, p] of ctx.paraTexts.slice(0, 40).entries()) {
        const value = unitFromLabelLine(p);
        if (value) return { value, source: 'label_line', location: `正文第${i + 1}段`, evidence: p };
      }
      return null;
    },
  },
  fromLabel('one cell per line: unit label', ['unit'], lineRowsOf, true),
  fromRunOn('run-on: unit label', labelWords('unit').filter((w) => w.length >= 4)),
  fromLabel('table: implementer or unit label', ['implementer', 'unit'], allTableRows),
  fromLabel('one cell per line: implementer label', ['implementer'], lineRowsOf, true),
  fromRunOn('run-on: implementer label', labelWords('implementer')),
  {
    name: 'title',
    read: (ctx) => {
      const value = ctx.title ? unitFromTitle(ctx.title.text).unit : null;
      return value ? { value, source: 'title', location: `正文第${ctx.title!.index + 1}段`, evidence: ctx.title!.text } : null;
    },
  },
  {
    // a report written as a letter ends with the unit that signs it, then the date
    name: 'signature',
    read: (ctx) => {
      const p = ctx.paraTexts;
      for (let i = p.length - 1; i >= Math.max(0, p.length - 6); i--) {
        const name = cleanUnitName(p[i]);
        const next = squash(p[i + 1] ?? '');
        if (isOrgName(name) && regionFromUnit(name) && (next === '' || /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(next))) {
          return { value: name, source: 'prose', location: `正文第${i + 1}段（落款）`, evidence: [p[i], p[i + 1] ?? ''].join(' ') };
        }
      }
      return null;
    },
  },
  fromLabel('project table: supervisor label', ['supervisor'], projectTableRows),
  {
    name: 'body: unit before its year',
    read: (ctx) => {
      const value = unitFromBody(ctx.paraTexts);
      return value ? { value, source: 'prose', location: '正文', evidence: value } : null;
    },
  },
  fromRunOn('run-on: supervisor label', labelWords('supervisor')),
  {
    name: 'portal: publisher',
    read: (ctx) => {
      const hit = publisherOf(ctx.paraTexts);
      return hit ? { value: hit.name, source: 'metadata', location: `正文第${hit.index + 1}段`, evidence: hit.line } : null;
    },
  },
];

export const readUnit = (ctx: ReportContext): FieldOutcome<string> => readField('unit', ctx, UNIT_STRATEGIES, '未找到单位名称标签、标题或发布机构');

export function readRegion(ctx: ReportContext, unit: string | null): FieldOutcome<string> {
  return readField(
    'region',
    ctx,
    [
      {
        name: 'unit name',
        read: () => {
          const value = unit ? regionFromUnit(unit) : null;
          return value ? { value, source: 'derived', location: '单位名称', evidence: unit! } : null;
        },
      },
      {
        name: 'most cited place',
        read: (c) => {
          const value = regionFromText(c.text);
          return value ? { value, source: 'prose', location: '正文', evidence: value } : null;
        },
      },
    ],
    '单位名称与正文都未写明所属区划',
  );
}
