import { codeUnitTable, remembered } from '../memo.ts';
import { WHITESPACE_CODE_UNITS } from '../../read/grid.ts';

/**
 * The label cells of the national self-evaluation forms (部门整体支出绩效自评表,
 * 项目支出绩效自评表, 转移支付绩效自评表) and their 基础数据表, each with the
 * spellings offices and OCR give it. This is the one list every reader uses to
 * tell a label from a value.
 */

export type LabelField =
  | 'unit'
  | 'implementer'
  | 'supervisor'
  | 'project'
  | 'reportDate'
  | 'selfScore'
  | 'fiscalYear'
  | 'other';

interface FormLabel {
  field: LabelField;
  /** spellings as a whole label cell (after whitespace and 盖章 notes are removed) */
  words: string[];
}

const FORM_LABELS: FormLabel[] = [
  {
    // the evaluated unit itself
    field: 'unit',
    words: [
      '区级预算单位名称',
      '县级预算单位名称',
      '市级预算单位名称',
      '省级预算单位名称',
      '预算单位名称',
      '预算部门名称',
      '部门（单位）名称',
      '部门(单位)名称',
      '单位（部门）名称',
      '单位(部门)名称',
      '部门单位名称',
      '预算部门单位',
      '预算部门',
      '预算单位',
      '单位名称',
      '部门名称',
      '填报单位',
      '自评单位',
      '评价单位',
      '项目单位',
      '部门',
    ],
  },
  {
    // who spends the money of a project or transfer form
    field: 'implementer',
    words: ['项目实施单位', '资金使用单位', '项目执行单位', '项目承担单位', '实施单位', '执行单位', '用款单位', '承担单位'],
  },
  {
    field: 'supervisor',
    words: ['项目主管部门', '项目主管单位', '地方主管部门', '中央主管部门', '主管部门', '主管单位'],
  },
  {
    field: 'project',
    words: ['转移支付（项目）名称', '转移支付(项目)名称', '转移支付项目名称', '转移支付名称', '项目支出名称', '专项资金名称', '资金名称', '项目名称'],
  },
  { field: 'fiscalYear', words: ['评价年度', '自评年度', '绩效评价年度', '项目年度', '预算年度', '所属年度'] },
  { field: 'reportDate', words: ['填报日期', '报告日期', '报告期', '填表日期', '日期'] },
  { field: 'selfScore', words: ['自评得分', '自评总分', '自评总得分', '总得分', '总分', '合计得分', '综合得分'] },
  {
    // labels that end a value in run-on text but carry no field read here
    field: 'other',
    words: [
      '填报人',
      '填表人',
      '项目负责人',
      '联系电话',
      '联系人',
      '项目类别',
      '项目属性',
      '项目类型',
      '项目资金',
      '资金情况',
      '资金来源',
      '资金投入情况',
      '预算执行情况',
      '年度资金总额',
      '年度预算申请',
      '评价方式',
      '评价类型',
      '评价机构',
      '项目地址',
      '项目起止时间',
      '计划安排资金',
      '项目年度目标',
      '年度总体目标',
      '预算编码',
      '单位负责人',
      '主要负责人',
      '财务负责人',
    ],
  },
];

/** Words a label cell carries besides its name: 项目单位(盖章), 单位名称： */
export const bareLabel = remembered((cell: string): string =>
  cell
    .replace(/[\s\u3000\u00a0]+/g, '')
    .replace(/[：:]?[（(]?(盖章|公章|章)[)）]?[：:]?$/, '')
    .replace(/[（(](万元|元|亿元)[)）]$/, '')
    .replace(/^[（(]?[一二三四五六七八九十\d]+[)）、.．]/, '')
    .replace(/[：:]$/, ''),
);

const byField = (field: LabelField) => FORM_LABELS.filter((l) => l.field === field).flatMap((l) => l.words);

/** Every spelling of the labels of one field, longest first (项目实施单位 before 实施单位). */
export function labelWords(...fields: LabelField[]): string[] {
  return fields.flatMap(byField).sort((a, b) => b.length - a.length);
}

/** All label spellings of the forms, longest first. */
export const ALL_LABEL_WORDS: string[] = FORM_LABELS.flatMap((l) => l.words).sort((a, b) => b.length - a.length);

/** Each spelling's field; a spelling listed under two fields keeps the first. */
const FIELD_OF_WORD = new Map<string, LabelField>();
for (const l of FORM_LABELS) for (const w of l.words) if (!FIELD_OF_WORD.has(w)) FIELD_OF_WORD.set(w, l.field);

const rememberedLabelFieldOf = remembered((cell: string): LabelField | null => {
  const s = bareLabel(cell);
  if (!s || s.length > 16) return null;
  return FIELD_OF_WORD.get(s) ?? null;
});

/**
 * The code units bareLabel can take away (whitespace as /\s/ knows it, the 盖章 and 万元 notes, a
 * numbering, colons) and those of the label words. bareLabel only takes away, so a cell with a
 * code unit of neither kind, or with none of the words' own, leaves no label word: null, as the
 * remembered function would say, without its map.
 */
const REMOVABLE = 1;
const OF_WORDS = 2;
// the code units /\s/ matches, as the reader's whitespace test knows them (a test checks them against /\s/)
export { WHITESPACE_CODE_UNITS };
const REMOVED_BY_BARE_LABEL = WHITESPACE_CODE_UNITS + '：:（()）盖公章万元亿一二三四五六七八九十0123456789、.．';
const LABEL_CODE_UNITS = codeUnitTable([
  [REMOVED_BY_BARE_LABEL, REMOVABLE],
  ...[...FIELD_OF_WORD.keys()].map((w): [string, number] => [[...w].filter((c) => !REMOVED_BY_BARE_LABEL.includes(c)).join(''), OF_WORDS]),
]);
// a word made only of code units bareLabel may take away would need the test of every cell
const EVERY_WORD_HAS_ITS_OWN = [...FIELD_OF_WORD.keys()].every((w) => [...w].some((c) => !REMOVED_BY_BARE_LABEL.includes(c)));

function mayBeLabel(cell: string): boolean {
  let own = !EVERY_WORD_HAS_ITS_OWN;
  for (let i = 0; i < cell.length; i++) {
    const mark = LABEL_CODE_UNITS[cell.charCodeAt(i)];
    if (mark === 0) return false;
    if (mark & OF_WORDS) own = true;
  }
  return own;
}

/** The field a label cell names, or null. */
export const labelFieldOf = (cell: string): LabelField | null => (mayBeLabel(cell) ? rememberedLabelFieldOf(cell) : null);

export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\（）]/g, (c) => `\\${c}`);

/** A regular expression matching any of the words (longest first). */
export function wordsRe(words: string[], flags = ''): RegExp {
  return new RegExp([...words].sort((a, b) => b.length - a.length).map(escapeRe).join('|'), flags);
}
