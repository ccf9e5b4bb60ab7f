/**
 * An indicator table as a stream of cells in reading order, whatever its layout (a table whose
 * rows lost their shape, ` | ` cells, one cell per line, cells on lines set apart by tabs): each
 * cell classified by what the form lets it be, and the header that says which columns there are.
 */
import {
  INDICATOR_COLUMN_ORDER,
  endsIndicatorTable,
  indicatorColumnOf,
  indicatorLevelOf,
  isBlankMark,
  isComparatorCell,
  isIndicatorTotalCell,
  isMeasureUnitCell,
  isPageFurniture,
  isTemplatePlaceholder,
  levelWeightCell,
  withoutTemplateNumber,
  type IndicatorColumn,
} from '../form/index.ts';
import { parseCellNumber } from '../numbers.ts';
import { cleanText, squash } from '../text.ts';

/** One cell of the stream and where it stands in the report. */
export interface StreamCell {
  text: string;
  location: string;
}

export type Token =
  | { kind: 'level'; word: string; levels: (1 | 2)[]; weight: number | null; cell: StreamCell }
  | { kind: 'total'; cell: StreamCell }
  | { kind: 'end'; cell: StreamCell }
  | { kind: 'placeholder'; cell: StreamCell }
  | { kind: 'value'; value: ValueCell; cell: StreamCell };

/** A cell that holds a row's name or one of its values. */
export interface ValueCell {
  text: string;
  /** a plain figure (10, 9.5, 10分), not a share or an amount */
  points: number | null;
  comparator: boolean;
  unit: boolean;
  blank: boolean;
  /** may be an indicator's name: words, not a figure, unit, comparator or dash */
  nameLike: boolean;
}

const HAS_CJK = /[\u3400-\u9fff]/;

export function valueCell(raw: string): ValueCell {
  const text = cleanText(raw);
  const s = squash(text);
  const comparator = isComparatorCell(s);
  const unit = isMeasureUnitCell(s);
  const blank = isBlankMark(s);
  // 分值 and 得分 are plain figures or points (10, 9.5, 10分); a share or an amount is a value
  const points = /^\d+(\.\d+)?分?$/.test(s) ? parseCellNumber(s) : null;
  return { text, points, comparator, unit, blank, nameLike: HAS_CJK.test(s) && !comparator && !unit && !blank && points === null && s.length >= 2 };
}

/** Classifies the cells; a heading split over two cells ("经济效益" / "指标", "产出指标" / "(40分)") is joined. */
export function tokenize(cells: StreamCell[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    const s = squash(cell.text);
    if (!s || isPageFurniture(s)) continue;
    const prev = out[out.length - 1];
    if (prev?.kind === 'level' && (s === '指标' || s === '指标等')) continue;
    const lw = levelWeightCell(s);
    if (prev?.kind === 'level' && lw !== null && prev.weight === null) {
      prev.weight = lw;
      continue;
    }
    const joined = s + (squash(cells[i + 1]?.text ?? '') === '指标' ? '指标' : '');
    const level = indicatorLevelOf(joined);
    if (level && (joined !== s || /指标/.test(s) || level.weight !== null || LEVEL_STEMS.has(s))) {
      out.push({ kind: 'level', ...level, cell });
      continue;
    }
    if (isIndicatorTotalCell(s)) out.push({ kind: 'total', cell });
    else if (endsIndicatorTable(s)) out.push({ kind: 'end', cell });
    else if (isTemplatePlaceholder(s)) out.push({ kind: 'placeholder', cell });
    else {
      const named = withoutTemplateNumber(cell.text);
      out.push({ kind: 'value', value: valueCell(named), cell });
    }
  }
  return out;
}

// a heading written without 指标 is taken as one only in these spellings (a name "数量" is not)
const LEVEL_STEMS = new Set(['经济效益', '社会效益', '生态效益', '可持续影响']);

/** The header found in a stream: the columns of the table in their order, and where its cells end. */
interface IndicatorHeader {
  columns: IndicatorColumn[];
  /** index of the first cell after the header */
  end: number;
  start: number;
}

/** A heading cell of the indicator table, or null. */
const headingOf = (text: string): IndicatorColumn | null => {
  const s = squash(text);
  if (!s || s.length > 16 || parseCellNumber(s) !== null) return null;
  return indicatorColumnOf(s);
};

/**
 * The first run of heading cells that names the indicator (三级指标 / 指标名称) and its 分值 or
 * 得分, from `from` on. Short fragments before a heading (年度 / 指标值, 实际 / 完成值) belong to it.
 * A header that names the values before the names is two header rows run together
 * (年度指标值 … 偏差原因 / 一级指标 二级指标 三级指标 指标性质 指标值 度量单位): the form's order applies.
 */
export function findHeader(cells: StreamCell[], from = 0): IndicatorHeader | null {
  for (let i = from; i < cells.length; i++) {
    if (!headingOf(cells[i].text)) continue;
    const seen: IndicatorColumn[] = [];
    let j = i;
    let headings = 0;
    while (j < cells.length) {
      const col = headingOf(cells[j].text);
      if (col) {
        seen.push(col);
        headings++;
        j++;
        continue;
      }
      const s = squash(cells[j].text);
      // a fragment of the next heading (年度 / 指标值)
      if (s.length <= 3 && !HAS_FIGURE.test(s) && headingOf(cells[j + 1]?.text ?? '') && headingOf(s + squash(cells[j + 1].text))) {
        j++;
        continue;
      }
      break;
    }
    const set = new Set(seen);
    if (headings >= 4 && set.has('name') && (set.has('weight') || set.has('score'))) {
      const ordered = seen.filter((c, k) => seen.indexOf(c) === k);
      const nameAt = ordered.indexOf('name');
      const valuesFirst = ordered.slice(0, nameAt).some((c) => c !== 'level1' && c !== 'level2');
      const columns = valuesFirst ? INDICATOR_COLUMN_ORDER.filter((c) => set.has(c)) : ordered;
      return { columns, start: i, end: j };
    }
    i = j;
  }
  return null;
}

const HAS_FIGURE = /\d/;
