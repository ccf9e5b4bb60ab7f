/** Which form a report is: the words that name the department-wide form, and the words of a title. */

export const DEPARTMENT_FORM_WORDS = ['部门整体', '部门单位整体', '单位整体', '整体支出', '整体绩效', '部门（单位）整体', '部门(单位)整体'];
export const TITLE_WORDS = ['绩效自评', '自评报告', '自评表', '自评结果', '评价报告', '绩效评价'];
/** names of the self-evaluation itself, which a form flattened into text still carries */
export const SELF_EVALUATION_NAMES = ['自评表', '自评报告', '绩效评价报告'];

export function formKindOf(text: string): 'department' | 'project' {
  const s = text.replace(/[\s\u3000]+/g, '');
  return DEPARTMENT_FORM_WORDS.some((w) => s.includes(w)) ? 'department' : 'project';
}

/** Words only the forms use; two of them beside a self-evaluation name make a form. */
export const FORM_FIELD_WORDS = [
  '年度资金总额',
  '预算执行',
  '执行率',
  '绩效指标',
  '一级指标',
  '三级指标',
  '年度指标值',
  '实际完成值',
  '年初预算数',
  '全年预算数',
  '全年执行数',
  '项目名称',
  '自评得分',
  '自评总分',
  '计划安排资金',
  '实际到位资金',
  '评价类型',
  '评价方式',
];
