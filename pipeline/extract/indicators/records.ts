/**
 * Rows of an indicator table read from a stream of cells that lost the table's shape: empty cells
 * dropped, rows run together or wrapped. Every way of cutting the stream into rows (a row starts at
 * its name) and of placing each row's cells under the header's columns in order is a reading; the
 * form decides which stand: 分值 and 得分 are figures, 得分 ≤ 分值, 指标性质 is a comparator,
 * 度量单位 a unit; the 分值 of the table total the form's (with the budget row's). A reading that
 * leaves fewer target and actual cells blank is preferred. A row is stored only where every
 * reading left agrees on it; otherwise nothing is stored and the reason is kept.
 */
import { BLANK_CELL_COST, BUDGET_ROW_WEIGHTS, FORM_TOTAL_WEIGHT, type IndicatorColumn } from '../form/index.ts';
import { parseCellNumber } from '../numbers.ts';
import type { Token, ValueCell } from './cells.ts';

type ValueToken = Extract<Token, { kind: 'value' }>;

/** One row as read: its name token and the cell placed under each column (a column may stay blank). */
export interface RowReading {
  name: ValueToken;
  /** every cell of the row in the stream's order, the name first (the evidence) */
  span: ValueToken[];
  cells: Partial<Record<IndicatorColumn, ValueToken>>;
  level1: string | null;
  level1Weight: number | null;
  level2: string | null;
  /** the group (run of rows under one heading) the row was read in */
  group: number;
}

export interface TableReading {
  rows: RowReading[];
  /** figures of the 总分 row: its 分值 and 得分 where written */
  totalWeight: number | null;
  totalScore: number | null;
  hasTotalRow: boolean;
}

export type RowsOutcome = { ok: true; table: TableReading; readings: number; leftOver: number } | { ok: false; reason: string };

/** What the budget row of the same form adds to the table's totals, where it was read. */
export interface BudgetRowFigures {
  weight: number | null;
  score: number | null;
}

const MAX_READINGS = 400;

/** Whether a cell may stand under a column. */
function fits(col: IndicatorColumn, v: ValueCell): boolean {
  switch (col) {
    case 'nature':
      return v.comparator || v.blank;
    case 'measureUnit':
      return v.unit || v.blank;
    case 'target':
    case 'actual':
      return !v.comparator && !v.unit;
    case 'weight':
      return v.points !== null && v.points >= 0 && v.points <= 100;
    case 'score':
      return v.points !== null && v.points >= 0;
    default:
      return true;
  }
}

export interface Placed {
  cells: Partial<Record<IndicatorColumn, ValueToken>>;
  cost: number;
}

/** Every order-keeping placement of a row's value cells under the columns that breaks none of the form's rules. */
function placements(values: ValueToken[], columns: IndicatorColumn[], needs: IndicatorColumn[]): Placed[] {
  const out: Placed[] = [];
  const place = (vi: number, ci: number, acc: Partial<Record<IndicatorColumn, ValueToken>>) => {
    if (out.length > MAX_READINGS) return;
    if (vi === values.length) {
      if (needs.some((c) => !acc[c])) return;
      const w = acc.weight?.value.points;
      const s = acc.score?.value.points;
      if (w != null && s != null && s > w) return;
      const cost = columns.filter((c) => !acc[c]).reduce((a, c) => a + (BLANK_CELL_COST[c] ?? 0), 0);
      out.push({ cells: { ...acc }, cost });
      return;
    }
    for (let c = ci; c <= columns.length - (values.length - vi); c++) {
      if (!fits(columns[c], values[vi].value)) continue;
      place(vi + 1, c + 1, { ...acc, [columns[c]]: values[vi] });
    }
  };
  place(0, 0, {});
  return out;
}

export interface GroupReading {
  rows: { name: ValueToken; span: ValueToken[]; cells: Placed['cells'] }[];
  cost: number;
}

/** A run of value cells between two headings: every way to cut it into rows, each with its placements, at the least cost. */
function groupReadings(values: ValueToken[], columns: IndicatorColumn[], needs: IndicatorColumn[]): GroupReading[] {
  const memo = new Map<number, GroupReading[]>();
  const from = (i: number): GroupReading[] => {
    if (i === values.length) return [{ rows: [], cost: 0 }];
    const hit = memo.get(i);
    if (hit) return hit;
    const out: GroupReading[] = [];
    if (values[i].value.nameLike) {
      for (let j = i + 1; j <= values.length && j - i - 1 <= columns.length; j++) {
        if (j < values.length && !values[j].value.nameLike) continue;
        const placed = placements(values.slice(i + 1, j), columns, needs);
        if (!placed.length) continue;
        const rest = from(j);
        for (const p of placed) for (const r of rest) if (out.length <= MAX_READINGS) out.push({ rows: [{ name: values[i], span: values.slice(i, j), cells: p.cells }, ...r.rows], cost: p.cost + r.cost });
      }
    }
    const least = Math.min(...out.map((r) => r.cost));
    const kept = out.filter((r) => r.cost === least);
    memo.set(i, kept);
    return kept;
  };
  return from(0);
}

/**
 * The rows of a table from its tokens (after the header), with the form's arithmetic as the judge.
 * `columns` are the header's, in their order.
 */
export function readRows(tokens: Token[], columns: IndicatorColumn[], budget: BudgetRowFigures): RowsOutcome {
  const valueColumns = columns.filter((c) => c !== 'level1' && c !== 'level2' && c !== 'name');
  const needs = (['weight', 'score'] as const).filter((c) => columns.includes(c));
  if (!needs.length) return { ok: false, reason: '表头无分值、得分列' };
  // groups of value cells under one heading
  const groups: { values: ValueToken[]; level1: string | null; level1Weight: number | null; level2: string | null }[] = [];
  let level1: string | null = null;
  let level1Weight: number | null = null;
  let level2: string | null = null;
  let current: ValueToken[] = [];
  const close = () => {
    if (current.length) groups.push({ values: current, level1, level1Weight, level2 });
    current = [];
  };
  let totalWeight: number | null = null;
  let totalScore: number | null = null;
  let hasTotalRow = false;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'value') {
      current.push(t);
      continue;
    }
    close();
    if (t.kind === 'level') {
      const next = tokens[k + 1];
      // 成本指标 is level 1 when a level-2 heading follows it
      const isLevel1 = t.levels.length === 1 ? t.levels[0] === 1 : next?.kind === 'level' && next.levels.includes(2);
      if (isLevel1) {
        level1 = t.word;
        level1Weight = t.weight;
        level2 = null;
      } else level2 = t.word;
      continue;
    }
    if (t.kind === 'placeholder') continue;
    // 其他需要说明事项 | 无 | 总分 | 100 | 96: the table has ended, its 总分 row may still follow
    if (t.kind === 'end') {
      const total = tokens.slice(k + 1, k + 4).findIndex((x) => x.kind === 'total');
      if (total < 0) break;
      k += total + 1;
    }
    const at = tokens[k];
    if (at.kind === 'total') {
      hasTotalRow = true;
      const figures: number[] = [];
      for (let m = k + 1; m < tokens.length && figures.length < 2; m++) {
        const n = tokens[m];
        const f = n.kind === 'value' ? parseCellNumber(n.value.text) : null;
        if (f === null) break;
        figures.push(f);
      }
      if (figures.length === 2 && figures[1] <= figures[0]) [totalWeight, totalScore] = figures;
      else if (figures.length === 1 && !columns.includes('weight')) totalScore = figures[0];
      else if (figures.length === 1) totalWeight = figures[0];
    }
    break;
  }
  close();
  if (!groups.length) return { ok: false, reason: '表头之后没有指标行' };

  const perGroup = groups.map((g) => ({ g, readings: groupReadings(g.values, valueColumns, needs) }));
  // a stream that ends without its 总分 row may run on into what follows the table: the last
  // group is then read up to the last row that fits, and the cells after it are left
  let leftOver = 0;
  const last = perGroup[perGroup.length - 1];
  if (!hasTotalRow && !last.readings.length) {
    for (let cut = last.g.values.length - 1; cut > 0; cut--) {
      if (!last.g.values[cut].value.nameLike) continue;
      const readings = groupReadings(last.g.values.slice(0, cut), valueColumns, needs);
      if (readings.length) {
        leftOver = last.g.values.length - cut;
        last.g = { ...last.g, values: last.g.values.slice(0, cut) };
        last.readings = readings;
        break;
      }
    }
  }
  return settle(perGroup, valueColumns, { totalWeight, totalScore, hasTotalRow, budget, weighted: columns.includes('weight'), leftOver });
}

export interface Group {
  values: ValueToken[];
  level1: string | null;
  level1Weight: number | null;
  level2: string | null;
}

interface Totals {
  totalWeight: number | null;
  totalScore: number | null;
  hasTotalRow: boolean;
  budget: BudgetRowFigures;
  /** whether the table has a 分值 column */
  weighted: boolean;
  leftOver: number;
}

const cellKey = (t: ValueToken | undefined) => (t ? `${t.cell.location}@${t.value.text}` : '');

/**
 * The table's rows from every group's readings: the totals choose between the readings left
 * (分值 totalling the form's, with or without the budget row's; 得分 totalling the 总分 row's);
 * one reading of names, 分值 and 得分 must remain, and a cell is kept where every reading agrees.
 */
export function settle(perGroup: { g: Group; readings: GroupReading[] }[], valueColumns: IndicatorColumn[], t: Totals): RowsOutcome {
  const { totalWeight, totalScore, hasTotalRow, budget, leftOver } = t;
  const unread = perGroup.find((x) => !x.readings.length);
  if (unread) return { ok: false, reason: `“${unread.g.values[0].value.text}”起的单元格排不进表头的各列（${unread.g.level2 ?? unread.g.level1 ?? '表头后'}）` };

  // a group may be read in several ways: the table's totals choose between them
  const signature = (rows: GroupReading['rows']) =>
    rows.map((r) => `${cellKey(r.name)}|${r.cells.weight?.value.text}|${r.cells.score?.value.text}`).join('\n');
  const variants = perGroup.map(({ readings }) => {
    const bySig = new Map<string, typeof readings>();
    for (const r of readings) bySig.set(signature(r.rows), [...(bySig.get(signature(r.rows)) ?? []), r]);
    return [...bySig.values()];
  });
  let combos: (typeof variants)[number][number][][] = [[]];
  for (const v of variants) {
    combos = combos.flatMap((c) => v.map((x) => [...c, x]));
    if (combos.length > MAX_READINGS) return { ok: false, reason: '单元格的读法过多，无法确定各行' };
  }
  const weightsOf = (combo: (typeof combos)[number]) => combo.reduce((a, x) => a + x[0].rows.reduce((b, r) => b + (r.cells.weight?.value.points ?? 0), 0), 0);
  const scoresOf = (combo: (typeof combos)[number]) => combo.reduce((a, x) => a + x[0].rows.reduce((b, r) => b + (r.cells.score?.value.points ?? 0), 0), 0);
  const formTotal = totalWeight ?? FORM_TOTAL_WEIGHT;
  // the total with the budget row's 分值 (where read; else the national 10, or 20), or without it:
  // some forms give the indicators the whole 100 and score the budget row beside them
  const allowed = [formTotal, ...(budget.weight !== null ? [budget.weight] : BUDGET_ROW_WEIGHTS).map((b) => formTotal - b)];
  const near = (a: number, b: number) => Math.abs(a - b) < 0.01;
  const near5 = (a: number, b: number) => Math.abs(a - b) < 0.5;
  // where the 总分 row's 得分 tells whether it counts the budget row's, the 分值 must follow it
  const withBudget = budget.weight !== null ? [formTotal - budget.weight] : BUDGET_ROW_WEIGHTS.map((b) => formTotal - b);
  const allowedFor = (c: (typeof combos)[number]) => {
    if (totalScore === null) return allowed;
    const inside = budget.score !== null && near5(scoresOf(c) + budget.score, totalScore);
    const outside = near5(scoresOf(c), totalScore);
    return inside && !outside ? withBudget : outside && !inside ? [formTotal] : allowed;
  };
  let kept = combos;
  if (t.weighted) {
    kept = combos.filter((c) => allowedFor(c).some((w) => near(weightsOf(c), w)));
    if (!kept.length) {
      const sums = [...new Set(combos.map(weightsOf))].join('或');
      return { ok: false, reason: `读出的分值合计${sums}，与表的总分值${formTotal}${budget.weight !== null ? `（扣除预算执行分值${budget.weight}）` : ''}不符，可能漏行或错列` };
    }
  }
  if (totalScore !== null && kept.length > 1) {
    const budgetScore = budget.score;
    const matching = budgetScore === null ? [] : kept.filter((c) => Math.abs(scoresOf(c) + budgetScore - totalScore!) < 0.5);
    if (matching.length) kept = matching;
  }
  if (kept.length > 1) return { ok: false, reason: `单元格有${kept.length}种读法，各行的名称、分值或得分不一致` };

  // within the one signature left, a column's cell is kept only where every reading agrees
  const chosen = kept[0];
  const rows: RowReading[] = [];
  chosen.forEach((readingsOfGroup, gi) => {
    const g = perGroup[gi].g;
    readingsOfGroup[0].rows.forEach((row, ri) => {
      const cells: RowReading['cells'] = {};
      for (const col of valueColumns) {
        const seen = new Set(readingsOfGroup.map((r) => cellKey(r.rows[ri].cells[col])));
        const only = readingsOfGroup[0].rows[ri].cells[col];
        if (seen.size === 1 && only) cells[col] = only;
      }
      rows.push({ name: row.name, span: row.span, cells, level1: g.level1, level1Weight: g.level1Weight, level2: g.level2, group: gi });
    });
  });
  return { ok: true, table: { rows, totalWeight, totalScore, hasTotalRow }, readings: chosen.reduce((a, x) => a * x.length, 1), leftOver };
}
