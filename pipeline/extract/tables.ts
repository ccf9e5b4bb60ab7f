import type { Table } from '../read/document.ts';
import { logicalCells } from '../read/document.ts';
import { packedMap } from '../read/packed.ts';
import { parseCellNumber, parseMeasure, parseNumber, toWan, type MoneyUnit } from './numbers.ts';
import type { BudgetLine, Funding, Indicator, IndicatorTable, Spending, SumStatement } from './report.ts';
import { rowEvidence } from './rows/model.ts';
import { cleanText, squash } from './text.ts';
import {
  alignFigures,
  bareLabel,
  type BudgetFigures,
  type FigureToken,
  budgetColumnOf,
  budgetColumnType,
  fundingSourceOf,
  indicatorColumnOf,
  indicatorLevelOf,
  isBudgetTotalLabel,
  labelFieldOf,
  moneyUnitIn,
  spendingKindOf,
  type BudgetColumn,
  type IndicatorColumn,
  type LabelField,
} from './form/index.ts';

/** A table as logical rows of cleaned cell texts, with the raw texts beside them. */
export interface TableView {
  tableNo: number;
  rows: string[][];
  raw: string[][];
}

export function viewTable(table: Table, tableNo: number): TableView {
  const raw = packedMap(table.rows, logicalCells);
  return { tableNo, raw, rows: packedMap(raw, (r) => packedMap(r, cleanText)) };
}

const loc = (v: TableView, row: number) => `表${v.tableNo + 1} 第${row + 1}行`;

// ---------------------------------------------------------------- labels

/** Label cells (预算部门名称 …) and the value in the cell after them. */
function labelValues(v: TableView): { label: string; field: LabelField; value: string; row: number }[] {
  const out: { label: string; field: LabelField; value: string; row: number }[] = [];
  v.rows.forEach((cells, r) => {
    for (let i = 0; i < cells.length - 1; i++) {
      const field = labelFieldOf(cells[i]);
      if (!field || field === 'other' || field === 'reportDate' || field === 'selfScore' || field === 'fiscalYear') continue;
      const value = cells[i + 1];
      // the next cell being a label itself (a header row of labels) is no value
      if (value && !labelFieldOf(value) && !/名称/.test(squash(value))) out.push({ label: bareLabel(cells[i]), field, value, row: r });
    }
  });
  return out;
}

export function projectNameOf(v: TableView): string | null {
  const hit = labelValues(v).find((lv) => lv.field === 'project');
  return hit ? hit.value : null;
}

// ---------------------------------------------------------------- budget block

export interface BudgetBlock {
  line: BudgetLine;
  funding: Funding[];
  spending: Spending[];
  /** labels of spending cells left blank (项目支出：) for the prose to fill */
  blankSpending: Spending['nature'][];
  unit: MoneyUnit;
  /** columns whose figure two readings disagree on (none stored) */
  ambiguous: BudgetColumn[];
}

// Plain loops below, not chains of array callbacks: these run in every report's largest functions,
// which each worker compiles once (TurboFan expands every callback chain into its own loops there).

/** Cells of a row that are budget column headings. */
function budgetColumnCount(cells: string[]): number {
  let n = 0;
  for (const c of cells) if (budgetColumnOf(c)) n++;
  return n;
}

/** A header row's budget columns with their positions, each column at its first heading. */
function budgetHeaderColumns(cells: string[]): (readonly [BudgetColumn, number])[] {
  const out: (readonly [BudgetColumn, number])[] = [];
  for (let i = 0; i < cells.length; i++) {
    const col = budgetColumnOf(cells[i]);
    if (col !== null && !out.some((x) => x[0] === col)) out.push([col, i] as const);
  }
  return out;
}

export function parseBudgetBlock(v: TableView, project: string | null): BudgetBlock | null {
  let r = v.rows.findIndex((cells) => cells.some(isBudgetTotalLabel));
  if (r < 0) return null;
  let headerRow = -1;
  let labelIdx = v.rows[r].findIndex(isBudgetTotalLabel);
  if (budgetColumnCount(v.rows[r]) >= 2 && v.rows[r + 1]) {
    // a flattened table that put the row's label at the end of the header: its figures are on the next row
    headerRow = r;
    r = r + 1;
    labelIdx = -1;
  } else {
    for (let h = r - 1; h >= 0 && h >= r - 3; h--) {
      if (budgetColumnCount(v.rows[h]) >= 2) {
        headerRow = h;
        break;
      }
    }
  }
  const row = v.rows[r];
  const headerCells = headerRow >= 0 ? v.rows[headerRow] : [];
  const unit: MoneyUnit = moneyUnitIn([...headerCells, ...(v.rows[headerRow - 1] ?? []), row[labelIdx] ?? ''].join('')) ?? '万元';
  const columns = new Map<BudgetColumn, number>();
  // figures placed by the form's arithmetic where the row lost cells
  let aligned: BudgetFigures | null = null;
  let ambiguous: BudgetColumn[] = [];
  if (headerRow >= 0) {
    const headerCols = budgetHeaderColumns(headerCells);
    const sameShape = headerCells.length === row.length && labelIdx >= 0;
    if (sameShape) for (const [col, i] of headerCols) columns.set(col, i);
    else {
      const cols = headerCols.map(([col]) => col);
      const idx: number[] = [];
      for (let i = labelIdx + 1; i < row.length && isFigure(row[i]); i++) idx.push(i);
      if (idx.length === cols.length) cols.forEach((c, k) => columns.set(c, idx[k]));
      else if (idx.length && idx.length < cols.length) {
        const a = alignFigures(cols, idx.map((i) => figureToken(row[i])));
        aligned = a.values;
        ambiguous = a.ambiguous;
      }
    }
  }
  const cell = (col: BudgetColumn) => {
    const i = columns.get(col);
    return i === undefined ? '' : (row[i] ?? '');
  };
  const figure = (col: BudgetColumn) => (aligned ? (aligned[col] ?? null) : parseCellNumber(cell(col)));
  const money = (col: BudgetColumn) => {
    const n = figure(col);
    return n === null ? null : toWan(n, unit);
  };
  const line: BudgetLine = {
    project,
    tableNo: v.tableNo,
    source: 'table',
    initialBudget: money('initial'),
    fullYearBudget: money('fullYear'),
    adjustment: null,
    actual: money('actual'),
    weight: figure('weight'),
    execRatePct: figure('rate'),
    score: figure('score'),
    evidence: [headerRow >= 0 ? rowEvidence(headerCells) : '', rowEvidence(row)].filter(Boolean).join(' / '),
    location: loc(v, r),
  };
  const funding: Funding[] = [];
  const spending: Spending[] = [];
  const blankSpending: Spending['nature'][] = [];
  for (let k = r + 1; k < v.rows.length; k++) {
    const cells = v.rows[k];
    const joined = squash(cells.join(''));
    if (/年度总体目标|绩效指标|一级指标|总体目标/.test(joined)) break;
    if (isBudgetTotalLabel(joined)) break;
    const labelCells = cells.filter((c) => /[：:]/.test(c) || fundingSourceOf(c) !== null || spendingKindOf(c) !== null);
    for (const c of labelCells) {
      const s = squash(c).replace(/^其中[：:]?/, '');
      const m = /^(.+?)[：:](-?[\d.,]*)(万元|元)?$/.exec(s);
      let label: string;
      let value: number | null;
      if (m) {
        label = m[1];
        value = m[2] ? parseCellNumber(m[2]) : null;
      } else {
        // project forms: the source label in one cell, its amounts in the budget columns
        label = s;
        const idx = columns.get('fullYear') ?? columns.get('actual') ?? columns.get('initial');
        value = idx !== undefined ? parseCellNumber(cells[idx]) : null;
      }
      if (/按(收入|支出)性质分/.test(label)) continue;
      const amount = value === null ? null : toWan(value, unit);
      const evidence = `${loc(v, k)}：${s}`;
      const nature = spendingKindOf(label);
      if (nature) {
        if (amount === null) blankSpending.push(nature);
        else spending.push({ project, nature, label, amount, origin: 'table', evidence });
        continue;
      }
      const key = fundingSourceOf(label);
      if (key && amount !== null) funding.push({ project, sourceKey: key, label, amount, origin: 'table', evidence });
    }
  }
  return { line, funding, spending, blankSpending, unit, ambiguous };
}

const isFigure = (c: string) => parseCellNumber(c) !== null || /^[—\-－]+$/.test(squash(c));

function figureToken(c: string): FigureToken {
  const n = parseCellNumber(c);
  return n === null ? { kind: 'blank' } : { kind: 'number', value: n, percent: /%$/.test(squash(c)) };
}

/** "总分 | 100 | 96 | 优": the stated total of a form's table, the score after the weight (a lone figure may be either). */
export function tableTotalScore(views: TableView[]): number | null {
  for (const v of views) {
    for (const cells of v.rows) {
      const at = cells.findIndex((c) => /^(自评)?(总分|总得分|合计得分)$/.test(squash(c)));
      if (at < 0) continue;
      const figures: number[] = [];
      for (let i = at + 1; i < cells.length && parseCellNumber(cells[i]) !== null; i++) figures.push(parseCellNumber(cells[i])!);
      const score = figures[1];
      if (figures.length === 2 && score > 0 && score <= figures[0]) return score;
    }
  }
  return null;
}

// ---------------------------------------------------------------- indicator block

const LEVEL1_RE = /^(.*?)[（(](\d+(?:\.\d+)?)分[)）]/;

interface IndicatorBlock {
  table: IndicatorTable;
  indicators: Indicator[];
}

/** An indicator table's header row: a name column, and a weight or a score column. */
export function isIndicatorHeaderRow(cells: string[]): boolean {
  let name = false;
  let figures = false;
  for (const c of cells) {
    const col = indicatorColumnOf(c);
    if (col === 'name') name = true;
    else if (col === 'weight' || col === 'score') figures = true;
  }
  return name && figures;
}

export function parseIndicatorBlock(v: TableView, project: string | null): IndicatorBlock | null {
  const h = v.rows.findIndex(isIndicatorHeaderRow);
  if (h < 0) return null;
  const header = v.rows[h];
  const columns = new Map<IndicatorColumn, number>();
  for (let i = 0; i < header.length; i++) {
    const col = indicatorColumnOf(header[i]);
    if (col && !columns.has(col)) columns.set(col, i);
  }
  const indicators: Indicator[] = [];
  let level1: string | null = null;
  let level1Weight: number | null = null;
  let level2: string | null = null;
  let totalRow = -1;
  for (let r = h + 1; r < v.rows.length; r++) {
    const cells = v.rows[r];
    const first = cells.find((c) => c !== '') ?? '';
    if (/^(总分|合计|总计)/.test(squash(first))) {
      totalRow = r;
      break;
    }
    const shift = rowShift(header, columns, cells);
    const cell = (col: IndicatorColumn) => {
      const i = columns.get(col);
      if (i === undefined) return '';
      return cells[i - shift] ?? '';
    };
    const l1 = cell('level1');
    if (l1) {
      const m = LEVEL1_RE.exec(squash(l1));
      level1 = m ? m[1] : squash(l1);
      level1Weight = m ? Number(m[2]) : null;
      level2 = null;
    }
    const l2 = cell('level2');
    if (l2) level2 = squash(l2);
    const name = cell('name');
    const targetText = cell('target');
    const actualText = cell('actual');
    const weightText = cell('weight');
    const scoreText = cell('score');
    if (!name && !targetText && !actualText && !weightText && !scoreText) continue;
    // a name alone is the rest of the cell above it (a merged cell printed over two rows), or an empty template row
    if (shift !== header.length - cells.length && !targetText && !actualText && !weightText && !scoreText) continue;
    const deviation = cell('deviation');
    indicators.push({
      tableNo: v.tableNo,
      project,
      rowNo: indicators.length + 1,
      source: 'table',
      level1,
      level1WeightStated: level1Weight,
      level2,
      name,
      targetText,
      actualText,
      target: parseMeasure(targetText),
      actual: parseMeasure(actualText),
      weight: parseCellNumber(weightText),
      weightText,
      score: parseCellNumber(scoreText),
      scoreText,
      deviation: deviation || null,
      actualYear: null,
      evidence: rowEvidence(cells),
      location: loc(v, r),
    });
  }
  // the total row's cells after its label, blank ones left out
  const totalCells: string[] = [];
  if (totalRow >= 0) {
    const cells = v.rows[totalRow];
    for (let i = 1; i < cells.length; i++) if (cells[i] !== '') totalCells.push(cells[i]);
  }
  // a form without a weight column states only the score on its total row (总分 | 100分)
  const scoreOnly = !columns.has('weight') && totalCells.length === 1;
  const table: IndicatorTable = {
    tableNo: v.tableNo,
    project,
    totalWeight: totalRow >= 0 && !scoreOnly ? parseNumber(totalCells[0]) : null,
    totalScore: totalRow >= 0 ? parseNumber(totalCells[scoreOnly ? 0 : 1]) : null,
    totalScoreText: totalRow >= 0 ? (totalCells[scoreOnly ? 0 : 1] ?? '') : null,
    hasTotalRow: totalRow >= 0,
    location: totalRow >= 0 ? loc(v, totalRow) : loc(v, h),
  };
  return { table, indicators };
}

/**
 * Where a row shorter than the header starts. Merged cells are lost on the left (一级 / 二级指标
 * written once for several rows), so by default the row ends under the last column. A row that
 * opens with a level heading starts under that level's column; a row whose cell under 分值 or
 * 得分 would be words lost its merged figure cells on the right too, and starts under the name.
 */
function rowShift(header: string[], columns: Map<IndicatorColumn, number>, cells: string[]): number {
  const right = header.length - cells.length;
  if (right <= 0) return right;
  const first = cells.findIndex((c) => c !== '');
  const level = first >= 0 ? indicatorLevelOf(cells[first]) : null;
  if (level) {
    const next = cells[first + 1] ? indicatorLevelOf(cells[first + 1]) : null;
    const col = level.levels.includes(1) && (level.levels.length === 1 || next?.levels.includes(2)) ? 'level1' : 'level2';
    const at = columns.get(col);
    if (at !== undefined) return at - first;
  }
  const figureAt = (col: IndicatorColumn) => {
    const i = columns.get(col);
    const c = i === undefined ? '' : (cells[i - right] ?? '');
    return c === '' || parseCellNumber(c) !== null || /^[—\-－/]+$/.test(squash(c));
  };
  const name = columns.get('name');
  if (name !== undefined && (!figureAt('score') || !figureAt('weight'))) return name - first;
  return right;
}

// ---------------------------------------------------------------- breakdown tables

const NUMBERED = /^\d+[、.．]/;

/**
 * Breakdown rows of a data table (基础数据表): a row followed by numbered rows
 * (1、2、3、) is their total, column by column; a 其中 row and the indented rows
 * after it break down the row above it.
 */
export function tableSumStatements(v: TableView, completeLabels: string[]): SumStatement[] {
  const out: SumStatement[] = [];
  const numericRow = (cells: string[]) => cells.length >= 2 && cells.slice(1).every((c) => c === '' || parseCellNumber(c) !== null || /^[—-]+$/.test(c));
  const isMoneyHeading = (c: string) => {
    const col = budgetColumnOf(c);
    return col !== null && budgetColumnType(col) === 'money';
  };
  const header = v.rows.find((cells) => cells.slice(1).some(isMoneyHeading));
  // rows after a 其中 row, up to the next numbered row, belong to that 其中 list
  const inQizhong = (k: number) => {
    for (let j = k - 1; j >= 0; j--) {
      if (/^其中/.test(v.rows[j][0])) return true;
      if (NUMBERED.test(v.rows[j][0]) || !numericRow(v.rows[j])) return false;
    }
    return false;
  };
  const addStatements = (parentIdx: number, childIdx: number[]) => {
    const parent = v.rows[parentIdx];
    const label = parent[0].replace(/[：:]$/, '');
    for (let col = 1; col < parent.length; col++) {
      const total = parseCellNumber(parent[col]);
      if (total === null) continue;
      out.push({
        origin: 'table',
        totalLabel: header?.[col] ? `${label}（${header[col]}）` : label,
        total,
        parts: childIdx.map((i) => ({ label: v.rows[i][0].replace(/^\d+[、.．]\s*|^其中[：:]/g, ''), amount: parseCellNumber(v.rows[i][col] ?? ''), role: 'part' as const })),
        declaredComplete: completeLabels.some((l) => label.includes(l)),
        evidence: [parent, ...childIdx.map((i) => v.rows[i])].map(rowEvidence).join(' / '),
        location: loc(v, parentIdx),
      });
    }
  };
  // a row ending in "：" (项目支出：) opens a new block of the table
  const opensBlock = (cells: string[]) => /[：:]$/.test(cells[0]);
  for (let r = 0; r < v.rows.length - 1; r++) {
    if (!numericRow(v.rows[r])) continue;
    const next = v.rows[r + 1];
    if (/^1[、.．]/.test(next[0]) && numericRow(next)) {
      const children: number[] = [];
      for (let k = r + 1; k < v.rows.length && numericRow(v.rows[k]) && !(k > r + 1 && opensBlock(v.rows[k])); k++) {
        if (NUMBERED.test(v.rows[k][0])) children.push(k);
        else if (!/^其中/.test(v.rows[k][0]) && !inQizhong(k)) break;
      }
      if (children.length >= 2) addStatements(r, children);
    } else if (/^其中/.test(next[0]) && numericRow(next)) {
      const children = [r + 1];
      for (let k = r + 2; k < v.rows.length && numericRow(v.rows[k]) && !NUMBERED.test(v.rows[k][0]) && !opensBlock(v.rows[k]); k++) children.push(k);
      addStatements(r, children);
    }
  }
  return out;
}
