import { escapeRe, labelWords } from '../form/index.ts';
import { unitFromTitle } from '../header.ts';
import { runOnValue } from '../runon.ts';
import { squash } from '../text.ts';
import type { ReportContext } from './context.ts';
import { labelledEvidence, labelledLocation, labelledValues } from './labelled.ts';
import { readField, type FieldOutcome } from './reading.ts';

const PROJECT_LINE_RE = new RegExp(`(?:${labelWords('project').map(escapeRe).join('|')})\\s*[：:|]\\s*([^\\s|]{2,60})`);

/** The project of a project report: its one project table, the title, a 项目名称 line or run-on label. */
export function readProject(ctx: ReportContext, kind: 'department' | 'project'): FieldOutcome<string> {
  if (kind !== 'project') return { field: 'project', project: null, reading: null, reason: '部门整体报告无项目名称' };
  return readField(
    'project',
    ctx,
    [
      {
        name: 'the one project table',
        read: (c) => {
          if (c.projectTables.length !== 1) return null;
          const v = c.projectTables[0];
          const value = c.projectOf.get(v.tableNo);
          return value ? { value, source: 'table', location: `表${v.tableNo + 1}`, evidence: `项目名称：${value}` } : null;
        },
      },
      {
        name: 'project label',
        read: (c) => {
          const lv = labelledValues(c.rows, ['project'])[0];
          return lv ? { value: lv.value, source: lv.row.origin, location: labelledLocation(lv), evidence: labelledEvidence(lv) } : null;
        },
      },
      {
        name: 'title after the unit',
        read: (c) => {
          const value = c.title ? unitFromTitle(c.title.text).rest : '';
          return value ? { value, source: 'title', location: `正文第${c.title!.index + 1}段`, evidence: c.title!.text } : null;
        },
      },
      {
        name: 'line under the title',
        read: (c) => {
          if (!c.title) return null;
          const next = squash(c.paraTexts[c.title.index + 1] ?? '');
          const m = /^[（(](.+项目.*)[)）]$/.exec(next);
          return m ? { value: m[1], source: 'title', location: `正文第${c.title.index + 2}段`, evidence: next } : null;
        },
      },
      {
        name: 'project label line',
        read: (c) => {
          const m = PROJECT_LINE_RE.exec(c.text);
          return m ? { value: m[1], source: 'label_line', location: `正文第${m.index}字`, evidence: m[0] } : null;
        },
      },
      {
        name: 'run-on project label',
        read: (c) => {
          const value = runOnValue(c.paraTexts.join('\n'), labelWords('project'));
          return value ? { value, source: 'runon', location: '正文（表格文本）', evidence: value } : null;
        },
      },
    ],
    '未找到项目名称',
  );
}
