import type { Block, Cell, Document } from './document.ts';
import { decodeText } from './decode.ts';

/**
 * Reads the tab-laid-out text form of the samples (Word's "plain text" export):
 * a table cell is a line that starts with a tab, the lines after it without a tab
 * belong to that cell, and an empty line usually ends a row. Word also leaves
 * empty lines inside cells (002: `产出指标` / empty / `(40分)`), and a row can go on
 * after one (002: `绩效指标` / empty / `一级指标…`), so rows are rebuilt against
 * the rows around them rather than cut at every empty line.
 */
export function readTxt(bytes: Uint8Array): Document {
  const { text, encoding } = decodeText(bytes);
  return { format: 'txt', encoding, blocks: parseTxtLayout(text) };
}

export function parseTxtLayout(text: string): Block[] {
  // Word's text export leaves bookmark markers ("[bookmark: _GoBack]") in the text
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\[bookmark: [^\]\n]*\]/g, '')
    .split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.startsWith('\t')) {
      const { segments, next } = readTableSegments(lines, i);
      blocks.push({ kind: 'table', rows: rebuildRows(segments).map((r) => r.map((text): Cell => ({ text }))) });
      i = next;
      continue;
    }
    const paragraph = line.trim();
    if (paragraph) blocks.push({ kind: 'paragraph', text: paragraph });
    i++;
  }
  return blocks;
}

const isEmpty = (line: string | undefined) => line !== undefined && line === '';
const isCellLine = (line: string | undefined) => line !== undefined && line.startsWith('\t');

/** Collects the cell lists between empty lines, from `start` to the end of the table. */
function readTableSegments(lines: string[], start: number): { segments: string[][]; next: number } {
  const segments: string[][] = [];
  let cells: string[][] = [];
  const closeSegment = () => {
    if (cells.length) segments.push(cells.map((c) => c.join('\n')));
    cells = [];
  };
  let i = start;
  while (i < lines.length) {
    const line = lines[i];
    if (isCellLine(line)) {
      cells.push([line.slice(1)]);
      i++;
    } else if (!isEmpty(line)) {
      // a line without a tab right after a cell continues that cell
      if (cells.length === 0) break;
      cells[cells.length - 1].push(line);
      i++;
    } else {
      let j = i;
      while (isEmpty(lines[j])) j++;
      if (j >= lines.length) break;
      if (isCellLine(lines[j])) {
        closeSegment();
        i = j;
      } else if (j === i + 1 && cells.length && continuesCell(lines, j)) {
        // one empty line, then a short fragment leading back into the table: a paragraph break inside the cell
        cells[cells.length - 1].push('');
        i = j;
      } else {
        break;
      }
    }
  }
  closeSegment();
  return { segments, next: i };
}

function continuesCell(lines: string[], j: number): boolean {
  if (lines[j].trim().length > 15) return false;
  for (let k = j + 1; k <= j + 2 && k < lines.length; k++) {
    if (isCellLine(lines[k])) return true;
    if (isEmpty(lines[k])) return false;
  }
  return false;
}

/**
 * A row cut by an empty line shows as a short segment (one or two cells) whose
 * cells, joined with the next segment, make as many cells as the row after them.
 */
function rebuildRows(segments: string[][]): string[][] {
  const rows: string[][] = [];
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k];
    const following = segments[k + 1];
    const afterThat = segments[k + 2];
    if (
      following &&
      afterThat &&
      seg.length <= 2 &&
      seg.length + following.length === afterThat.length &&
      following.length < afterThat.length
    ) {
      rows.push([...seg, ...following]);
      k++;
    } else {
      rows.push(seg);
    }
  }
  return rows;
}
