import { squash } from './text.ts';
import { ALL_LABEL_WORDS, BUDGET_TOTAL_ROW_WORDS, budgetColumnsIn, escapeRe, wordsRe, type BudgetColumn } from './form/index.ts';

/**
 * Forms whose table a document-sharing site or OCR flattened into one run of
 * text: "项目名称东津院区建设补助主管部门襄阳市卫生健康委项目实施单位襄阳市中心医院…",
 * "年度资金总额2456.182456.182456.1810100%10". Labels are found by the form's own
 * vocabulary, and figures run together are split only where the split is certain.
 */

const escape = escapeRe;
// a value runs from its label to the next one of the form's labels
const ANY_LABEL = wordsRe(ALL_LABEL_WORDS.filter((w) => w.length >= 3), 'g');

/**
 * The value written after one of `labels` in run-on text: up to the next form
 * label, a line end or a sentence end. Returns the first non-empty value.
 */
export function runOnValue(text: string, labels: string[]): string | null {
  return runOnValues(text, labels)[0] ?? null;
}

/** Every value written after one of `labels`, in order. */
export function runOnValues(text: string, labels: string[]): string[] {
  const out: string[] = [];
  const flat = text.split('\n').map(squash).join('\n');
  // the longest label wins where one contains another (项目实施单位 over 实施单位)
  const re = new RegExp(`(${[...labels].sort((a, b) => b.length - a.length).map(escape).join('|')})[：:]?`, 'g');
  for (const m of flat.matchAll(re)) {
    const start = m.index! + m[0].length;
    // a label inside a longer one ("单位名称" in "预算单位名称", "实施单位" in "项目实施单位") is that one's
    const labelEnd = m.index! + m[1].length;
    if (ALL_LABEL_WORDS.some((l) => l.length > m[1].length && !labels.includes(l) && flat.slice(0, labelEnd).endsWith(l))) continue;
    const rest = flat.slice(start, start + 80);
    ANY_LABEL.lastIndex = 0;
    let end = rest.length;
    for (const n of rest.matchAll(ANY_LABEL)) {
      if (n.index! > 0) {
        end = n.index!;
        break;
      }
    }
    const stop = /[，。；\n|]/.exec(rest);
    if (stop && stop.index < end) end = stop.index;
    const value = rest.slice(0, end).replace(/[：:]+$/, '');
    if (value.length >= 2) out.push(value);
  }
  return out;
}

// ---------------------------------------------------------------- figures run together

type RunColumn = BudgetColumn;

const MONEY: RunColumn[] = ['initial', 'fullYear', 'actual'];
const NUMBER = /^(0|[1-9]\d*)(\.\d{1,2})?$/;

/**
 * Splits figures written without separators ("10001000100%20") into the given
 * columns. Each part is a number with at most two decimals and no leading zero;
 * the rate part ends at the "%"; a weight or score is at most 100 and a score at
 * most its weight; actual / budget must give the stated rate. A column gets a
 * value only if every split that passes agrees on it.
 */
export function splitRunTogether(run: string, columns: RunColumn[]): Partial<Record<RunColumn, number>> | null {
  const s = run.replace(/\s+/g, '');
  let solutions: Partial<Record<RunColumn, number>>[] = [];
  const decimals: string[][] = [];
  const texts: string[] = [];
  const walk = (pos: number, k: number, acc: Partial<Record<RunColumn, number>>) => {
    if (solutions.length > 50) return;
    if (k === columns.length) {
      if (pos === s.length && consistent(acc)) {
        solutions.push({ ...acc });
        decimals.push(texts.filter((_, i) => MONEY.includes(columns[i])).map((t) => /\.(\d*)$/.exec(t)?.[1].length.toString() ?? '0'));
      }
      return;
    }
    const col = columns[k];
    for (let end = pos + 1; end <= s.length; end++) {
      const part = s.slice(pos, end);
      let next = end;
      if (col === 'rate') {
        if (s[end] !== '%') continue;
        next = end + 1;
      } else if (part.includes('%')) break;
      if (!NUMBER.test(part)) continue;
      const n = Number(part);
      if ((col === 'weight' || col === 'score') && n > 100) continue;
      if (col === 'rate' && n > 300) continue;
      texts[k] = part;
      walk(next, k + 1, { ...acc, [col]: n });
    }
  };
  walk(0, 0, {});
  if (!solutions.length) return null;
  // a form writes its amounts to one precision: where some splits do, the others are misreadings
  const uniform = solutions.filter((_, i) => new Set(decimals[i]).size <= 1);
  if (uniform.length) solutions = uniform;
  const out: Partial<Record<RunColumn, number>> = {};
  for (const col of columns) {
    const values = new Set(solutions.map((x) => x[col]));
    if (values.size === 1) out[col] = [...values][0];
  }
  return out;
}

function consistent(x: Partial<Record<RunColumn, number>>): boolean {
  if (x.weight !== undefined && x.score !== undefined && x.score > x.weight) return false;
  // a zero rate is written only where nothing was spent
  if (x.rate === 0 && ((x.actual ?? 0) !== 0 || (x.score ?? 0) !== 0)) return false;
  const base = x.fullYear ?? x.initial;
  if (x.rate !== undefined && x.actual !== undefined && base !== undefined) {
    if (base === 0) return false;
    if (Math.abs((x.actual / base) * 100 - x.rate) > 0.6) return false;
  }
  return true;
}

// ---------------------------------------------------------------- the budget row

const TOTAL_ROW_RE = new RegExp(`(?:${BUDGET_TOTAL_ROW_WORDS.map(escapeRe).join('|')})[：:]?`, 'g');

interface RunOnBudget {
  initialBudget: number | null;
  fullYearBudget: number | null;
  actual: number | null;
  weight: number | null;
  execRatePct: number | null;
  score: number | null;
  evidence: string;
}

/**
 * The 年度资金总额 row of a flattened form: the column headings written around
 * the label (before it, or between it and the figures) in their order, then the
 * figures run together after them. Amounts are taken as the form's 万元.
 */
export function runOnBudget(text: string): RunOnBudget | null {
  const flat = text.split('\n').map(squash).join('\n');
  for (const m of flat.matchAll(TOTAL_ROW_RE)) {
    const before = flat.slice(Math.max(0, m.index! - 120), m.index!);
    const after = flat.slice(m.index! + m[0].length, m.index! + m[0].length + 160);
    const digitsAt = /[\d.%]/.exec(after)?.index ?? -1;
    if (digitsAt < 0) continue;
    // headings between the label and the figures are the row's own; otherwise those just before the label
    let headings = columnsIn(after.slice(0, digitsAt));
    if (headings.length < 2) headings = columnsIn(before.slice(Math.max(...BUDGET_TOTAL_ROW_WORDS.map((w) => before.lastIndexOf(w) + w.length), 0)));
    if (headings.length < 2) continue;
    const run = /^[\d.%]+/.exec(after.slice(digitsAt))![0];
    const parts = splitRunTogether(run, headings) ?? splitRunTogether(run, headings.filter((c) => c !== 'score'));
    if (!parts) continue;
    const { initial, fullYear, actual, weight, rate, score } = parts;
    if ([initial, fullYear, actual, rate].every((v) => v === undefined)) continue;
    return {
      initialBudget: initial ?? null,
      fullYearBudget: fullYear ?? null,
      actual: actual ?? null,
      weight: weight ?? null,
      execRatePct: rate ?? null,
      score: score ?? null,
      evidence: flat.slice(Math.max(0, m.index! - 60), m.index! + m[0].length + digitsAt + run.length),
    };
  }
  return null;
}

/** Column headings in the order written; parenthesised notes ("得分(20分*执行率)") are skipped. */
const columnsIn = budgetColumnsIn;

/** "总分100100注": the total row's weight and score run together. */
export function runOnTotalScore(text: string): number | null {
  const flat = text.split('\n').map(squash).join('\n');
  for (const m of flat.matchAll(/(?:自评)?总分[：:]?([\d.]+)(?!分|[\d.%])/g)) {
    const two = splitRunTogether(m[1], ['weight', 'score']);
    if (two?.score !== undefined && two.weight === 100) return two.score;
  }
  return null;
}
