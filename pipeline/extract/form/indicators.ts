import type { IndicatorColumn } from './columns.ts';

/**
 * The indicator table of the national forms as data: its level-1 and level-2 headings, the
 * order of its columns, what each column may hold, the cells that end the table, and the
 * arithmetic a reading must satisfy (得分 ≤ 分值; 分值 total 100 with the budget row's).
 */

/** 一级指标 headings (a weight may follow: 产出指标(50分)). */
export const LEVEL1_WORDS = ['产出指标', '效益指标', '满意度指标', '成本指标'];

/** 二级指标 headings of the forms since 财预〔2020〕10号 and before. */
export const LEVEL2_WORDS = [
  '数量指标',
  '质量指标',
  '时效指标',
  '成本指标',
  '经济成本指标',
  '社会成本指标',
  '生态环境成本指标',
  '经济效益指标',
  '社会效益指标',
  '生态效益指标',
  '可持续影响指标',
  '服务对象满意度指标',
  '社会公众满意度指标',
];

const LEVEL_WEIGHT_RE = /^(.+?)[（(](\d+(?:\.\d+)?)分[)）]$/;

/** A heading cell as compared: no whitespace. */
const bare = (cell: string) => cell.replace(/[\s\u3000\u00a0]+/g, '');

/**
 * Which level a heading cell names, with the weight written beside a level-1 heading.
 * 成本指标 is a level-2 heading of the older forms and a level-1 one of the newer:
 * both are returned, and the cell after it decides.
 */
export function indicatorLevelOf(cell: string): { word: string; levels: (1 | 2)[]; weight: number | null } | null {
  const s = bare(cell);
  const m = LEVEL_WEIGHT_RE.exec(s);
  // "经济效益" and "服务对象满意度指标等" name the headings too
  let word = (m ? m[1] : s).replace(/等$/, '');
  if (!word.endsWith('指标')) word += '指标';
  const levels: (1 | 2)[] = [];
  if (LEVEL1_WORDS.includes(word)) levels.push(1);
  if (LEVEL2_WORDS.includes(word)) levels.push(2);
  return levels.length ? { word, levels, weight: m ? Number(m[2]) : null } : null;
}

/** A level-1 weight written in a cell of its own after the heading: "(40分)". */
export function levelWeightCell(cell: string): number | null {
  const m = /^[（(](\d+(?:\.\d+)?)分[)）]$/.exec(bare(cell));
  return m ? Number(m[1]) : null;
}

/** The 总分 row that closes the table. */
export const isIndicatorTotalCell = (cell: string) => /^(自评)?(总分|总得分|合计|总计|合计得分)$/.test(bare(cell));

/** Cells of the form after the indicator table: the table has ended before them. */
const AFTER_TABLE_WORDS = ['其他需要说明', '其它需要说明', '说明事项', '填表人', '填报人', '联系电话', '评价结论', '自评结论', '审核意见', '单位负责人', '财务负责人'];
export const endsIndicatorTable = (cell: string) => AFTER_TABLE_WORDS.some((w) => bare(cell).startsWith(w));

/** Page furniture inside a table printed over pages: 第2页, 第 2 页 / 共 15 页, 续表. */
export const isPageFurniture = (cell: string) => /^(第\d+页(\/?共\d+页)?|共\d+页|续表\d*|[（(]续[表]?[)）])$/.test(bare(cell));

/** Template rows left unfilled: 指标1, 指标2, ……, …. */
export const isTemplatePlaceholder = (cell: string) => /^(指标\d*|[…．.·。]+|\.{3,})$/.test(bare(cell));

/** A template row's number written before the name: 指标1工程完工率 → 工程完工率. */
export const withoutTemplateNumber = (cell: string) => cell.replace(/^\s*指标\s*\d+\s*[:：、.．]?\s*/, '');

/** 指标性质 written in its own cell: ≥, ≤, =, and their look-alikes. */
export const isComparatorCell = (cell: string) => /^(≥|≧|>=|≤|≦|<=|>|<|＞|＜|=|═|＝|定性|定量|正向|反向)$/.test(bare(cell));

/** An empty cell written as a dash or a slash. */
export const isBlankMark = (cell: string) => /^[—\-－–/／\\]+$/.test(bare(cell));

/** 度量单位 in its own cell: a unit of count, time, area, money or a share, no figure. */
const MEASURE_UNIT_RE =
  /^(%|％|‰|[个人户次元天日月年周项件所家座台套辆间张份册本篇场期批棵株亩吨条处名位村栋部宗类]|人次|万人|万人次|万元|亿元|小时|工作日|公顷|平方米|平米|㎡|米|公里|千米|千克|公斤|立方米|[元人]\/[\u4e00-\u9fff·]{1,4})$/;
export const isMeasureUnitCell = (cell: string) => MEASURE_UNIT_RE.test(bare(cell));

/** The columns of the indicator table in the forms' order (a header that keeps the names after the values is read in this order). */
export const INDICATOR_COLUMN_ORDER: IndicatorColumn[] = ['level1', 'level2', 'name', 'nature', 'target', 'measureUnit', 'actual', 'weight', 'score', 'deviation'];

/**
 * How much a reading pays for leaving a column of a row without a cell. Offices leave 偏差原因
 * blank on rows that met their target; a row that lost its target or actual cell is rarer, so a
 * reading that leaves fewer of those blank is preferred.
 */
export const BLANK_CELL_COST: Partial<Record<IndicatorColumn, number>> = { nature: 1, target: 1, measureUnit: 1, actual: 1, deviation: 0 };

/** 分值 of the budget row when its figure is not read: the national forms give it 10, some provinces 20. */
export const BUDGET_ROW_WEIGHTS = [10, 20];

/** 分值 of a whole form: the 总分 row's first figure where written, else 100. */
export const FORM_TOTAL_WEIGHT = 100;
