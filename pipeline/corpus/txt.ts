import type { Document } from '../read/document.ts';
import { logicalCells } from '../read/document.ts';

/** A Document in the tab layout of Word's text export (the form the sample .txt files have). */
export function documentToTxt(doc: Document): string {
  const out: string[] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'paragraph') {
      out.push(block.text);
      continue;
    }
    for (const row of block.rows) {
      for (const cell of logicalCells(row)) out.push('\t' + cell.split('\n').join('\n'));
      out.push('');
    }
    // Word's export leaves an empty paragraph after a table, so the next text is not read as a cell
    out.push('');
  }
  return out.join('\n') + '\n';
}
