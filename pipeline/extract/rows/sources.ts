import { ALL_LABEL_WORDS, BUDGET_TOTAL_ROW_WORDS, BUDGET_COLUMNS, INDICATOR_COLUMNS, budgetColumnOf, isBudgetTotalLabel, labelFieldOf } from '../form/index.ts';
import type { TableView } from '../tables.ts';
import { squash } from '../text.ts';
import type { FormRow } from './model.ts';

/** A table's rows as form rows; empty cells keep their place only where the reader kept them. */
export function tableRows(view: TableView, offset: number): FormRow[] {
  const keepsEmpty = view.rows.some((r) => r.some((c) => c === ''));
  return view.rows.map((cells, rowNo) => ({ origin: 'table', cells, tableNo: view.tableNo, rowNo, keepsEmpty, offset }));
}

/**
 * The cells of one line: cells set apart by tabs, ideographic or double spaces, or a
 * single space beside a figure ("年度资金总额 100 100 90"); one cell where there is no gap.
 */
export function lineCells(line: string): string[] {
  // cells between tabs keep their place where the line holds figures: an empty one reads as a dash
  // (most lines hold no tab: looking for one is cheaper than the regular expression's scan)
  if (line.includes('\t') && /\S\t+\S/.test(line.trim()) && /\d/.test(line)) {
    return line
      .trim()
      .split('\t')
      .map((c) => squash(c) || '—')
      .flatMap(splitLabelColon);
  }
  return line
    .trim()
    .split(/[\t\u3000]+|\u00a0{2,}| {2,}|(?<=[\d%—－-]) +| +(?=[\d—－-])/)
    .map((c) => squash(c))
    .filter((c) => c !== '')
    .flatMap(splitLabelColon);
}

/** "评价年度:2022", "单位名称：某局": a label and its value written in one cell. */
function splitLabelColon(cell: string): string[] {
  if (!cell.includes('：') && !cell.includes(':')) return [cell];
  const m = /^([^：:]{2,16})[：:](.+)$/.exec(cell);
  return m && labelFieldOf(m[1]) !== null ? [m[1], m[2]] : [cell];
}

/**
 * The cells of a line that is a row of cells or one cell of a table printed one cell per line
 * (short, not a sentence), else null. The cells are the ones its row is made of (found once).
 */
const cellLineCells = (p: string): string[] | null => {
  const s = squash(p);
  if (!s || s.length > 100 || /[。；]/.test(s.slice(0, -1))) return null;
  const cells = lineCells(p);
  return s.length <= 40 || cells.length >= 3 ? cells : null;
};

/**
 * Tables printed as lines: one cell per line ("项目名称" / "某项目" / "主管部门" / …),
 * or cells set apart by spaces or tabs on each line. A run of such lines that holds
 * one of the form's labels or headings becomes one row of all their cells.
 */
export function lineRows(paragraphs: { text: string; offset: number }[]): FormRow[] {
  const out: FormRow[] = [];
  let start = -1;
  let run: string[][] = [];
  const close = () => {
    if (start < 0) return;
    const cells = run.flat();
    if (cells.length >= 3 && cells.some((c) => labelFieldOf(c) !== null || isBudgetTotalLabel(c) || budgetColumnOf(c) !== null)) {
      out.push({ origin: 'lines', cells, tableNo: null, rowNo: start, keepsEmpty: false, offset: paragraphs[start].offset });
    }
    start = -1;
    run = [];
  };
  paragraphs.forEach((p, i) => {
    const cells = cellLineCells(p.text);
    if (cells) {
      if (start < 0) start = i;
      run.push(cells);
    } else close();
  });
  close();
  return out;
}

// every word that starts a cell of a run-on form: labels, budget and indicator headings, the budget row
const CELL_WORDS = [
  ...ALL_LABEL_WORDS.filter((w) => w.length >= 3),
  ...BUDGET_TOTAL_ROW_WORDS,
  ...BUDGET_COLUMNS.flatMap((d) => [...d.contains, ...(d.startsWith ?? [])]).filter((w) => w.length >= 2),
  ...INDICATOR_COLUMNS.flatMap((d) => [...d.contains, ...(d.startsWith ?? [])]).filter((w) => w.length >= 3),
].sort((a, b) => b.length - a.length);

// the cell words by their first character, longest first as in CELL_WORDS: a position is tried
// against the words that can start there, not against all of them
const CELL_WORDS_BY_FIRST = new Map<string, string[]>();
for (const w of CELL_WORDS) {
  const list = CELL_WORDS_BY_FIRST.get(w[0]);
  if (list) list.push(w);
  else CELL_WORDS_BY_FIRST.set(w[0], [w]);
}

/** The longest cell word at position i of s, or undefined. */
const cellWordAt = (s: string, i: number) => CELL_WORDS_BY_FIRST.get(s[i])?.find((x) => s.startsWith(x, i));

/**
 * A form run together in one paragraph ("项目名称某项目主管部门某局项目实施单位某中心…"):
 * cut before every word of the form's vocabulary, so labels and values become cells.
 * Paragraphs with fewer than two such words are prose and give no row.
 */
export function runOnRows(paragraphs: { text: string; offset: number }[]): FormRow[] {
  const out: FormRow[] = [];
  paragraphs.forEach((p, rowNo) => {
    const s = squash(p.text);
    if (s.length < 12) return;
    const cuts: number[] = [];
    const lengths: number[] = [];
    let i = 0;
    while (i < s.length) {
      const w = cellWordAt(s, i);
      if (w) {
        cuts.push(i);
        lengths.push(w.length);
        i += w.length;
      } else i++;
    }
    if (cuts.length < 2) return;
    const cells: string[] = [];
    if (cuts[0] > 0) cells.push(s.slice(0, cuts[0]));
    cuts.forEach((c, k) => {
      const end = cuts[k + 1] ?? s.length;
      // the label word, then what follows it up to the next word
      cells.push(s.slice(c, c + lengths[k]));
      const rest = s.slice(c + lengths[k], end).replace(/^[：:]/, '');
      if (rest) cells.push(rest);
    });
    out.push({ origin: 'runon', cells, tableNo: null, rowNo, keepsEmpty: false, offset: p.offset });
  });
  return out;
}
