import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { hex as dingbatHex } from 'dingbat-to-unicode';
import type { Block } from './document.ts';
import { unzipParts, type DocxZipEntry } from './docx-zip.ts';
import { checkStructure, documentTooLarge, otherOfficeFile, type DocxLimits } from './docx-caps.ts';
import type { ReadError } from './errors.ts';
import { markupBlocks, type MarkupElement, type MarkupNode } from './markup.ts';
import {
  FIELD_END_WITHOUT_START,
  FIELD_SEPARATOR_WITHOUT_START,
  KNOWN_ELEMENTS,
  mammothName,
  NON_CELL_IN_ROW,
  NON_ROW_IN_TABLE,
  Numbering,
  numberingLevel,
  Styles,
  undefinedStyle,
  unmappedParagraphStyle,
  unmappedRunStyle,
  unrecognisedElement,
  unsupportedBreak,
  unsupportedSymbol,
} from './ooxml-notes.ts';

/**
 * The direct .docx reader: `word/document.xml` inflated and streamed through an
 * XML parser straight into the markup `markupBlocks` reads, element by element
 * as the reference reader (mammoth) treats them: the same elements are read, the
 * same are left out (deletions, field codes, drawings, unknown elements), text
 * boxes follow their paragraph, vertical merges become row spans. A construct
 * this reader does not handle throws `NeedsReference` so that the file is read
 * by the reference reader instead (and counted).
 *
 * One deliberate difference: the result of a simple field (w:fldSimple) is kept
 * as text, where mammoth drops it.
 *
 * What is left out while reading is noted as mammoth notes it, in its words (see ooxml-notes.ts),
 * so that a document's reading notes do not depend on which reader read it.
 */

export class NeedsReference extends Error {
  constructor(readonly reason: string) {
    super(`docx construct read by the reference reader: ${reason}`);
  }
}

export class ZipTooLarge extends Error {
  constructor(readonly declared: number) {
    super('declared uncompressed size above the limit');
  }
}

/** No word/document.xml: `refusal` says what the file is instead, when that is known. */
export class NoMainDocument extends Error {
  constructor(readonly refusal: ReadError | null) {
    super('no word/document.xml');
  }
}

const MAIN_DOCUMENT = 'word/document.xml';
const NUMBERING = 'word/numbering.xml';
const STYLES = 'word/styles.xml';

/** The standard prefixes of the namespaces read here; a file that binds them otherwise goes to the reference reader. */
const PREFIXES: Record<string, string[]> = {
  w: ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'],
  mc: ['http://schemas.openxmlformats.org/markup-compatibility/2006'],
  v: ['urn:schemas-microsoft-com:vml'],
  w14: ['http://schemas.microsoft.com/office/word/2010/wordml'],
  o: ['urn:schemas-microsoft-com:office:office'],
};

/** Elements whose children are read as if they stood in their parent's place (mammoth's readChildElements). */
const TRANSPARENT = new Set([
  'w:hyperlink',
  'w:smartTag',
  'w:customXml',
  'w:ins',
  'w:moveTo',
  'w:fldSimple',
  'v:roundrect',
  'v:shape',
  'v:textbox',
  'w:txbxContent',
  'v:group',
  'v:rect',
  'w:object',
  'mc:Fallback',
  'w:sdtContent',
]);

type Inline = { kind: 'inline' };

interface ParagraphFrame {
  kind: 'paragraph';
  text: string;
  extras: MarkupElement[];
  deleted: boolean;
  /** whether the pPr has been read (deletion known) and a deleted predecessor's content taken */
  settled: boolean;
  level: number;
  style: string | null;
  /** the numbering properties as written (w:numPr's w:numId and w:ilvl) */
  numId: string | null;
  ilvl: string | null;
  inCell: boolean;
  /** mammoth's conversion warnings for this paragraph and its runs, in order */
  notes: string[];
}

interface CellFrame {
  kind: 'cell';
  blocks: MarkupElement[];
  colSpan: number;
  vMerge: boolean | null;
}

interface RowFrame {
  kind: 'row';
  cells: CellFrame[];
  deleted: boolean;
  /** mammoth reads nothing of a deleted row: the warnings from inside it are taken back */
  warningsBefore: number;
  /** an element other than a cell among the row's children (mammoth then leaves merges unresolved) */
  other: boolean;
}

interface TableFrame {
  kind: 'table';
  rows: RowFrame[];
  other: boolean;
  /** an element other than a row among the table's own children */
  nonRow: boolean;
  style: string | null;
}

/** Collects block content: the body, and a w:pict (its blocks follow the paragraph holding it). */
interface BlocksFrame {
  kind: 'blocks';
  blocks: MarkupElement[];
  /** w:pict: the collected blocks go to the enclosing paragraph's extras */
  pict: boolean;
}

interface CheckboxFrame {
  kind: 'checkbox';
  found: boolean;
}

type Target = ParagraphFrame | CellFrame | RowFrame | TableFrame | BlocksFrame;

type Frame =
  | Target
  | CheckboxFrame
  | Inline
  | { kind: 'skip' }
  | { kind: 'text' }
  | { kind: 'run' }
  | { kind: 'rPr' }
  | { kind: 'tblPr'; table: TableFrame }
  | { kind: 'pPr'; paragraph: ParagraphFrame }
  | { kind: 'tcPr'; cell: CellFrame }
  | { kind: 'trPr'; row: RowFrame }
  | { kind: 'sdt'; checkbox: CheckboxFrame | null }
  | { kind: 'sdtPr'; sdt: { checkbox: CheckboxFrame | null } }
  | { kind: 'alternate' };

// frames that hold nothing of their own, shared by every element they stand for
const SKIP: Frame = { kind: 'skip' };
const INLINE: Frame = { kind: 'inline' };
const TEXT: Frame = { kind: 'text' };
const RUN: Frame = { kind: 'run' };
const RPR: Frame = { kind: 'rPr' };
const ALTERNATE: Frame = { kind: 'alternate' };

const text = (value: string): MarkupNode => ({ nodeName: '#text', value });
const element = (tagName: string, childNodes: MarkupNode[], attrs: { name: string; value: string }[] = []): MarkupElement => ({
  nodeName: tagName,
  tagName,
  attrs,
  childNodes,
});

interface OoxmlResult {
  blocks: Block[];
  /** what was left out, in mammoth's words and order: its reading warnings, then its conversion warnings */
  warnings: string[];
}

/**
 * Reads the zip's central directory, refuses oversized declarations, inflates the parts read here.
 * An entry inflates to at most its declared size: a zip that declares less than it holds
 * gives a cut XML, which the parser refuses, and the reference path (streamed, counted) judges it.
 */
function parts(bytes: Uint8Array, caps: DocxLimits, wanted: Set<string>): { files: Map<string, Uint8Array>; names: Set<string> } {
  let declared = 0;
  let mainTooLarge = false;
  const names = new Set<string>();
  const files = unzipParts(bytes, (file: DocxZipEntry) => {
    declared += file.originalSize;
    names.add(file.name);
    if (declared > caps.maxUncompressedBytes) throw new ZipTooLarge(declared);
    // refused after the whole directory is read: a zip bomb is named as such first
    if (file.name === MAIN_DOCUMENT && file.originalSize > caps.maxDocumentXmlBytes) mainTooLarge = true;
    return wanted.has(file.name) && !(file.name === MAIN_DOCUMENT && mainTooLarge);
  });
  if (mainTooLarge) throw documentTooLarge(caps.maxDocumentXmlBytes);
  return { files, names };
}

const decoder = new TextDecoder('utf-8');
const decode = (b: Uint8Array) => decoder.decode(b).replace(/^\uFEFF/, '');
/** A part's text, decoded when first asked for: a document that references no style never decodes styles or numbering. */
const decodedOnce = (part: Uint8Array | undefined) => {
  let text: string | undefined;
  return () => (text ??= part ? decode(part) : '');
};

/** The parts read here: inflated whether used or not, so that a damaged one sends the file to the reference reader as before. */
const PARTS = new Set([MAIN_DOCUMENT, NUMBERING, STYLES, '_rels/.rels', 'word/_rels/document.xml.rels']);

/** The .docx bytes → blocks, or NeedsReference / ZipTooLarge / NoMainDocument. */
export function readOoxml(bytes: Uint8Array, caps: DocxLimits): OoxmlResult {
  const { files, names } = parts(bytes, caps, PARTS);
  const main = files.get(MAIN_DOCUMENT);
  if (!main) throw new NoMainDocument(otherOfficeFile((name) => names.has(name)));
  const rels = files.get('_rels/.rels');
  // the main part is named by the package relationships; only the usual name is read here
  if (rels && !/Target="\/?word\/document\.xml"/.test(decode(rels))) throw new NeedsReference('main_part_name');
  const docRels = files.get('word/_rels/document.xml.rels');
  if (docRels && /relationships\/aFChunk"/.test(decode(docRels))) throw new NeedsReference('altChunk');
  const xml = decode(main);
  checkStructure(xml, caps);
  const bindings = checkPrefixes(xml);
  const body = readBody(xml, decodedOnce(files.get(NUMBERING)), decodedOnce(files.get(STYLES)), bindings);
  return { blocks: markupBlocks(body.blocks), warnings: body.warnings };
}

/**
 * The prefixes read here must name their usual namespaces everywhere (Word declares them on the root and
 * drawings' own namespaces further down); a file that binds them otherwise goes to the reference reader.
 */
function checkPrefixes(xml: string): Map<string, string> {
  const bindings = new Map<string, string>();
  const rootStart = xml.search(/<[A-Za-z]/);
  if (rootStart < 0 || !xml.startsWith('<w:document', rootStart)) throw new NeedsReference('root_element');
  for (const m of xml.matchAll(/xmlns(?::([\w.-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const prefix = m[1] ?? '';
    const uri = m[2] ?? m[3] ?? '';
    if (prefix === '') throw new NeedsReference('default_namespace');
    const expected = PREFIXES[prefix];
    if (expected && !expected.includes(uri)) throw new NeedsReference('namespace_prefix');
    if (!expected && OUR_URIS.has(uri)) throw new NeedsReference('namespace_prefix');
    // the first binding of a prefix names its elements in the notes (Word binds each once, on the root)
    if (!bindings.has(prefix)) bindings.set(prefix, uri);
  }
  return bindings;
}

const OUR_URIS = new Set(Object.values(PREFIXES).flat());

/** Paragraph styles numbered at a level below the first (mammoth nests those lists, which changes a cell's lines). */
function nestedListStyles(numberingXml: string): Set<string> {
  const styles = new Set<string>();
  for (const m of numberingXml.matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
    if (Number(m[1]) < 1) continue;
    const style = /<w:pStyle\b[^>]*w:val="([^"]*)"/.exec(m[2]);
    if (style) styles.add(style[1]);
  }
  return styles;
}

function readBody(xml: string, numberingXml: () => string, stylesXml: () => string, bindings: Map<string, string>): { blocks: MarkupElement[]; warnings: string[] } {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const body: BlocksFrame = { kind: 'blocks', blocks: [], pict: false };
  const stack: Frame[] = [];
  let inBody = false;
  // a paragraph marked deleted joins the next one (mammoth, after ECMA-376 17.13.5.15)
  let deletedText = '';
  let deletedExtras: MarkupElement[] = [];
  let listStyles: Set<string> | null = null;
  const cellStyles: string[] = [];
  let textBuffer = '';
  // mammoth's reading warnings in its order; its conversion warnings travel with each paragraph
  const warnings: string[] = [];
  const converted = new WeakMap<MarkupNode, string[]>();
  let deletedNotes: string[] = [];
  let openFields = 0;
  let styles: Styles | null = null;
  let numbering: Numbering | null | undefined;
  const stylesOf = () => (styles ??= new Styles(stylesXml()));
  const numberingOf = () => (numbering === undefined ? (numbering = numberingXml() ? new Numbering(numberingXml(), stylesOf()) : null) : numbering);
  const styleName = (kind: 'Paragraph' | 'Run' | 'Table', id: string): string | null => {
    const style = stylesOf().find(kind, id);
    if (!style) warnings.push(undefinedStyle(kind, id));
    return style?.name ?? null;
  };

  const target = (): Target => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const f = stack[i];
      if (f.kind === 'paragraph' || f.kind === 'cell' || f.kind === 'row' || f.kind === 'table' || f.kind === 'blocks') return f;
    }
    return body;
  };
  const paragraphOf = (): ParagraphFrame => {
    const t = target();
    if (t.kind !== 'paragraph') throw new NeedsReference('inline_outside_paragraph');
    return t;
  };
  const inCell = (): boolean => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const f = stack[i];
      if (f.kind === 'cell') return true;
      if (f.kind === 'blocks' && !f.pict) return false;
    }
    return false;
  };
  const settle = (p: ParagraphFrame) => {
    if (p.settled) return;
    p.settled = true;
    if (p.deleted) return;
    // mammoth reads the properties of a paragraph it keeps, before its content
    const own = p.style === null ? null : unmappedParagraphStyle(p.style, styleName('Paragraph', p.style), numberingLevel(numberingOf(), p.style, p.numId, p.ilvl));
    if (own || deletedNotes.length) {
      p.notes = [...(own ? [own] : []), ...deletedNotes, ...p.notes];
      deletedNotes = [];
    }
    if (deletedText || deletedExtras.length) {
      p.text = deletedText + p.text;
      p.extras = [...deletedExtras, ...p.extras];
      deletedText = '';
      deletedExtras = [];
    }
  };
  /** The paragraph a run's conversion warning belongs to (none outside one). */
  const runParagraph = (): ParagraphFrame | null => {
    const t = target();
    return t.kind === 'paragraph' ? t : null;
  };
  /** A piece of text (mammoth's Text element): the first of a checkbox content control is its box, not text. */
  const emitText = (value: string) => {
    if (value.length > 0) {
      for (let i = stack.length - 1; i >= 0; i--) {
        const f = stack[i];
        if (f.kind === 'checkbox' && !f.found) {
          f.found = true;
          return;
        }
      }
    }
    const p = paragraphOf();
    settle(p);
    p.text += value;
  };
  const emitInline = (value: string) => {
    const p = paragraphOf();
    settle(p);
    p.text += value;
  };
  /** A block (paragraph or table) into the innermost block container. */
  const emitBlock = (block: MarkupElement) => {
    const t = target();
    if (t.kind === 'cell' || t.kind === 'blocks') t.blocks.push(block);
    else if (t.kind === 'table') throw new NeedsReference('block_in_table');
    else if (t.kind === 'row') throw new NeedsReference('block_in_row');
    else throw new NeedsReference('block_in_paragraph');
  };
  /** An element without text (a bookmark): among rows or cells it stops merges being resolved. */
  const emitMarker = () => {
    const t = target();
    if (t.kind === 'table' || t.kind === 'row') t.other = true;
    if (t.kind === 'table') t.nonRow = true;
  };

  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = tag.name;
    if (!inBody) {
      if (name === 'w:body' && stack.length === 1) {
        inBody = true;
        stack.push(body);
      } else stack.push(SKIP);
      return;
    }
    const parent = stack[stack.length - 1];
    if (parent.kind === 'skip' || parent.kind === 'text') return void stack.push(SKIP);
    if (parent.kind === 'pPr') {
      const p = parent.paragraph;
      if (name === 'w:rPr') stack.push({ kind: 'pPr', paragraph: p });
      else if (name === 'w:del') {
        p.deleted = true;
        stack.push(SKIP);
      } else if (name === 'w:numPr') stack.push({ kind: 'pPr', paragraph: p });
      else if (name === 'w:ilvl') {
        const level = parseInt(String(tag.attributes['w:val'] ?? '0'), 10);
        if (level > p.level) p.level = level;
        if (p.ilvl === null && tag.attributes['w:val'] !== undefined) p.ilvl = String(tag.attributes['w:val']);
        stack.push(SKIP);
      } else if (name === 'w:numId') {
        if (p.numId === null && tag.attributes['w:val'] !== undefined) p.numId = String(tag.attributes['w:val']);
        stack.push(SKIP);
      } else if (name === 'w:pStyle') {
        p.style = String(tag.attributes['w:val'] ?? '');
        stack.push(SKIP);
      } else stack.push(SKIP);
      return;
    }
    if (parent.kind === 'tcPr') {
      if (name === 'w:gridSpan') {
        const v = tag.attributes['w:val'];
        parent.cell.colSpan = v ? parseInt(String(v), 10) : 1;
      } else if (name === 'w:vMerge') {
        const v = tag.attributes['w:val'];
        parent.cell.vMerge = v === 'continue' || !v;
      }
      return void stack.push(SKIP);
    }
    if (parent.kind === 'trPr') {
      if (name === 'w:del') parent.row.deleted = true;
      return void stack.push(SKIP);
    }
    if (parent.kind === 'sdt') {
      if (name === 'w:sdtPr') return void stack.push({ kind: 'sdtPr', sdt: parent });
      if (name === 'w:sdtContent') {
        if (parent.checkbox) stack.push(parent.checkbox);
        else stack.push(INLINE);
        return;
      }
      return void stack.push(SKIP);
    }
    if (parent.kind === 'sdtPr') {
      if (name === 'w14:checkbox') parent.sdt.checkbox = { kind: 'checkbox', found: false };
      return void stack.push(SKIP);
    }
    if (parent.kind === 'rPr') {
      if (name === 'w:rStyle' && tag.attributes['w:val']) {
        const id = String(tag.attributes['w:val']);
        const note = unmappedRunStyle(id, styleName('Run', id));
        if (note) runParagraph()?.notes.push(note);
      }
      return void stack.push(SKIP);
    }
    if (parent.kind === 'tblPr') {
      if (name === 'w:tblStyle' && tag.attributes['w:val']) parent.table.style = String(tag.attributes['w:val']);
      return void stack.push(SKIP);
    }
    if (parent.kind === 'alternate') {
      return void stack.push(name === 'mc:Fallback' ? INLINE : SKIP);
    }
    if (parent.kind === 'paragraph' && name === 'w:pPr') return void stack.push({ kind: 'pPr', paragraph: parent });
    if (parent.kind === 'cell' && name === 'w:tcPr') return void stack.push({ kind: 'tcPr', cell: parent });
    if (parent.kind === 'row' && name === 'w:trPr') return void stack.push({ kind: 'trPr', row: parent });
    if (parent.kind === 'table' && name === 'w:tblPr') return void stack.push({ kind: 'tblPr', table: parent });
    if (parent.kind === 'run' && name === 'w:rPr') return void stack.push(RPR);
    if (parent.kind === 'paragraph') settle(parent);

    switch (name) {
      case 'w:p': {
        const t = target();
        if (t.kind === 'paragraph') throw new NeedsReference('paragraph_in_paragraph');
        stack.push({ kind: 'paragraph', text: '', extras: [], deleted: false, settled: false, level: 0, style: null, numId: null, ilvl: null, inCell: inCell(), notes: [] });
        return;
      }
      case 'w:t':
        textBuffer = '';
        return void stack.push(TEXT);
      case 'w:tab':
        emitInline('\t');
        return void stack.push(SKIP);
      case 'w:br': {
        const type = tag.attributes['w:type'];
        if (type === undefined || type === 'textWrapping') emitInline('\n');
        else if (type !== 'page' && type !== 'column') warnings.push(unsupportedBreak(String(type)));
        return void stack.push(SKIP);
      }
      case 'w:noBreakHyphen':
        emitText('\u2011');
        return void stack.push(SKIP);
      case 'w:softHyphen':
        emitText('\u00AD');
        return void stack.push(SKIP);
      case 'w:sym': {
        const font = String(tag.attributes['w:font'] ?? '');
        const char = String(tag.attributes['w:char'] ?? '');
        let symbol = dingbatHex(font, char);
        if (symbol == null && /^F0..$/.test(char)) symbol = dingbatHex(font, char.substring(2));
        if (symbol != null) emitText(symbol.string);
        else warnings.push(unsupportedSymbol(char, font));
        return void stack.push(SKIP);
      }
      case 'w:bookmarkStart':
        if (tag.attributes['w:name'] !== '_GoBack') emitMarker();
        return void stack.push(SKIP);
      case 'w:tbl':
        if (target().kind === 'paragraph') throw new NeedsReference('table_in_paragraph');
        return void stack.push({ kind: 'table', rows: [], other: false, nonRow: false, style: null });
      case 'w:tr': {
        const t = target();
        if (t.kind !== 'table') throw new NeedsReference('row_outside_table');
        return void stack.push({ kind: 'row', cells: [], deleted: false, other: false, warningsBefore: warnings.length });
      }
      case 'w:tc': {
        const t = target();
        if (t.kind !== 'row') throw new NeedsReference('cell_outside_row');
        return void stack.push({ kind: 'cell', blocks: [], colSpan: 1, vMerge: null });
      }
      case 'w:pict':
        return void stack.push({ kind: 'blocks', blocks: [], pict: true });
      case 'w:r':
        return void stack.push(RUN);
      case 'w:drawing':
        // mammoth reads its children (wp:inline, wp:anchor: images, never read here)
        return void stack.push(INLINE);
      case 'w:fldChar': {
        const type = tag.attributes['w:fldCharType'];
        if (type === 'begin') openFields++;
        else if (type === 'end') {
          if (openFields === 0) warnings.push(FIELD_END_WITHOUT_START);
          else openFields--;
        } else if (type === 'separate' && openFields === 0) warnings.push(FIELD_SEPARATOR_WITHOUT_START);
        return void stack.push(SKIP);
      }
      case 'mc:AlternateContent':
        return void stack.push(ALTERNATE);
      case 'w:sdt':
        return void stack.push({ kind: 'sdt', checkbox: null });
      case 'w:footnoteReference':
      case 'w:endnoteReference':
        throw new NeedsReference('note_reference');
      case 'w:altChunk':
        throw new NeedsReference('altChunk');
      case 'o:OLEObject':
        throw new NeedsReference('embedded_object');
      case 'w:txbxContent':
        // a text box inside an embedded object nests paragraphs in a paragraph (only w:pict's are read after it)
        if (!stack.some((f) => f.kind === 'blocks' && f.pict)) throw new NeedsReference('text_box_outside_picture');
        return void stack.push(INLINE);
      default: {
        if (TRANSPARENT.has(name)) return void stack.push(INLINE);
        const known = mammothName(name, bindings);
        if (!KNOWN_ELEMENTS.has(known)) warnings.push(unrecognisedElement(known));
        return void stack.push(SKIP);
      }
    }
  });

  parser.on('text', (t: string) => {
    if (stack.length && stack[stack.length - 1].kind === 'text') textBuffer += t;
  });
  parser.on('cdata', (t: string) => {
    if (stack.length && stack[stack.length - 1].kind === 'text') textBuffer += t;
  });

  parser.on('closetag', () => {
    const frame = stack.pop();
    if (!frame) return;
    switch (frame.kind) {
      case 'text':
        emitText(textBuffer);
        textBuffer = '';
        return;
      case 'paragraph': {
        if (frame.deleted) {
          deletedText += frame.text;
          deletedExtras.push(...frame.extras);
          deletedNotes.push(...frame.notes);
          return;
        }
        settle(frame);
        if (frame.inCell) {
          if (frame.level >= 1) throw new NeedsReference('nested_list_in_cell');
          if (frame.style) cellStyles.push(frame.style);
        }
        const paragraph = element('p', frame.text ? [text(frame.text)] : []);
        if (frame.notes.length) converted.set(paragraph, frame.notes);
        emitBlock(paragraph);
        for (const extra of frame.extras) emitBlock(extra);
        return;
      }
      case 'blocks': {
        if (!frame.pict) return;
        const p = target();
        // a picture outside a paragraph: mammoth has nowhere to put its text either
        if (p.kind !== 'paragraph') return;
        settle(p);
        p.extras.push(...frame.blocks);
        return;
      }
      case 'checkbox':
        if (!frame.found) throw new NeedsReference('checkbox_without_text');
        return;
      case 'cell': {
        const row = target();
        if (row.kind === 'row') row.cells.push(frame);
        return;
      }
      case 'row': {
        const table = target();
        if (frame.deleted) warnings.length = frame.warningsBefore;
        if (table.kind === 'table' && !frame.deleted) {
          table.rows.push(frame);
          if (frame.other) table.other = true;
        }
        return;
      }
      case 'table':
        // mammoth: the table's content, then whether its merges can be resolved, then its style
        if (frame.nonRow) warnings.push(NON_ROW_IN_TABLE);
        else if (frame.other) warnings.push(NON_CELL_IN_ROW);
        if (frame.style !== null) styleName('Table', frame.style);
        if (frame.rows.length || frame.other) emitBlock(tableMarkup(frame));
        return;
      default:
        return;
    }
  });

  parser.write(xml).close();
  if (cellStyles.length) {
    listStyles ??= nestedListStyles(numberingXml());
    if (cellStyles.some((s) => listStyles!.has(s))) throw new NeedsReference('nested_list_in_cell');
  }
  // mammoth's conversion warnings come after its reading warnings, in the order of the converted document
  const conversion: string[] = [];
  const walk = (nodes: readonly MarkupNode[]) => {
    for (const node of nodes) {
      const notes = converted.get(node);
      if (notes) conversion.push(...notes);
      if (node.childNodes) walk(node.childNodes);
    }
  };
  walk(body.blocks);
  return { blocks: body.blocks, warnings: [...warnings, ...conversion] };
}

/** Vertical merges → row spans (mammoth's calculateRowSpans), then the table as HTML-shaped markup. */
function tableMarkup(table: TableFrame): MarkupElement {
  const rowSpan = new Map<CellFrame, number>();
  const merged = new Set<CellFrame>();
  if (!table.other) {
    const columns = new Map<number, CellFrame>();
    for (const row of table.rows) {
      let index = 0;
      for (const cell of row.cells) {
        const origin = columns.get(index);
        if (cell.vMerge && origin) {
          rowSpan.set(origin, (rowSpan.get(origin) ?? 1) + 1);
          merged.add(cell);
        } else columns.set(index, cell);
        index += cell.colSpan;
      }
    }
  }
  const rows = table.rows.map((row) =>
    element(
      'tr',
      row.cells
        .filter((cell) => !merged.has(cell))
        .map((cell) => {
          const attrs: { name: string; value: string }[] = [];
          if (cell.colSpan !== 1) attrs.push({ name: 'colspan', value: String(cell.colSpan) });
          const span = rowSpan.get(cell) ?? 1;
          if (span !== 1) attrs.push({ name: 'rowspan', value: String(span) });
          return element('td', cell.blocks, attrs);
        }),
    ),
  );
  return element('table', rows);
}
