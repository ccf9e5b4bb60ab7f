/**
 * The format-free document model between reading and interpreting.
 *
 * Every reader (.txt, .docx, …) produces a `Document`: an ordered list of
 * paragraphs and tables. Tables are grid-expanded: a merged cell occupies every
 * grid position it covers, and the positions after its origin are marked as
 * continuations, so that every row has all its cells and the extractor can
 * still see the logical cells a person sees.
 */

export interface Cell {
  /** Cell text; lines inside the cell are joined with "\n". Continuations carry "". */
  text: string;
  /** Set on a grid position covered by a cell to its left (colspan) or above (rowspan). */
  continuation?: 'left' | 'above';
}

export interface Paragraph {
  kind: 'paragraph';
  text: string;
}

export interface Table {
  kind: 'table';
  rows: Cell[][];
}

export type Block = Paragraph | Table;

/** The file's own format: a .doc read through LibreOffice is 'doc', not 'docx'. */
export type SourceFormat = 'txt' | 'docx' | 'xlsx' | 'pdf' | 'html' | 'mhtml' | 'doc' | 'wps' | 'odt' | 'xls' | 'et' | 'ods';

export interface Document {
  format: SourceFormat;
  /** The text encoding detected for text formats. */
  encoding?: string;
  blocks: Block[];
  /** .docx: which reader produced the blocks */
  docxReader?: 'ooxml' | 'mammoth';
  /** .docx read by the reference reader because the direct reader does not handle one of its constructs */
  referenceReason?: string;
  /** What the reader left out or went through, for the reviewer (hidden sheets, the converter used). */
  notes?: string[];
}

/**
 * The cells of a row as a person reads them: one entry per merged cell, with a
 * vertically merged continuation read as an empty cell (as Word's text export does).
 */
export function logicalCells(row: Cell[]): string[] {
  // a loop, not filter and map: one array kind in every tier (see packed.ts)
  const out: string[] = [];
  for (const c of row) if (c.continuation !== 'left') out.push(c.continuation === 'above' ? '' : c.text);
  return out;
}
