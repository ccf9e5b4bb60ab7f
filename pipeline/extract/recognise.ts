/**
 * Whether text with no title line, unit, budget table or indicators is still a
 * self-evaluation form: a form flattened into run-on text names itself (自评表,
 * 自评报告) and uses the form's own field words. A letter or a contract that
 * mentions 绩效 uses neither.
 */
const SELF_NAMES = /自评表|自评报告|绩效评价报告/;
const FORM_WORDS = /年度资金总额|预算执行|执行率|绩效指标|一级指标|三级指标|年度指标值|实际完成值|年初预算数|全年预算数|全年执行数|项目名称|自评得分|自评总分|计划安排资金|实际到位资金|评价类型|评价方式/g;

export function readsAsSelfEvaluationForm(text: string): boolean {
  if (!SELF_NAMES.test(text)) return false;
  return new Set(text.match(FORM_WORDS) ?? []).size >= 2;
}
