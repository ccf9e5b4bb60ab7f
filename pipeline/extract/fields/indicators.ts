/**
 * Indicator rows in the layouts real reports use besides a well-formed table: a table whose rows
 * lost their shape (a portal's ` | ` cells with empty cells dropped and rows run together), a
 * table printed one cell per line or as lines of tab-separated cells, a table continued after a
 * page break. The cells are read as one stream under the header (indicators/cells.ts) and cut into
 * rows where the form's arithmetic leaves one reading (indicators/records.ts). A table the
 * arithmetic cannot settle gives no rows, and the reason is kept in field_sources.
 */
import { indicatorColumnOf, isPageFurniture, type IndicatorColumn } from '../form/index.ts';
import { findHeader, tokenize, type StreamCell } from '../indicators/cells.ts';
import { readRunOnTable } from '../indicators/runon.ts';
import { readRows, type BudgetRowFigures, type RowReading, type RowsOutcome } from '../indicators/records.ts';
import { parseCellNumber, parseMeasure } from '../numbers.ts';
import type { BudgetLine, Indicator, IndicatorTable } from '../report.ts';
import { lineCells } from '../rows/sources.ts';
import { isIndicatorHeaderRow, parseBudgetBlock, type TableView } from '../tables.ts';
import { squash } from '../text.ts';
import type { ReportContext } from './context.ts';
import type { FieldOutcome } from './reading.ts';
import type { TablesRead } from './tables.ts';

interface IndicatorsRead {
  indicators: Indicator[];
  indicatorTables: IndicatorTable[];
  outcomes: FieldOutcome<number>[];
  /** tables read here whose reading by the tables' own reader (no scored row) gives way */
  replaces: Set<number>;
}

// a line of a table printed as lines: a cell or a row of cells, not a paragraph of prose
const PROSE_HEADING = /^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[章节部分])/;
const MAX_CELL_LINE = 120;
// a paragraph that runs the table's headings together: read nowhere, said why
const RUN_ON_HEADER = /(三级指标|指标名称).{0,40}(分值|得分)/;

/** Indicators the tables' own reader did not find: tables that lost their shape, then tables printed as lines. */
export function readLooseIndicators(ctx: ReportContext, tables: TablesRead, lines: BudgetLine[], singleProjectReport: boolean): IndicatorsRead {
  const out: IndicatorsRead = { indicators: [], indicatorTables: [], outcomes: [], replaces: new Set() };
  // tables the tables' own reader read: rows with figures under a header row that is only headings
  const readTables = new Set(tables.indicators.filter((i) => i.weight !== null || i.score !== null).map((i) => i.tableNo));
  const trusted = (v: TableView) => readTables.has(v.tableNo) && headerRowIsClean(v);
  // rows the tables' reader took under a header that is not one are not kept, read here or not
  const withRows = new Set(tables.indicators.map((i) => i.tableNo));
  for (const v of ctx.views) if (withRows.has(v.tableNo) && !headerRowIsClean(v)) out.replaces.add(v.tableNo);
  const own = lines.find((l) => l.project === null) ?? null;
  const projectOf = (tableNo: number) => (singleProjectReport ? null : (ctx.projectOf.get(tableNo) ?? null));


  // tables whose rows lost their shape
  for (let k = 0; k < ctx.views.length; k++) {
    const v = ctx.views[k];
    if (trusted(v)) continue;
    const cells = viewCells(v);
    const header = findHeader(cells);
    if (!header) continue;
    // a table without its 总分 row goes on in the tables after it (a page break, a part pasted apart)
    const stream = cells.slice(header.end);
    for (let n = k + 1; n < ctx.views.length && !closes(stream) && adjacent(ctx, n - 1, n); n++) {
      const next = ctx.views[n];
      const nextCells = viewCells(next);
      if (findHeader(nextCells) || parseBudgetBlock(next, null)) break;
      stream.push(...nextCells);
      k = n;
    }
    const block = parseBudgetBlock(v, null);
    const budget = budgetFigures(block?.line ?? own);
    const project = projectOf(v.tableNo);
    const where: Where = { tableNo: v.tableNo, project, source: 'table', location: cells[header.start].location, headerText: headerText(cells, header) };
    if (read(out, stream, header.columns, budget, where, readTables.has(v.tableNo) && !out.replaces.has(v.tableNo))) out.replaces.add(v.tableNo);
  }

  // tables printed as lines
  const paragraphCells: (StreamCell | null)[] = [];
  ctx.paragraphs.forEach((p, i) => {
    const s = squash(p.text);
    if (!s || isPageFurniture(s)) return;
    if (s.length > MAX_CELL_LINE || PROSE_HEADING.test(s)) {
      paragraphCells.push(null);
      return;
    }
    for (const c of lineCells(p.text)) paragraphCells.push({ text: c, location: `正文第${i + 1}段（逐行表格）` });
  });
  let tableNo = ctx.views.length;
  let from = 0;
  while (from < paragraphCells.length) {
    let end = paragraphCells.indexOf(null, from);
    if (end < 0) end = paragraphCells.length;
    const run = paragraphCells.slice(from, end) as StreamCell[];
    let at = 0;
    for (let header = findHeader(run, at); header; header = findHeader(run, at)) {
      const stream = run.slice(header.end);
      const next = findHeader(stream);
      const own_ = next ? stream.slice(0, next.start) : stream;
      read(out, own_, header.columns, budgetFigures(own), { tableNo: tableNo++, project: null, source: 'lines', location: run[header.start].location, headerText: headerText(run, header) });
      at = header.end + own_.length;
    }
    from = end + 1;
  }

  const kept = tables.indicators.filter((i) => i.tableNo === null || !out.replaces.has(i.tableNo));
  if (kept.length) {
    out.outcomes.unshift({
      field: 'indicators',
      project: null,
      reading: { value: kept.length, source: 'table', location: kept[0].location, evidence: kept[0].evidence, strategy: 'table: header row' },
      reason: null,
    });
  }
  // a table run together in one paragraph: read where the figures allow one reading only
  if (!out.indicators.length && !kept.length) {
    ctx.paragraphs.forEach((x, p) => {
      if (!RUN_ON_HEADER.test(squash(x.text)) || findHeader(lineCells(x.text).map((text) => ({ text, location: '' })))) return;
      const location = `正文第${p + 1}段（表格文本）`;
      const got = readRunOnTable(x.text, location, budgetFigures(own));
      if (got) store(out, got.outcome, { tableNo: tableNo++, project: null, source: 'runon', location, headerText: got.headerText }, false);
      else out.outcomes.push({ field: 'indicators', project: null, reading: null, reason: '绩效指标表的单元格连写在一段文字中，表头无法分列，未读取', location, evidence: x.text.slice(0, 200) });
    });
  }
  out.outcomes = onePerProject(out.outcomes);
  return out;
}

/** One reading per project (its rows over every table read), so a report counts once; refusals stay as they are. */
function onePerProject(outcomes: FieldOutcome<number>[]): FieldOutcome<number>[] {
  const merged = new Map<string | null, FieldOutcome<number>>();
  const refused: FieldOutcome<number>[] = [];
  for (const o of outcomes) {
    if (!o.reading) {
      refused.push(o);
      continue;
    }
    const seen = merged.get(o.project);
    if (!seen?.reading) merged.set(o.project, o);
    else {
      seen.reading.value += o.reading.value;
      if (!seen.reading.strategy.includes(o.reading.strategy)) seen.reading.strategy += `; ${o.reading.strategy}`;
      seen.reading.location += `; ${o.reading.location}`;
    }
  }
  return [...merged.values(), ...refused];
}

/**
 * Whether the row the tables' reader takes for the header is one: after its first heading, headings
 * only (a label cell before them, 年度绩效指标, is a merged column). A table that lost its shape
 * runs other cells (rows, the budget block) into it, and the columns it implies are not the table's.
 * A table without a header row (a continued part) is not judged here.
 */
function headerRowIsClean(v: TableView): boolean {
  const row = v.rows.find(isIndicatorHeaderRow);
  // a part continued from the table before has no header of its own: it was read under that one
  if (!row) return true;
  const first = row.findIndex((c) => indicatorColumnOf(c) !== null);
  return row.slice(first).every((c) => !squash(c) || indicatorColumnOf(c) !== null);
}

function viewCells(v: TableView): StreamCell[] {
  const out: StreamCell[] = [];
  v.rows.forEach((cells, r) => {
    for (const c of cells) if (squash(c)) out.push({ text: c, location: `表${v.tableNo + 1} 第${r + 1}行` });
  });
  return out;
}

// what may stand between the parts of a table cut by a page break: page numbers, 续表, nothing else
const PAGE_FURNITURE = /^(第\s*\d+\s*页.*|共\s*\d+\s*页|\d+|[-—]\s*\d+\s*[-—]|续表.{0,10}|（续）|\(续\))$/;

/** Whether only page furniture stands between two tables. */
function adjacent(ctx: ReportContext, a: number, b: number): boolean {
  const from = ctx.tables[a].end;
  const to = ctx.tables[b].offset;
  return ctx.paragraphs.every((p) => p.offset < from || p.offset >= to || PAGE_FURNITURE.test(squash(p.text)) || isPageFurniture(p.text));
}

const closes = (cells: StreamCell[]) => cells.some((c) => /^(自评)?(总分|总得分|合计|总计)$/.test(squash(c.text)));

const budgetFigures = (line: BudgetLine | null): BudgetRowFigures => ({ weight: line?.weight ?? null, score: line?.score ?? null });

const headerText = (cells: StreamCell[], h: { start: number; end: number }) =>
  cells
    .slice(h.start, h.end)
    .map((c) => c.text)
    .join(' | ');

interface Where {
  tableNo: number;
  project: string | null;
  source: 'table' | 'lines' | 'runon';
  location: string;
  headerText: string;
}

/** Reads one table's stream into `out`; whether rows were stored. */
function read(out: IndicatorsRead, stream: StreamCell[], columns: IndicatorColumn[], budget: BudgetRowFigures, where: Where, quiet = false): boolean {
  return store(out, readRows(tokenize(stream), columns, budget), where, quiet);
}

/** Stores a table's rows, or its refusal (not where the tables' own reader's rows stand instead). */
function store(out: IndicatorsRead, got: RowsOutcome, where: Where, quiet: boolean): boolean {
  const strategy = { table: 'indicator cells in order: table', lines: 'indicator cells in order: lines', runon: 'indicator cells run together: form arithmetic' }[where.source];
  if (!got.ok) {
    if (!quiet) out.outcomes.push({ field: 'indicators', project: where.project, reading: null, reason: got.reason, location: where.location, evidence: where.headerText });
    return false;
  }
  const rows = got.table.rows.map((r, i) => toIndicator(r, i, where));
  out.indicators.push(...rows);
  out.indicatorTables.push({
    tableNo: where.tableNo,
    project: where.project,
    totalWeight: got.table.totalWeight,
    totalScore: got.table.totalScore,
    totalScoreText: got.table.totalScore === null ? null : String(got.table.totalScore),
    hasTotalRow: got.table.hasTotalRow,
    location: where.location,
  });
  out.outcomes.push({
    field: 'indicators',
    project: where.project,
    reading: {
      value: rows.length,
      source: where.source,
      location: where.location,
      evidence: `${where.headerText}${got.leftOver ? `（表后${got.leftOver}个单元格不属于表）` : ''}`,
      strategy,
    },
    reason: null,
  });
  return true;
}

function toIndicator(r: RowReading, i: number, where: Where): Indicator {
  const text = (col: keyof RowReading['cells']) => r.cells[col]?.value.text ?? '';
  const unit = text('measureUnit');
  // 指标性质, 指标值 and 度量单位 in cells of their own make one target as written (≥ | 95 | % → ≥95%)
  const withUnit = (v: string) => (v && unit && parseCellNumber(v) !== null && !/[%％]$/.test(v) ? v + unit : v);
  const target = text('target');
  const targetText = target ? `${text('nature')}${withUnit(target)}` : '';
  const actualText = withUnit(text('actual'));
  const deviation = text('deviation');
  return {
    tableNo: where.tableNo,
    project: where.project,
    rowNo: i + 1,
    source: 'table',
    level1: r.level1,
    level1WeightStated: r.level1Weight,
    level2: r.level2,
    name: r.name.value.text,
    targetText,
    actualText,
    target: parseMeasure(targetText),
    actual: parseMeasure(actualText),
    weight: r.cells.weight?.value.points ?? null,
    weightText: text('weight'),
    score: r.cells.score?.value.points ?? null,
    scoreText: text('score'),
    deviation: deviation || null,
    actualYear: null,
    evidence: r.span.map((t) => t.value.text).join(' | '),
    location: r.name.cell.location,
  };
}
