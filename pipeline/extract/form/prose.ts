/**
 * How sentences name the budget figures ("年初预算支出1200万元", "调整后预算1350万元",
 * "纳入绩效评价的资金共43485.32万元", "全年实际支出1180万元"): the words a money
 * figure's label ends with, per budget field.
 */
export const PROSE_BUDGET_LABELS = {
  initial: ['年初预算支出', '年初预算数', '年初预算', '预算安排支出合计', '年初下达资金', '年初下达', '年初财政下达资金', '年初财政下达', '年初预算批复', '年初批复预算', '年初部门预算', '年初预算安排'],
  fullYear: ['全年预算数', '全年预算', '全年预算总额', '调整后预算数', '调整后的预算数', '调整后预算', '调整后的预算', '调整后预算总额', '纳入绩效评价的资金', '纳入评价的资金', '纳入绩效评价资金'],
  /** a 预算数 is the full-year budget only in the paragraph that states the rate */
  fullYearNearRate: ['预算数', '预算资金'],
  adjustment: ['预算调整', '调整预算'],
  actual: ['决算支出', '支出合计', '总支出', '支出总额', '实际支出', '实际支出数', '执行数', '全年执行数', '执行金额', '已使用', '实际使用', '实际支付'],
  /** "某镇政府支出", "单位支出": spending of the unit itself */
  actualByOrg: ['政府', '单位', '部门', '中心', '局', '院', '校', '镇', '乡'],
  /** labels that name part of the spending or a plan, not the year's total */
  actualExcluded: ['基本', '项目支出', '人员', '公用', '三公', '年初', '预算'],
  /** payments told project by project are no total where they differ */
  paidPiecewise: ['已使用', '实际使用', '实际支付'],
  income: ['收入', '到位'],
  /** "2023年支出2310.4万元", "全年支出…": the year's spending */
  actualOfYear: ['全年支出', '累计支出', '共支出', '已支出', '完成支出'],
  /** verbs of money paid out, in the clause before a figure: "已完成拨付8010万元", "已兑现…救助资金14280元" */
  spentVerbs: ['已完成拨付', '已拨付', '累计拨付', '已兑现', '已发放', '累计发放', '已支付', '累计支付', '已使用', '已完成支付'],
};

/** A figure's label without the filler before the figure ("资金共", "支出为"). */
export const proseLabelCore = (label: string) => label.replace(/(共计|共|为|是|达到|达)$/, '');

export const labelEndsWith = (label: string, words: string[]) => {
  const s = proseLabelCore(label);
  return words.some((w) => s.endsWith(w));
};
