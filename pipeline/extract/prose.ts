import { toWan, round2, type MoneyUnit } from './numbers.ts';
import { parseMeasure } from './numbers.ts';
import type { AmountMention, Indicator, SumStatement } from './report.ts';
import { squash } from './text.ts';
import { labelEndsWith, PROSE_BUDGET_LABELS, proseLabelCore as proseLabelCoreOf, spendingKindOf } from './form/index.ts';

/**
 * Figures stated in sentences: money with its label, "total, 其中 parts"
 * statements, budget figures of prose-only reports, indicators told in prose.
 * `text` is the document's paragraph text; offsets refer to it.
 */

// 万 alone counts as money only where no other measure follows (2.4万亩 is area).
// A match starts only where a run of spaces or of digits starts (the lookbehinds): trying every
// position inside a long run again made the scan quadratic; the matches found are the same.
const MONEY_RE = /(?:([≥≤≧≦<>＜＞]|不超过|不低于|超过|控制)|(?<!\s))\s*(-?(?<!\d|\d,)\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元|万(?![\u4e00-\u9fa5]))/g;
const LABEL_STOP = /[，。；;：:、,（）()\s\d%“”"》《!！?？]/;

function labelBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && !LABEL_STOP.test(text[start - 1]) && index - start < 24) start--;
  let label = text.slice(start, index);
  // "2021年度项目支出": the year's digits stop the label, its 年度 is not part of it
  if (start > 0 && /\d/.test(text[start - 1])) label = label.replace(/^(年度|年)/, '');
  return label.replace(/^(为|是|共|约|达|其中|合计)/, '');
}

export function findAmounts(text: string): AmountMention[] {
  const out: AmountMention[] = [];
  for (const m of text.matchAll(MONEY_RE)) {
    const numberAt = m.index! + m[0].indexOf(m[2]);
    const value = Number(m[2].replace(/,/g, ''));
    if (!Number.isFinite(value)) continue;
    // a percentage or a date right before is not a label ("12月31日" etc.)
    const label = labelBefore(text, m.index!);
    const sStart = Math.max(text.lastIndexOf('。', m.index!) + 1, text.lastIndexOf('\n', m.index!) + 1);
    let sEnd = text.indexOf('。', numberAt);
    const nl = text.indexOf('\n', numberAt);
    if (sEnd < 0 || (nl >= 0 && nl < sEnd)) sEnd = nl < 0 ? text.length : nl;
    out.push({
      offset: numberAt,
      label,
      amount: toWan(value, m[3] as MoneyUnit),
      originalText: m[0].replace(/^[≥≤≧≦<>＜＞]|^不超过|^不低于|^超过|^控制/, '').trim(),
      unitWritten: m[3] as MoneyUnit,
      comparator: m[1] ?? null,
      sentence: text.slice(sStart, sEnd + 1).trim(),
    });
  }
  return out;
}

const NEW_TOTAL = /总额|合计|总计|净资产/;
const CARRYOVER = /上年结转|年末结转|结转结余|结余结转|年初结转/;
const stripYear = (s: string) => s.replace(/^(\d{4}年度?|本年|今年|上年|去年)/, '').replace(/^(部门|单位)/, '');

/** Parts that make their total to the cent of each part (the rounding a stated list carries). */
const addsUp = (parts: SumStatement['parts'], total: number | null) =>
  total !== null && parts.every((p) => p.amount !== null) && Math.abs(round2(parts.reduce((sum, p) => sum + (p.amount ?? 0), 0)) - total) <= Math.max(0.02, 0.01 * parts.length);

/**
 * "total N万元，其中：A n1万元，B n2万元。" A second 其中 breaks down the part
 * before it; a new 总额/合计 label, or the total's own label again (a prior
 * year's figure), starts a new statement, and so does the figure a second 其中 breaks down
 * when the parts before it already make the total; a sentence end closes the list.
 */
export function findSumStatements(text: string, amounts: AmountMention[]): SumStatement[] {
  const out: SumStatement[] = [];
  for (const m of text.matchAll(/其中/g)) {
    const at = m.index!;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const before = amounts.filter((a) => a.offset < at && a.offset >= lineStart && !a.comparator);
    const totalMention = before[before.length - 1];
    if (!totalMention) continue;
    // the total must be near: in the same or the previous sentence
    const between = text.slice(totalMention.offset, at);
    if ((between.match(/。/g) ?? []).length > 1 || between.length > 60) continue;
    let end = text.indexOf('。', at);
    const nl = text.indexOf('\n', at);
    if (end < 0 || (nl >= 0 && nl < end)) end = nl < 0 ? text.length : nl;
    const nextQizhong = text.indexOf('其中', at + 2);
    const after = amounts.filter((a) => a.offset > at && a.offset < end && !a.comparator);
    const parts: SumStatement['parts'] = [];
    for (const [k, a] of after.entries()) {
      if (nextQizhong >= 0 && a.offset > nextQizhong) break;
      if (NEW_TOTAL.test(a.label) || (stripYear(a.label) && stripYear(a.label) === stripYear(totalMention.label))) break;
      // the figure a later 其中 breaks down, once the parts before it already make the total, is the
      // total of the next statement (two sentences run together without their 。), not one more part
      const opensNext = nextQizhong >= 0 && nextQizhong < end && a.offset < nextQizhong && (after[k + 1] === undefined || after[k + 1].offset > nextQizhong);
      if (opensNext && parts.length > 0 && addsUp(parts, totalMention.amount)) break;
      parts.push({ label: a.label, amount: a.amount, role: CARRYOVER.test(a.label) ? 'carryover' : 'part' });
    }
    if (parts.length === 0) continue;
    const evidenceEnd = Math.min(end + 1, text.length);
    out.push({
      origin: 'prose',
      totalLabel: totalMention.label,
      total: totalMention.amount,
      parts,
      declaredComplete: false,
      evidence: text.slice(Math.max(lineStart, text.lastIndexOf('。', totalMention.offset) + 1), evidenceEnd).trim(),
      location: `正文第${totalMention.offset}字`,
    });
  }
  return out;
}

// ---------------------------------------------------------------- budget figures in prose

export interface ProseBudget {
  initialBudget: number | null;
  fullYearBudget: number | null;
  adjustment: number | null;
  actual: number | null;
  execRatePct: number | null;
  score: number | null;
  evidence: string[];
}

const isIncome = (label: string) => PROSE_BUDGET_LABELS.income.some((w) => label.includes(w));

/**
 * DESIGN "Budget figures from prose": initial = year-start budgeted spending,
 * full-year = the budget after adjustments (or initial + a stated adjustment, or
 * the allocation of a project report), actual = the year's spending.
 */
export function proseBudget(text: string, amounts: AmountMention[]): ProseBudget {
  const evidence: string[] = [];
  const pick = (test: (a: AmountMention) => boolean) => {
    const a = amounts.find((x) => !x.comparator && test(x));
    if (a) evidence.push(a.sentence);
    return a ?? null;
  };
  const L = PROSE_BUDGET_LABELS;
  const initial = pick((a) => labelEndsWith(a.label, L.initial) && !isIncome(a.label));
  const fullYear =
    pick((a) => labelEndsWith(a.label, L.fullYear)) ??
    pick((a) => labelEndsWith(a.label, L.fullYearNearRate) && !a.label.includes('年初') && /执行率/.test(paragraphOf(text, a.offset))) ??
    allocation(text, amounts, evidence);
  // 调增/追加 in prose belong to single projects; only a stated 预算调整 adjusts the report's budget
  const adjustment = pick((a) => labelEndsWith(a.label, L.adjustment));
  // payments told project by project (实际支付20万元 … 实际支付1616万元) are no one total
  const paid = (a: AmountMention) => labelEndsWith(a.label, L.paidPiecewise);
  const paidOnce = new Set(amounts.filter((a) => !a.comparator && paid(a)).map((a) => a.amount)).size <= 1;
  const actual = pick(
    (a) =>
      (labelEndsWith(a.label, L.actual) || labelEndsWith(a.label, L.actualByOrg.map((o) => `${o}支出`))) &&
      !L.actualExcluded.some((w) => a.label.includes(w)) &&
      (paidOnce || !paid(a)),
  );
  // "2023年支出2310.4万元": spending of the year, where no labelled total is written
  const ofYear = (a: AmountMention) =>
    labelEndsWith(a.label, L.actualOfYear) || (proseLabelCoreOf(a.label) === '支出' && /\d{4}年度?$/.test(text.slice(Math.max(0, a.offset - a.label.length - 6), a.offset - a.label.length)));
  // money paid out told once by its verb ("已完成拨付8010万元"); told several times it is no one total
  const spent = (a: AmountMention) => L.spentVerbs.some((v) => clauseBefore(text, a.offset).includes(v)) && !isIncome(a.label);
  const spentOnce = new Set(amounts.filter((a) => !a.comparator && spent(a)).map((a) => a.amount)).size === 1;
  const actualFound = actual ?? pick(ofYear) ?? (spentOnce ? pick(spent) : null);
  const rate = /执行率(?:为|达到?|是)?\s*(\d+(?:\.\d+)?)\s*%/.exec(text);
  if (rate) evidence.push(paragraphOf(text, rate.index));
  const score = /预算执行(?:得分)?(?:为)?\s*(\d+(?:\.\d+)?)\s*分/.exec(text);
  let fullYearBudget = fullYear?.amount ?? null;
  if (fullYearBudget === null && initial && adjustment) fullYearBudget = round2(initial.amount + adjustment.amount);
  return {
    initialBudget: initial?.amount ?? null,
    fullYearBudget,
    adjustment: adjustment?.amount ?? null,
    actual: actualFound?.amount ?? null,
    execRatePct: rate ? Number(rate[1]) : null,
    score: score ? Number(score[1]) : null,
    evidence: [...new Set(evidence)],
  };
}

/**
 * The year's allocation of a project or fund report (…文件下达…2.00万元, 共计下达…3580.69万元):
 * a stated total wins; otherwise one amount allocated, however often repeated. Several
 * different allocations with no total (2263, 791 and 5万元 by three documents) give none.
 */
function allocation(text: string, amounts: AmountMention[], evidence: string[]): AmountMention | null {
  const allocated = amounts.filter((a) => {
    if (a.comparator || isIncome(a.label)) return false;
    const clause = clauseBefore(text, a.offset);
    return /下达|批复|安排/.test(clause) && !/年初|预算安排支出|其中/.test(clause);
  });
  const total = allocated.find((a) => /共计|合计|总计|累计|共下达/.test(clauseBefore(text, a.offset)));
  const chosen = total ?? (new Set(allocated.map((a) => a.amount)).size === 1 ? allocated[0] : null);
  if (chosen) evidence.push(chosen.sentence);
  return chosen;
}

/** The clause that leads up to an offset: back to the last comma, stop or line start. */
function clauseBefore(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && !/[，。；;,\n]/.test(text[start - 1])) start--;
  return text.slice(start, offset);
}

function paragraphOf(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end);
}

/** Prose amounts labelled 基本支出 / 项目支出: fill a blank cell of the table. */
export function proseSpending(amounts: AmountMention[], nature: 'basic' | 'project'): AmountMention | null {
  return amounts.find((a) => !a.comparator && spendingKindOf(a.label, 'end') === nature && !/预算|年初/.test(a.label)) ?? null;
}

// ---------------------------------------------------------------- self score

export function proseSelfScore(text: string): number | null {
  const res = [
    /自评(?:总)?得分(?:为|是|：|:)?\s*(\d+(?:\.\d+)?)\s*分?/,
    /自评(?:总)?分(?:为|是|：|:)?\s*(\d+(?:\.\d+)?)\s*分?/,
    /自评指标得分\s*(\d+(?:\.\d+)?)\s*分/,
    /综合得分(?:为)?\s*(\d+(?:\.\d+)?)\s*分/,
  ];
  const flat = squash(text);
  for (const re of res) {
    for (const m of flat.matchAll(new RegExp(re.source, 'g'))) {
      const n = Number(m[1]);
      if (n > 0 && n <= 100) return n;
    }
  }
  return null;
}

// ---------------------------------------------------------------- indicators told in prose

/**
 * "征地面积年初目标值3000亩，2021年实际完成值3000亩，应得4分，实际得4分" and
 * "带动就业增长率，应得2分，实际得1分". A clause listing several names before one
 * 应得 is a group summary, not an indicator.
 */
export function proseIndicators(text: string): Indicator[] {
  const out: Indicator[] = [];
  const clauseRe = /应得\s*(\d+(?:\.\d+)?)\s*分\s*[，,]\s*实际得\s*(\d+(?:\.\d+)?)\s*分/g;
  let prevEnd = 0;
  let lastParagraphStart = -1;
  let level2: string | null = null;
  for (const m of text.matchAll(clauseRe)) {
    const paragraphStart = text.lastIndexOf('\n', m.index!) + 1;
    if (paragraphStart !== lastParagraphStart) {
      prevEnd = paragraphStart;
      lastParagraphStart = paragraphStart;
      level2 = null;
    }
    const lead = text.slice(prevEnd, m.index!).replace(/^[，。；,;\s]+/, '');
    prevEnd = m.index! + m[0].length;
    const [weight, score] = [Number(m[1]), Number(m[2])];
    const l2 = /^(数量指标|质量指标|时效指标|成本指标)\s*[，,、]?\s*/.exec(lead);
    let body = lead;
    if (l2) {
      level2 = l2[1];
      body = lead.slice(l2[0].length);
    }
    const full = /^(.+?)年初目标值(?:为)?(.+?)[，,]\s*(?:(\d{4})年)?实际完成值(?:为)?(.+?)[，,]?$/.exec(body);
    let name: string;
    let targetText = '';
    let actualText = '';
    let actualYear: number | null = null;
    if (full) {
      name = full[1];
      targetText = full[2];
      actualText = full[4];
      actualYear = full[3] ? Number(full[3]) : null;
    } else {
      const bare = body.replace(/[，,]$/, '');
      // "A，B，C，应得20分" or a level-1 summary: not one indicator
      if (/[，,]/.test(bare) || /指标$/.test(bare) || bare.length > 40 || bare.length === 0) continue;
      name = bare;
    }
    name = name.replace(/^[\s，,;；。]+|[\s，,]+$/g, '');
    if (/指标(应得分|完成情况)?$/.test(name)) continue;
    out.push({
      tableNo: null,
      project: null,
      rowNo: out.length + 1,
      source: 'prose',
      level1: null,
      level1WeightStated: null,
      level2: full ? level2 : null,
      name,
      targetText,
      actualText,
      target: parseMeasure(targetText),
      actual: parseMeasure(actualText),
      weight,
      weightText: `${weight}`,
      score,
      scoreText: `${score}`,
      deviation: null,
      actualYear,
      evidence: `${lead}${m[0]}`.trim(),
      location: `正文第${m.index}字`,
    });
  }
  return out;
}
