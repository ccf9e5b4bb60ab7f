import type { Cell } from './document.ts';

/**
 * Cells given with their spans (HTML, PDF) → the grid-expanded rows of a `Table`.
 *
 * A cell fills colspan × rowspan grid positions. Positions to the right of a
 * cell's origin are `left` continuations; in the rows below, the first covered
 * position is an `above` continuation and the rest `left` (the convention of the
 * .docx reader), so that `logicalCells` reads one empty cell per merged cell per row.
 */

export interface SpannedCell {
  text: string;
  colspan: number;
  rowspan: number;
}

export function spannedGrid(rows: SpannedCell[][], maxColumns = 1000): Cell[][] {
  const grid: Cell[][] = [];
  // per grid column: rows still covered by a rowspan from above, and whether the column starts that cell
  const pending: { rows: number; first: boolean }[] = [];
  for (const [r, cells] of rows.entries()) {
    const row: Cell[] = [];
    const coverFromAbove = () => {
      for (let p = pending[row.length]; p && p.rows > 0; p = pending[row.length]) {
        p.rows--;
        row.push({ text: '', continuation: p.first ? 'above' : 'left' });
      }
    };
    for (const cell of cells) {
      coverFromAbove();
      if (row.length >= maxColumns) break;
      const colspan = Math.max(1, Math.min(cell.colspan, maxColumns - row.length));
      const rowspan = Math.max(1, Math.min(cell.rowspan, rows.length - r));
      row.push({ text: cell.text });
      for (let k = 1; k < colspan; k++) row.push({ text: '', continuation: 'left' });
      if (rowspan > 1) {
        for (let k = 0; k < colspan; k++) pending[row.length - colspan + k] = { rows: rowspan - 1, first: k === 0 };
      }
    }
    // rowspans reaching past this row's last cell
    for (let c = row.length; c < pending.length; c++) {
      if ((pending[c]?.rows ?? 0) > 0) {
        while (row.length < c) row.push({ text: '' });
        coverFromAbove();
        c = row.length - 1;
      }
    }
    grid.push(row);
  }
  // a loop, not Math.max(...rows): spreading 200,000 rows overflows the stack
  let width = 0;
  for (const r of grid) width = Math.max(width, r.length);
  for (const row of grid) while (row.length < width) row.push({ text: '' });
  return grid;
}

/** Whitespace as the regular expression `\s` and `String.prototype.trim` see it. */
export function isWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Every UTF-16 code unit `isWhitespace` takes, in order (for tables of code units). */
export const WHITESPACE_CODE_UNITS: string = String.fromCharCode(...Array.from({ length: 0x10000 }, (_, c) => c).filter(isWhitespace));

/**
 * `text.slice(start, end).replace(/\s+/g, ' ').trim()` in one pass, without the regular expression:
 * every cell and paragraph of a document goes through it.
 */
export function collapseWhitespace(text: string, start = 0, end = text.length): string {
  let i = start;
  while (i < end && isWhitespace(text.charCodeAt(i))) i++;
  let out = '';
  // the part of the text not yet in `out`, kept as one slice while nothing in it changes
  let from = i;
  while (i < end) {
    if (!isWhitespace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && isWhitespace(text.charCodeAt(j))) j++;
    // whitespace at the end: trimmed
    if (j === end) break;
    // one plain space stays as it is
    if (j > i + 1 || text.charCodeAt(i) !== 0x20) {
      out += text.slice(from, i) + ' ';
      from = j;
    }
    i = j;
  }
  return out + text.slice(from, i);
}

/**
 * A cell's text as the .docx reader gives it: each line's whitespace squashed, lines joined with "\n",
 * blank lines at the ends dropped. The same as
 * `text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).join('\n').replace(/^\n+|\n+$/g, '')`, in one pass.
 */
export function cellLines(text: string): string {
  let out = '';
  // blank lines after the last line with text: kept only when another line with text follows
  let blank = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = collapseWhitespace(text, start, end);
    if (line) {
      if (out) out += blank ? '\n'.repeat(blank + 1) : '\n';
      out += line;
      blank = 0;
    } else if (out) blank++;
    start = end + 1;
  }
  return out;
}
