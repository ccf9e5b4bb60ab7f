import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Block, Cell, Document } from './document.ts';
import { ReadError } from './errors.ts';
import { spannedGrid, type SpannedCell } from './grid.ts';

/**
 * Reads a PDF's text layer (pdfjs-dist, Mozilla's reader) into the format-free
 * Document. Tables are rebuilt from the ruling lines the page draws: the lines'
 * positions give the grid, a missing line between two grid cells merges them,
 * and the text inside a cell is its lines joined (a narrow column wraps
 * 年度资金总额 as 年度资 / 金总额). The text outside tables becomes paragraphs,
 * wrapped lines joined. Pages are read in order, blocks top to bottom; a table
 * continued on the next page with the same columns is one table.
 */

interface PdfLimits {
  maxPages: number;
  /** text items over the whole document */
  maxTextItems: number;
}

const PDF_LIMITS: PdfLimits = { maxPages: 500, maxTextItems: 500_000 };

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/** Character maps and standard fonts shipped with pdfjs-dist, for PDFs that use predefined CJK encodings. */
function pdfjsData(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return { cMapUrl: join(root, 'cmaps') + '/', standardFontDataUrl: join(root, 'standard_fonts') + '/' };
}

const corrupt = (why: string) => new ReadError('corrupt_pdf', `PDF 文件已损坏或不完整（${why}），请重新导出 PDF 或提交原始 Word 文件`);

export async function readPdf(bytes: Uint8Array, limits: Partial<PdfLimits> = {}): Promise<Document> {
  const { maxPages, maxTextItems } = { ...PDF_LIMITS, ...limits };
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw new ReadError('not_a_pdf', '文件不是有效的 PDF（内容不是 PDF 文档），请重新导出 PDF 或提交原始 Word 文件');
  // a PDF ends with %%EOF; one cut off in transfer still opens in part, and a part of a report is not the report
  if (!Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1').includes('%%EOF')) throw corrupt('文件末尾缺失，可能未完整上传');

  const { getDocument, OPS } = await loadPdfJs();
  let pdf;
  try {
    pdf = await getDocument({
      data: new Uint8Array(bytes),
      ...pdfjsData(),
      cMapPacked: true,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: true,
      verbosity: 0,
    }).promise;
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'PasswordException') throw new ReadError('encrypted_pdf', 'PDF 设置了打开密码，请取消密码后重新导出，或提交原始 Word 文件');
    throw corrupt(name === 'InvalidPDFException' ? '无法解析文件结构' : (err as Error).message.slice(0, 80));
  }
  try {
    if (pdf.numPages > maxPages) {
      throw new ReadError('pdf_too_large', `PDF 共 ${pdf.numPages} 页，超过 ${maxPages} 页上限，不像一份自评报告；请只提交自评报告部分`);
    }
    const pages: PageBlocks[] = [];
    let items = 0;
    let characters = 0;
    for (let p = 1; p <= pdf.numPages; p++) {
      let page;
      try {
        page = await pdf.getPage(p);
      } catch (err) {
        throw corrupt(`第 ${p} 页：${(err as Error).message.slice(0, 60)}`);
      }
      const [content, operators] = await Promise.all([page.getTextContent(), page.getOperatorList()]);
      const texts: TextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const [a, b, , d, e, f] = item.transform as number[];
        // upright text only: rotated stamps and watermarks are not report text
        if (Math.abs(b) > Math.abs(a) * 0.1) continue;
        const size = Math.abs(d) || Math.abs(a) || item.height || 10;
        texts.push({ text: item.str, x: e, y: f, width: item.width, size });
        characters += item.str.replace(/\s+/g, '').length;
      }
      items += texts.length;
      if (items > maxTextItems) throw new ReadError('pdf_too_large', `PDF 文字块超过 ${maxTextItems} 个，不像一份自评报告；请只提交自评报告部分`);
      const view = page.view as number[];
      pages.push(pageBlocks(texts, rulings(operators.fnArray, operators.argsArray, OPS), { bottom: view[1], top: view[3] }));
      page.cleanup();
    }
    if (characters < 10) {
      throw new ReadError('scanned_pdf', 'PDF 没有文字层（扫描件或图片），无法读取；需先做文字识别（OCR），或提交原始 Word 文件');
    }
    return { format: 'pdf', blocks: joinPages(pages) };
  } finally {
    await pdf.destroy();
  }
}

// ---------------------------------------------------------------- ruling lines

interface Segment {
  /** horizontal: y, from x0 to x1; vertical: x, from y0 to y1 (as x0/x1) */
  at: number;
  from: number;
  to: number;
}

interface Rulings {
  horizontal: Segment[];
  vertical: Segment[];
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** A thin filled rectangle is a ruling line too (Word and WPS draw borders so); thicker fills are shading. */
const THIN = 3;
const STRAIGHT = 0.6;

/** The straight lines a page strokes or fills, in page coordinates. */
function rulings(fnArray: number[], argsArray: unknown[], OPS: PdfJs['OPS']): Rulings {
  const horizontal: Segment[] = [];
  const vertical: Segment[] = [];
  const painting = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const line = (x0: number, y0: number, x1: number, y1: number) => {
    if (Math.abs(y0 - y1) < STRAIGHT && Math.abs(x1 - x0) > 1) horizontal.push({ at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1) });
    else if (Math.abs(x0 - x1) < STRAIGHT && Math.abs(y1 - y0) > 1) vertical.push({ at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1) });
  };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, argsArray[i] as Matrix);
    else if (fn === OPS.constructPath) {
      const [op, [data]] = argsArray[i] as [number, [ArrayLike<number> | null]];
      if (!painting.has(op) || !data) continue;
      const filled = op !== OPS.stroke && op !== OPS.closeStroke;
      for (const sub of subpaths(data)) {
        const points = sub.map(([x, y]) => apply(ctm, x, y));
        const xs = points.map((p) => p[0]);
        const ys = points.map((p) => p[1]);
        const w = Math.max(...xs) - Math.min(...xs);
        const h = Math.max(...ys) - Math.min(...ys);
        if (filled) {
          if (h <= THIN && w > THIN) line(Math.min(...xs), (Math.max(...ys) + Math.min(...ys)) / 2, Math.max(...xs), (Math.max(...ys) + Math.min(...ys)) / 2);
          else if (w <= THIN && h > THIN) line((Math.max(...xs) + Math.min(...xs)) / 2, Math.min(...ys), (Math.max(...xs) + Math.min(...xs)) / 2, Math.max(...ys));
          else if (!filled || op === OPS.fillStroke || op === OPS.eoFillStroke || op === OPS.closeFillStroke || op === OPS.closeEOFillStroke) edges(points, line);
        } else edges(points, line);
      }
    }
  }
  return { horizontal, vertical };
}

function edges(points: [number, number][], line: (x0: number, y0: number, x1: number, y1: number) => void) {
  for (let k = 1; k < points.length; k++) line(points[k - 1][0], points[k - 1][1], points[k][0], points[k][1]);
}

/** Path data (pdfjs draw ops: 0 moveTo, 1 lineTo, 2 curveTo, 3 quadraticCurveTo, 4 closePath) → straight-line subpaths. */
function subpaths(data: ArrayLike<number>): [number, number][][] {
  const out: [number, number][][] = [];
  let current: [number, number][] = [];
  for (let i = 0; i < data.length; ) {
    const op = data[i++];
    if (op === 0) {
      if (current.length > 1) out.push(current);
      current = [[data[i++], data[i++]]];
    } else if (op === 1) current.push([data[i++], data[i++]]);
    else if (op === 2) {
      // a curve is not a ruling line: end the straight run at its end point
      i += 4;
      if (current.length > 1) out.push(current);
      current = [[data[i++], data[i++]]];
    } else if (op === 3) {
      i += 2;
      if (current.length > 1) out.push(current);
      current = [[data[i++], data[i++]]];
    } else if (op === 4) {
      if (current.length > 1) current.push(current[0]);
    } else break;
  }
  if (current.length > 1) out.push(current);
  return out;
}

/** Collinear segments merged: same position within 1.5 pt, overlapping or within 2 pt of each other. */
function mergeSegments(segments: Segment[]): Segment[] {
  const sorted = [...segments].sort((a, b) => a.at - b.at || a.from - b.from);
  const rows: Segment[][] = [];
  for (const s of sorted) {
    const last = rows[rows.length - 1];
    if (last && Math.abs(last[0].at - s.at) <= 1.5) last.push(s);
    else rows.push([s]);
  }
  const out: Segment[] = [];
  for (const row of rows) {
    const at = row.reduce((sum, s) => sum + s.at, 0) / row.length;
    const spans = row.sort((a, b) => a.from - b.from);
    let cur = { ...spans[0], at };
    for (const s of spans.slice(1)) {
      if (s.from <= cur.to + 2) cur.to = Math.max(cur.to, s.to);
      else {
        out.push(cur);
        cur = { ...s, at };
      }
    }
    out.push(cur);
  }
  return out;
}

// ---------------------------------------------------------------- tables

interface TextItem {
  text: string;
  x: number;
  /** baseline */
  y: number;
  width: number;
  size: number;
}

interface Grid {
  xs: number[];
  /** descending: top first */
  ys: number[];
  horizontal: Segment[];
  vertical: Segment[];
}

const TOUCH = 2.5;

/** Groups of lines that cross or touch each other: one group per table. */
function tableGrids(r: Rulings): Grid[] {
  const h = mergeSegments(r.horizontal);
  const v = mergeSegments(r.vertical);
  const all = [...h.map((s) => ({ s, horizontal: true })), ...v.map((s) => ({ s, horizontal: false }))];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  // sort-and-sweep would be faster; a page has at most a few hundred merged lines
  for (let i = 0; i < h.length; i++) {
    for (let j = 0; j < v.length; j++) {
      const a = h[i];
      const b = v[j];
      if (b.at >= a.from - TOUCH && b.at <= a.to + TOUCH && a.at >= b.from - TOUCH && a.at <= b.to + TOUCH) parent[find(i)] = find(h.length + j);
    }
  }
  const groups = new Map<number, { horizontal: Segment[]; vertical: Segment[] }>();
  all.forEach((e, i) => {
    const g = groups.get(find(i)) ?? { horizontal: [], vertical: [] };
    (e.horizontal ? g.horizontal : g.vertical).push(e.s);
    groups.set(find(i), g);
  });
  const grids: Grid[] = [];
  for (const g of groups.values()) {
    if (g.horizontal.length < 2 || g.vertical.length < 2) continue;
    const xs = cluster(g.vertical.map((s) => s.at)).sort((a, b) => a - b);
    const ys = cluster(g.horizontal.map((s) => s.at)).sort((a, b) => b - a);
    if (xs.length < 2 || ys.length < 2) continue;
    grids.push({ xs, ys, ...g });
  }
  return grids;
}

function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1] <= 1.5) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => c.reduce((s, x) => s + x, 0) / c.length);
}

const covers = (segments: Segment[], at: number, point: number) => segments.some((s) => Math.abs(s.at - at) <= 1.5 && s.from - 1 <= point && s.to + 1 >= point);

/** The grid's cells as merged regions: a missing ruling line between two grid cells joins them. */
function regions(grid: Grid): { row: number; col: number; rowspan: number; colspan: number }[] {
  const rows = grid.ys.length - 1;
  const cols = grid.xs.length - 1;
  const owner: number[][] = Array.from({ length: rows }, () => new Array<number>(cols).fill(-1));
  const out: { row: number; col: number; rowspan: number; colspan: number }[] = [];
  const midY = (r: number) => (grid.ys[r] + grid.ys[r + 1]) / 2;
  const midX = (c: number) => (grid.xs[c] + grid.xs[c + 1]) / 2;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (owner[r][c] !== -1) continue;
      let colspan = 1;
      while (c + colspan < cols && owner[r][c + colspan] === -1 && !covers(grid.vertical, grid.xs[c + colspan], midY(r))) colspan++;
      let rowspan = 1;
      const open = (rr: number) => {
        for (let k = c; k < c + colspan; k++) if (owner[rr][k] !== -1 || covers(grid.horizontal, grid.ys[rr], midX(k))) return false;
        return true;
      };
      while (r + rowspan < rows && open(r + rowspan)) rowspan++;
      const id = out.length;
      for (let rr = r; rr < r + rowspan; rr++) for (let k = c; k < c + colspan; k++) owner[rr][k] = id;
      out.push({ row: r, col: c, rowspan, colspan });
    }
  }
  return out;
}

const isCjk = (ch: string) => /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch);

/** Text of items on one line, left to right; a gap of a fifth of the font size between Latin letters or digits is a space (CJK text has none). */
function lineText(items: TextItem[]): string {
  const sorted = [...items].sort((a, b) => a.x - b.x);
  let out = '';
  let end = -Infinity;
  for (const item of sorted) {
    const gap = item.x - end;
    if (out && gap > item.size * 0.2 && !isCjk(out.slice(-1)) && !isCjk(item.text[0])) out += ' ';
    out += item.text;
    end = Math.max(end, item.x + item.width);
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Items grouped into lines: the same baseline within a third of the font size. Lines top to bottom. */
function textLines(items: TextItem[]): { items: TextItem[]; y: number; x0: number; x1: number; size: number }[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { items: TextItem[]; y: number; x0: number; x1: number; size: number }[] = [];
  for (const item of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - item.y) <= Math.max(2, item.size * 0.35)) {
      last.items.push(item);
      last.x0 = Math.min(last.x0, item.x);
      last.x1 = Math.max(last.x1, item.x + item.width);
    } else lines.push({ items: [item], y: item.y, x0: item.x, x1: item.x + item.width, size: item.size });
  }
  return lines;
}

/** Wrapped lines joined: nothing between CJK (or digits next to CJK), a space between Latin words. */
function joinWrapped(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return /[A-Za-z,.;:]$/.test(a) && /^[A-Za-z(]/.test(b) ? `${a} ${b}` : a + b;
}

interface TableGeometry {
  horizontal: Segment[];
  vertical: Segment[];
  items: TextItem[];
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** y positions where the table continues from one page to the next (in the joined coordinates) */
  pageBreaks: number[];
}

type PositionedBlock = { top: number; paragraph: string } | { top: number; table: TableGeometry };

interface PageBlocks {
  blocks: PositionedBlock[];
}

function pageBlocks(texts: TextItem[], r: Rulings, page: { bottom: number; top: number }): PageBlocks {
  const grids = tableGrids(r);
  const tableItems = grids.map(() => [] as TextItem[]);
  const rest: TextItem[] = [];
  for (const t of texts) {
    const cx = t.x + t.width / 2;
    const cy = t.y + t.size * 0.3;
    const g = grids.findIndex((grid) => cx > grid.xs[0] && cx < grid.xs[grid.xs.length - 1] && cy < grid.ys[0] && cy > grid.ys[grid.ys.length - 1]);
    if (g >= 0) tableItems[g].push(t);
    else rest.push(t);
  }
  const blocks: PositionedBlock[] = grids
    .map((grid, g) => ({
      top: grid.ys[0],
      table: {
        horizontal: grid.horizontal,
        vertical: grid.vertical,
        items: tableItems[g],
        left: grid.xs[0],
        right: grid.xs[grid.xs.length - 1],
        top: grid.ys[0],
        bottom: grid.ys[grid.ys.length - 1],
        pageBreaks: [],
      },
    }))
    .filter((b) => b.table.items.length > 0);
  // the text column's right edge: the widest of the page's text and tables
  const right = Math.max(...texts.map((t) => t.x + t.width), ...grids.map((g) => g.xs[g.xs.length - 1]));
  blocks.push(...paragraphs(rest, page, right));
  blocks.sort((a, b) => b.top - a.top);
  return { blocks };
}

/** A table's cells from its lines and text: the grid, merged regions, each region's text lines joined. */
function tableRows(t: TableGeometry): Cell[][] {
  const xs = cluster(t.vertical.map((s) => s.at)).sort((a, b) => a - b);
  const ys = cluster(t.horizontal.map((s) => s.at)).sort((a, b) => b - a);
  const grid: Grid = { xs, ys, horizontal: t.horizontal, vertical: t.vertical };
  const cells = regions(grid);
  const owner = new Map<string, number>();
  cells.forEach((c, id) => {
    for (let r = c.row; r < c.row + c.rowspan; r++) for (let k = c.col; k < c.col + c.colspan; k++) owner.set(`${r},${k}`, id);
  });
  const texts = new Map<number, TextItem[]>();
  for (const item of t.items) {
    const cx = item.x + item.width / 2;
    const cy = item.y + item.size * 0.3;
    const col = xs.findIndex((x, i) => i < xs.length - 1 && cx >= x && cx < xs[i + 1]);
    const row = ys.findIndex((y, i) => i < ys.length - 1 && cy <= y && cy > ys[i + 1]);
    const id = owner.get(`${row},${col}`);
    if (id !== undefined) texts.set(id, [...(texts.get(id) ?? []), item]);
  }
  const rows: SpannedCell[][] = Array.from({ length: ys.length - 1 }, () => []);
  cells.forEach((c, id) => {
    const text = textLines(texts.get(id) ?? [])
      .map((l) => lineText(l.items))
      .reduce(joinWrapped, '');
    rows[c.row].push({ text, colspan: c.colspan, rowspan: c.rowspan });
  });
  const out = spannedGrid(rows);
  // a row cut by a page break is one row: its second part only adds lines to some of its cells
  const breakRows = new Set(t.pageBreaks.map((y) => ys.findIndex((v) => Math.abs(v - y) <= 1.5)).filter((r) => r > 0));
  const kept: Cell[][] = [];
  out.forEach((row, r) => {
    const previous = kept[kept.length - 1];
    if (breakRows.has(r) && previous && continuesRow(previous, row)) {
      row.forEach((cell, c) => {
        if (cell.text && !previous[c].continuation) previous[c] = { text: joinWrapped(previous[c].text, cell.text) };
      });
    } else if (row.some((cell) => cell.text || cell.continuation)) kept.push(row);
  });
  return kept;
}

/** The second part of a row cut by a page break: text only under cells that have text, and at least half of those left empty. */
function continuesRow(previous: Cell[], row: Cell[]): boolean {
  const filled = previous.map((c, i) => !!c.text && !row[i].continuation);
  const added = row.map((c) => !!c.text && !c.continuation);
  if (!added.some(Boolean) || added.some((a, i) => a && !filled[i])) return false;
  const withText = filled.filter(Boolean).length;
  const empty = filled.filter((f, i) => f && !added[i]).length;
  return empty * 2 >= withText;
}

/** A line that starts a numbered item or heading starts a paragraph. */
const LIST_MARKER = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d)|第[一二三四五六七八九十\d]+[章节条部分])/;
const SENTENCE_END = /[。！？：:；;]$/;

const PAGE_NUMBER = /^(?:[-—–]\s*)?(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?(?:\s*[-—–])?$|^(?:Page\s+)?\d{1,4}\s*(?:of|\/)\s*\d{1,4}$/i;

/** Text outside tables as paragraphs: a line joins the one above when that one runs to the right margin and this one is not indented. */
function paragraphs(items: TextItem[], page: { bottom: number; top: number }, right: number): PositionedBlock[] {
  const height = page.top - page.bottom;
  const lines = textLines(items).filter((l) => {
    const inMargin = l.y < page.bottom + height * 0.08 || l.y > page.top - height * 0.08;
    return !(inMargin && PAGE_NUMBER.test(lineText(l.items)));
  });
  if (!lines.length) return [];
  const left = Math.min(...lines.map((l) => l.x0));
  // the right margin: most full lines end within a character of it, punctuation may hang past it
  const ends = lines.map((l) => l.x1).sort((a, b) => b - a);
  const margin = ends.length >= 5 ? Math.min(right, ends[Math.floor(ends.length * 0.1)]) : right;
  const out: PositionedBlock[] = [];
  let current: { top: number; text: string; last: (typeof lines)[number] } | null = null;
  for (const line of lines) {
    const text = lineText(line.items);
    const previousEnd = current?.last.x1 ?? 0;
    // a line ending a sentence ends the paragraph: splitting a paragraph between sentences loses less than joining two
    const full = previousEnd >= margin - line.size * 4 && !SENTENCE_END.test(current?.text ?? '');
    const continues =
      current &&
      full &&
      line.x0 <= left + line.size * 0.8 &&
      !LIST_MARKER.test(text) &&
      current.last.y - line.y <= Math.max(current.last.size, line.size) * 2;
    if (current && continues) {
      current.text = joinWrapped(current.text, text);
      current.last = line;
    } else {
      if (current) out.push({ top: current.top, paragraph: current.text });
      current = { top: line.y + line.size, text, last: line };
    }
  }
  if (current) out.push({ top: current.top, paragraph: current.text });
  return out;
}

/**
 * Pages in order. A table that ends its page and one that starts the next page with the same outer
 * edges are one table: the second is moved up under the first, its lines and text with it.
 */
function joinPages(pages: PageBlocks[]): Block[] {
  const out: PositionedBlock[] = [];
  let lastOfPage: PositionedBlock | null = null;
  for (const page of pages) {
    for (const [i, b] of page.blocks.entries()) {
      const previous = out[out.length - 1];
      if (i === 0 && 'table' in b && previous && previous === lastOfPage && 'table' in previous && sameEdges(previous.table, b.table)) {
        const into = previous.table;
        const shift = into.bottom - b.table.top;
        const moveH = (s: Segment) => ({ ...s, at: s.at + shift });
        const moveV = (s: Segment) => ({ ...s, from: s.from + shift, to: s.to + shift });
        into.horizontal.push(...b.table.horizontal.map(moveH));
        into.vertical.push(...b.table.vertical.map(moveV));
        into.items.push(...b.table.items.map((t) => ({ ...t, y: t.y + shift })));
        into.pageBreaks.push(into.bottom, ...b.table.pageBreaks.map((y) => y + shift));
        into.bottom = b.table.bottom + shift;
      } else out.push(b);
    }
    lastOfPage = out[out.length - 1] ?? null;
  }
  return out.map((b) => ('table' in b ? { kind: 'table' as const, rows: tableRows(b.table) } : { kind: 'paragraph' as const, text: b.paragraph }));
}

const sameEdges = (a: TableGeometry, b: TableGeometry) => Math.abs(a.left - b.left) <= 3 && Math.abs(a.right - b.right) <= 3;
