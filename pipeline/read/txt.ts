import type { Block, Cell, Document } from './document.ts';
import { decodeText } from './decode.ts';
import { packedMap } from './packed.ts';

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
      blocks.push({ kind: 'table', rows: packedMap(rebuildRows(segments), (r) => packedMap(r, (text): Cell => ({ text }))) });
      i = next;
      continue;
    }
    if (isPipeLine(line) || (isPipeOnly(lines[i + 1]) && line.trim() !== '')) {
      const { rows, next } = readPipeRows(lines, i);
      blocks.push(...pipeBlocks(rows));
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

// ---------------------------------------------------------------- tables flattened by web portals

/** A row of cells joined by "|" ("单位名称 | 塘湖镇人民政府 | ||||"), as portals flatten tables. */
const isPipeLine = (line: string | undefined) => line !== undefined && /\S\s*\|\s*\S|^\s*\|\s*\S|\S\s*\|\s*$/.test(line);
/** A line of bars only: "|" between cells written one per line, "||||" at the end of such a row. */
const isPipeOnly = (line: string | undefined) => line !== undefined && /^\s*\|[\s|]*$/.test(line);

/**
 * Reads a run of portal-flattened rows. Two layouts occur, often mixed: cells
 * joined by " | " on one line (one row per line), and one cell per line with a
 * "|" line between cells and a "||||" line closing the row. Empty cells are the
 * portal's padding for merged cells and carry nothing, so they are dropped.
 */
function readPipeRows(lines: string[], start: number): { rows: string[][]; next: number } {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell: string[] = [];
  const closeCell = () => {
    const text = cell.join('\n').trim();
    if (text) row.push(text);
    cell = [];
  };
  const closeRow = () => {
    closeCell();
    if (row.length) rows.push(row);
    row = [];
  };
  let i = start;
  while (i < lines.length) {
    const line = lines[i];
    if (isPipeOnly(line)) {
      if ((line.match(/\|/g) ?? []).length >= 2) closeRow();
      else closeCell();
    } else if (isPipeLine(line)) {
      closeRow();
      const cells = line.split('|').map((c) => c.trim()).filter(Boolean);
      if (cells.length) rows.push(cells);
    } else if (line.trim() !== '' && (isPipeOnly(lines[i + 1]) || isPipeOnly(lines[i - 1]) || cell.length > 0)) {
      // one cell per line; a cell's own line breaks continue it until the next bar
      cell.push(line.trim());
    } else if (line.trim() === '' && (isPipeLine(lines[i + 1]) || isPipeOnly(lines[i + 1]))) {
      // a blank line between flattened rows does not end the table
    } else {
      break;
    }
    i++;
  }
  closeRow();
  return { rows, next: i };
}

/**
 * Rows at the head of a flattened table that are not table rows: a title or
 * "label:value" lines the portal joined with bars ("2022年度项目支出绩效自评表 | 部门:…").
 */
function pipeBlocks(rows: string[][]): Block[] {
  const blocks: Block[] = [];
  let k = 0;
  while (k < rows.length && isHeadingRow(rows[k])) {
    for (const text of rows[k]) blocks.push({ kind: 'paragraph', text });
    k++;
  }
  const rest = rows.slice(k);
  if (rest.length) blocks.push({ kind: 'table', rows: packedMap(rest, (r) => packedMap(r, (text): Cell => ({ text }))) });
  return blocks;
}

function isHeadingRow(cells: string[]): boolean {
  if (cells.length > 2) return false;
  if (cells.length === 1) return true;
  // a short label cell followed by its value is a table row (单位名称 | 塘湖镇人民政府)
  const label = cells[0].replace(/\s+/g, '');
  return !(label.length <= 12 && !/[\d:：]/.test(label));
}
