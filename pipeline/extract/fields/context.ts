import type { Document } from '../../read/document.ts';
import { packedMap } from '../../read/packed.ts';
import { findTitle } from '../header.ts';
import { lineRows, runOnRows, tableRows } from '../rows/sources.ts';
import type { FormRow } from '../rows/model.ts';
import { projectNameOf, viewTable, parseBudgetBlock, type TableView } from '../tables.ts';

/** Everything the field readers look at, built once per document. */
export interface ReportContext {
  fileName: string;
  text: string;
  paragraphs: { text: string; offset: number }[];
  paraTexts: string[];
  tables: { view: TableView; offset: number; end: number }[];
  views: TableView[];
  /** every layout's rows: table rows, one-cell-per-line runs, run-on paragraphs */
  rows: FormRow[];
  title: { text: string; index: number } | null;
  /** project named by each table (项目名称 cell), null for the report's own tables */
  projectOf: Map<number, string | null>;
  projectTables: TableView[];
  ownTables: TableView[];
  inTable: (offset: number) => boolean;
}

/** The document's text with every block's offset: paragraphs as lines, table rows as tab-joined lines. */
function layout(doc: Document): Pick<ReportContext, 'text' | 'paragraphs' | 'tables'> {
  let text = '';
  const paragraphs: ReportContext['paragraphs'] = [];
  const tables: ReportContext['tables'] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'paragraph') {
      paragraphs.push({ text: block.text, offset: text.length });
      text += block.text + '\n';
    } else {
      const view = viewTable(block, tables.length);
      const offset = text.length;
      text += view.rows.map((r) => r.join('\t')).join('\n') + '\n';
      tables.push({ view, offset, end: text.length });
    }
  }
  return { text, paragraphs, tables };
}

/** The document's text as the field readers see it (`buildContext(doc).text`), without the rest of the context. */
export const documentText = (doc: Document): string => layout(doc).text;

/** Everything the field readers look at, from the document's text and blocks. */
export function buildContext(doc: Document, fileName: string): ReportContext {
  const { text, paragraphs, tables } = layout(doc);
  const views = packedMap(tables, (t) => t.view);
  const projectOf = new Map<number, string | null>(views.map((v) => [v.tableNo, projectNameOf(v)]));
  const rows = [...tables.flatMap((t) => tableRows(t.view, t.offset)), ...lineRows(paragraphs), ...runOnRows(paragraphs)];
  const paraTexts = packedMap(paragraphs, (p) => p.text);
  return {
    fileName,
    text,
    paragraphs,
    paraTexts,
    tables,
    views,
    rows,
    title: findTitle(paraTexts),
    projectOf,
    projectTables: views.filter((v) => projectOf.get(v.tableNo)),
    ownTables: views.filter((v) => !projectOf.get(v.tableNo)),
    inTable: (offset) => tables.some((t) => offset >= t.offset && offset < t.end),
  };
}

/** A project report whose only project table is the report itself. */
export function isSingleProjectReport(ctx: ReportContext, kind: 'department' | 'project'): boolean {
  return kind === 'project' && ctx.projectTables.length === 1 && !ctx.ownTables.some((v) => parseBudgetBlock(v, null));
}
