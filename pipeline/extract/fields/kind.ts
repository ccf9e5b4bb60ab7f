import { DEPARTMENT_FORM_WORDS, formKindOf } from '../form/index.ts';
import type { ReportContext } from './context.ts';
import { readField, type FieldOutcome } from './reading.ts';

/** Department-wide or project form: the form's name in the first lines and the first table's head. */
export function readKind(ctx: ReportContext): FieldOutcome<'department' | 'project'> {
  return readField(
    'kind',
    ctx,
    [
      {
        // the title names the form: 部门整体支出绩效自评报告 / 项目支出绩效自评表
        name: 'form name in the title',
        read: (c) => {
          const t = c.title?.text ?? '';
          // 某局2022年度部门绩效自评报告: a department's own report, named without 整体
          const ownReport = /(部门|单位)(支出)?(预算)?绩效(自评|评价)/.test(t) && !/项目|专项|资金/.test(t);
          if (!DEPARTMENT_FORM_WORDS.some((w) => t.includes(w)) && !ownReport) return null;
          return { value: 'department', source: 'title', location: `正文第${c.title!.index + 1}段`, evidence: t };
        },
      },
      {
        name: 'form name in the header zone',
        read: (c) => {
          const first = c.views[0];
          const zone = [...c.paraTexts.slice(0, 15), ...(first ? first.rows.slice(0, 6).flat() : [])].join('\n');
          const value = formKindOf(zone);
          return { value, source: c.title ? 'title' : 'prose', location: '正文开头', evidence: c.title?.text ?? zone.slice(0, 60) };
        },
      },
    ],
    '',
  );
}
