import {
  alignFigures,
  budgetColumnOf,
  budgetColumnsIn,
  budgetColumnType,
  isBudgetTotalLabel,
  moneyUnitIn,
  type BudgetColumn,
  type BudgetFigures,
  type FigureToken,
} from '../form/index.ts';
import { parseCellNumber, toWan, type MoneyUnit } from '../numbers.ts';
import type { ProseBudget } from '../prose.ts';
import type { BudgetLine } from '../report.ts';
import { rowLocation, type FormRow } from '../rows/model.ts';
import { runOnBudget, splitRunTogether } from '../runon.ts';
import { squash } from '../text.ts';
import type { ReportContext } from './context.ts';
import type { FieldOutcome, SourceKind } from './reading.ts';

/** The budget row's figures as one reading: values in 万元, where they stand, what was read. */
export interface BudgetReading {
  figures: BudgetFigures;
  /** columns two readings disagree on: stored as none */
  ambiguous: BudgetColumn[];
  source: SourceKind;
  location: string;
  evidence: string;
  strategy: string;
}

const isDash = (c: string) => /^[—\-－–]+$/.test(squash(c));
const isFigureCell = (c: string) => parseCellNumber(c) !== null || isDash(c) || /^[\d.,%]+$/.test(squash(c));

function tokenOf(c: string): FigureToken | null {
  if (isDash(c) || c === '') return { kind: 'blank' };
  const n = parseCellNumber(c);
  return n === null ? null : { kind: 'number', value: n, percent: /%$/.test(squash(c)) };
}

const toWanFigures = (x: BudgetFigures, unit: MoneyUnit): BudgetFigures => {
  const out: BudgetFigures = { ...x };
  for (const col of ['initial', 'fullYear', 'actual'] as const) if (out[col] !== undefined) out[col] = toWan(out[col]!, unit);
  return out;
};

/**
 * The budget row in a run of cells (one cell per line, portal cells): the 年度资金总额
 * cell, the column headings written after it (or before it), then its figures.
 * Figures are placed under the headings by the form's arithmetic.
 */
export function budgetFromCells(cells: string[]): Omit<BudgetReading, 'source' | 'location' | 'strategy'> | null {
  const at = cells.findIndex(isBudgetTotalLabel);
  if (at < 0) return null;
  let j = at + 1;
  const after: string[] = [];
  while (j < cells.length && j < at + 14 && !isFigureCell(cells[j])) after.push(cells[j++]);
  let columns = budgetColumnsIn(after.join(''));
  let headingCells = after;
  if (columns.length < 2) {
    const before: string[] = [];
    for (let k = at - 1; k >= 0 && k >= at - 16 && !isFigureCell(cells[k]); k--) before.unshift(cells[k]);
    columns = budgetColumnsIn(before.join(''));
    headingCells = before;
    if (columns.length < 2) return null;
  }
  const figureCells: string[] = [];
  while (j < cells.length && isFigureCell(cells[j]) && figureCells.length < columns.length + 1) figureCells.push(cells[j++]);
  if (!figureCells.length) return null;
  const unit: MoneyUnit = moneyUnitIn(cells.slice(Math.max(0, at - 20), at + 1).join('') + headingCells.join('')) ?? '万元';
  const tokens = figureCells.map(tokenOf);
  let figures: BudgetFigures;
  let ambiguous: BudgetColumn[] = [];
  if (tokens.every((t) => t !== null) && tokens.length <= columns.length) {
    const a = alignFigures(columns, tokens as FigureToken[]);
    if (!a.readings) return null;
    figures = a.values;
    ambiguous = a.ambiguous;
  } else if (figureCells.length === 1) {
    // figures run together in one cell ("43.243.237.241086%9")
    const split = splitRunTogether(figureCells[0], columns);
    if (!split) return null;
    figures = split;
    ambiguous = columns.filter((c) => split[c] === undefined);
  } else return null;
  if (![figures.initial, figures.fullYear, figures.actual, figures.rate].some((v) => v !== undefined)) return null;
  return { figures: toWanFigures(figures, unit), ambiguous, evidence: [cells[at], ...headingCells, ...figureCells].join(' | ') };
}

/**
 * Money figures each under its own heading cell ("计划安排资金(万元)" / "715.18",
 * "实际支出(万元)" / "565.75"): the Guangxi-style basic data form. A column read
 * twice with different figures is ambiguous.
 */
export function labelledMoney(rows: FormRow[]): Omit<BudgetReading, 'strategy'> | null {
  const found = new Map<BudgetColumn, { value: number; row: FormRow; text: string }[]>();
  for (const row of rows) {
    row.cells.forEach((cell, i) => {
      const col = budgetColumnOf(cell);
      if (!col || budgetColumnType(col) !== 'money') return;
      // a heading cell alone, its figure in the next cell (a header row of headings is not this)
      if (squash(cell).length > 16 || /[，。]/.test(cell)) return;
      const next = row.cells[i + 1];
      const n = next === undefined ? null : parseCellNumber(next);
      if (n === null) return;
      const unit = moneyUnitIn(cell) ?? '万元';
      const list = found.get(col) ?? [];
      list.push({ value: toWan(n, unit), row, text: `${cell} ${next}` });
      found.set(col, list);
    });
  }
  if (!found.size) return null;
  const figures: BudgetFigures = {};
  const ambiguous: BudgetColumn[] = [];
  const evidence: string[] = [];
  let first: FormRow | null = null;
  for (const [col, list] of found) {
    if (new Set(list.map((x) => x.value)).size > 1) ambiguous.push(col);
    else figures[col] = list[0].value;
    evidence.push(list[0].text);
    first ??= list[0].row;
  }
  if (figures.fullYear === undefined && figures.actual === undefined && figures.initial === undefined) return null;
  return { figures, ambiguous, source: first!.origin, location: rowLocation(first!), evidence: evidence.join(' / ') };
}

/** The report's own budget line where no table holds one: each layout's strategy in order, then the prose. */
export function ownBudgetWithoutTable(ctx: ReportContext): BudgetReading | null {
  for (const row of ctx.rows.filter((r) => r.origin === 'lines')) {
    const got = budgetFromCells(row.cells);
    if (got) return { ...got, source: 'lines', location: rowLocation(row), strategy: 'one cell per line: budget row' };
  }
  const flat = runOnBudget(ctx.paraTexts.join('\n'));
  if (flat) {
    const figures: BudgetFigures = {};
    const put = (col: BudgetColumn, v: number | null) => {
      if (v !== null) figures[col] = v;
    };
    put('initial', flat.initialBudget);
    put('fullYear', flat.fullYearBudget);
    put('actual', flat.actual);
    put('weight', flat.weight);
    put('rate', flat.execRatePct);
    put('score', flat.score);
    return { figures, ambiguous: [], source: 'runon', location: '正文（表格文本）', evidence: flat.evidence, strategy: 'run-on: budget row' };
  }
  const labelled = labelledMoney(ctx.rows.filter((r) => r.origin !== 'runon'));
  if (labelled) return { ...labelled, strategy: 'labelled money cells' };
  return null;
}

/** A budget line from a reading, prose filling the cells the reading left blank (not those it found ambiguous). */
export function lineFromReading(r: BudgetReading, prose: ProseBudget): BudgetLine {
  const f = r.figures;
  const fill = (col: BudgetColumn, proseValue: number | null) => f[col] ?? (r.ambiguous.includes(col) ? null : proseValue);
  return {
    project: null,
    tableNo: null,
    source: 'table',
    initialBudget: fill('initial', prose.initialBudget),
    fullYearBudget: fill('fullYear', prose.fullYearBudget),
    adjustment: prose.adjustment,
    actual: fill('actual', prose.actual),
    weight: f.weight ?? null,
    execRatePct: fill('rate', prose.execRatePct),
    score: f.score ?? null,
    evidence: r.evidence,
    location: r.location,
  };
}

const BUDGET_FIELDS: [keyof BudgetLine, BudgetColumn, string][] = [
  ['initialBudget', 'initial', 'initial_budget'],
  ['fullYearBudget', 'fullYear', 'full_year_budget'],
  ['actual', 'actual', 'actual'],
  ['execRatePct', 'rate', 'exec_rate_pct'],
];

/** One field outcome per budget figure of a line: where each came from, or why none was stored. */
export function budgetOutcomes(
  line: BudgetLine | null,
  reading: { source: SourceKind; strategy: string; ambiguous: BudgetColumn[]; filledFromProse: Set<BudgetColumn> } | null,
  prose: ProseBudget,
): FieldOutcome<number>[] {
  return BUDGET_FIELDS.map(([key, col, field]) => {
    const value = line ? (line[key] as number | null) : null;
    if (value === null || value === undefined) {
      const reason = reading?.ambiguous.includes(col)
        ? '多种读法与表格算术都相符，未取值'
        : line
          ? '预算行此格为空，正文也未写明'
          : '未找到年度资金总额行，正文也未写明';
      return { field, project: null, reading: null, reason, evidence: line?.evidence, location: line?.location };
    }
    const fromProse = !reading || line!.source === 'prose' || reading.filledFromProse.has(col);
    return {
      field,
      project: null,
      reading: {
        value,
        source: fromProse ? 'prose' : reading!.source,
        location: fromProse ? '正文' : line!.location,
        evidence: fromProse ? prose.evidence.join(' / ') || line!.evidence : line!.evidence,
        strategy: fromProse ? 'prose budget figures' : reading!.strategy,
      },
      reason: null,
    };
  });
}
