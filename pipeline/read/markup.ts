import type { Block, Cell } from './document.ts';
import { cellLines, collapseWhitespace, spannedGrid } from './grid.ts';
import { packedMap } from './packed.ts';

/**
 * Markup (HTML-shaped nodes) → blocks. Both .docx readers end here: the reference
 * reader with the HTML mammoth writes, the direct OOXML reader with the same
 * shape of nodes built from the XML, so that both expand tables and join cell
 * lines by one and the same code.
 */

export interface MarkupNode {
  nodeName: string;
  /** set on elements */
  tagName?: string;
  /** set on text nodes */
  value?: string;
  attrs?: readonly { name: string; value: string }[];
  childNodes?: readonly MarkupNode[];
}

export interface MarkupElement extends MarkupNode {
  tagName: string;
  attrs: readonly { name: string; value: string }[];
  childNodes: readonly MarkupNode[];
}

const PARAGRAPH_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const LIST_TAGS = new Set(['ul', 'ol']);
const NO_SKIP = new Set<string>();

const isElement = (node: MarkupNode): node is MarkupElement => node.tagName !== undefined;

export function markupBlocks(nodes: readonly MarkupNode[]): Block[] {
  const blocks: Block[] = [];
  const paragraph = (text: string) => {
    // runs of whitespace as one space (not extract's `squash`, which removes whitespace)
    const t = collapseWhitespace(text);
    if (t) blocks.push({ kind: 'paragraph', text: t });
  };
  const walk = (children: readonly MarkupNode[]) => {
    for (const node of children) {
      if (!isElement(node)) continue;
      if (PARAGRAPH_TAGS.has(node.tagName)) paragraph(textOf(node));
      else if (node.tagName === 'li') {
        // the item's own text, then any nested list as items of their own
        paragraph(textOf(node, LIST_TAGS));
        walk(node.childNodes.filter((c) => isElement(c) && LIST_TAGS.has(c.tagName)));
      } else if (node.tagName === 'table') blocks.push({ kind: 'table', rows: gridRows(node) });
      else walk(node.childNodes);
    }
  };
  walk(nodes);
  return blocks;
}

/** Text of a node; <br> is a line break, a nested table is flattened row by row. */
function textOf(node: MarkupElement, skip: Set<string> = NO_SKIP): string {
  let out = '';
  for (const child of node.childNodes) {
    if (child.nodeName === '#text') out += child.value ?? '';
    else if (!isElement(child) || skip.has(child.tagName)) continue;
    else if (child.tagName === 'br') out += '\n';
    else if (child.tagName === 'table' || child.tagName === 'li' || PARAGRAPH_TAGS.has(child.tagName)) {
      // a block starts on a line of its own and ends its line
      const text =
        child.tagName === 'table'
          ? gridRows(child).map((r) => r.filter((c) => !c.continuation).map((c) => c.text).join(' ')).join('\n')
          : textOf(child);
      out += (out && !out.endsWith('\n') ? '\n' : '') + text + '\n';
    } else out += textOf(child, skip);
  }
  return out;
}

/** A cell's text: its lines with runs of whitespace collapsed, joined with "\n", blank lines at the ends dropped. */
const cellText = (td: MarkupElement): string => cellLines(textOf(td));

/** The <tr> of this table (inside thead/tbody/tfoot), not those of nested tables. */
function tableRows(table: MarkupElement): MarkupElement[] {
  return table.childNodes
    .filter(isElement)
    .flatMap((c) => (c.tagName === 'tr' ? [c] : ['thead', 'tbody', 'tfoot'].includes(c.tagName) ? c.childNodes.filter(isElement).filter((r) => r.tagName === 'tr') : []));
}

function span(el: MarkupElement, name: string, max: number): number {
  const n = parseInt(el.attrs.find((a) => a.name === name)?.value ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

/**
 * The HTML table grid algorithm: a cell fills colspan × rowspan grid positions.
 * Positions to the right of a cell's origin are `left` continuations; in the
 * rows below, the first covered position is an `above` continuation and the rest
 * `left`, so that `logicalCells` reads one empty cell per merged cell per row.
 */
function gridRows(table: MarkupElement): Cell[][] {
  const trs = tableRows(table);
  const rows = packedMap(trs, (tr) =>
    packedMap(
      tr.childNodes.filter(isElement).filter((c) => c.tagName === 'td' || c.tagName === 'th'),
      (td) => ({ text: cellText(td), colspan: span(td, 'colspan', 1000), rowspan: span(td, 'rowspan', trs.length) }),
    ),
  );
  // each span is already capped above, not the row's width
  return spannedGrid(rows, Infinity);
}
