/**
 * The reading notes of the direct .docx reader: the warnings the reference reader (mammoth) gives
 * for the same document, in its words, for what is left out while reading: elements neither reader
 * knows, styles referenced but not defined, paragraph and run styles its default style map does not
 * recognise, unsupported breaks and symbols, complex fields without a start, tables whose merges
 * cannot be resolved. Images are never read by either reader, so mammoth's warnings about images
 * (types a browser cannot show, missing image parts) have no counterpart here.
 */

/** Elements mammoth reads (a handler of its body reader) or ignores without a warning. */
export const KNOWN_ELEMENTS = new Set([
  // handled
  'w:p', 'w:r', 'w:fldChar', 'w:instrText', 'w:t', 'w:tab', 'w:noBreakHyphen', 'w:softHyphen', 'w:sym', 'w:hyperlink',
  'w:tbl', 'w:tr', 'w:tc', 'w:footnoteReference', 'w:endnoteReference', 'w:commentReference', 'w:br', 'w:bookmarkStart',
  'mc:AlternateContent', 'w:sdt', 'w:customXml', 'w:ins', 'w:moveFromRangeEnd', 'w:moveFromRangeStart', 'w:moveTo',
  'w:moveToRangeEnd', 'w:moveToRangeStart', 'w:object', 'w:smartTag', 'w:drawing', 'w:pict', 'v:roundrect', 'v:shape',
  'v:textbox', 'w:txbxContent', 'wp:inline', 'wp:anchor', 'v:imagedata', 'v:group', 'v:rect',
  // ignored
  'office-word:wrap', 'v:shadow', 'v:shapetype', 'w:annotationRef', 'w:bookmarkEnd', 'w:sectPr', 'w:proofErr',
  'w:lastRenderedPageBreak', 'w:commentRangeStart', 'w:commentRangeEnd', 'w:del', 'w:footnoteRef', 'w:endnoteRef',
  'w:moveFrom', 'w:pPr', 'w:rPr', 'w:tblPr', 'w:tblGrid', 'w:trPr', 'w:tcPr',
]);

/** mammoth's names for namespaces (office-xml-reader's map); an element of any other namespace is named `{uri}local`. */
const MAMMOTH_PREFIXES: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://schemas.openxmlformats.org/drawingml/2006/picture': 'pic',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing': 'wp',
  'http://purl.oclc.org/ooxml/drawingml/main': 'a',
  'http://purl.oclc.org/ooxml/drawingml/picture': 'pic',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'urn:schemas-microsoft-com:vml': 'v',
  'urn:schemas-microsoft-com:office:word': 'office-word',
  'http://schemas.microsoft.com/office/word/2010/wordml': 'wordml',
};

/** The name mammoth gives an element, from its qualified name and the document's prefix bindings. */
export function mammothName(qname: string, bindings: Map<string, string>): string {
  const colon = qname.indexOf(':');
  if (colon < 0) return qname;
  const uri = bindings.get(qname.slice(0, colon));
  if (uri === undefined) return qname;
  const mapped = MAMMOTH_PREFIXES[uri];
  return mapped ? `${mapped}:${qname.slice(colon + 1)}` : `{${uri}}${qname.slice(colon + 1)}`;
}

export const unrecognisedElement = (name: string) => `An unrecognised element was ignored: ${name}`;
export const unsupportedBreak = (type: string) => `Unsupported break type: ${type}`;
export const unsupportedSymbol = (char: string, font: string) => `A w:sym element with an unsupported character was ignored: char ${char} in font ${font}`;
export const FIELD_END_WITHOUT_START = 'Ignoring complex field end character without corresponding start character';
export const FIELD_SEPARATOR_WITHOUT_START = 'Ignoring complex field separator character without corresponding start character';
export const NON_ROW_IN_TABLE = 'unexpected non-row element in table, cell merging may be incorrect';
export const NON_CELL_IN_ROW = 'unexpected non-cell element in table row, cell merging may be incorrect';

type StyleKind = 'Paragraph' | 'Run' | 'Table';
const STYLE_TYPES: Record<string, StyleKind | 'numbering'> = { paragraph: 'Paragraph', character: 'Run', table: 'Table', numbering: 'numbering' };

interface Style {
  name: string | null;
  /** a numbering style's w:numId */
  numId?: string;
}

/** word/styles.xml: the styles by kind and id (mammoth's styles reader). */
export class Styles {
  private readonly byKind = new Map<string, Map<string, Style>>();

  constructor(xml: string) {
    for (const m of xml.matchAll(/<w:style\b([^>]*?)(\/>|>([\s\S]*?)<\/w:style>)/g)) {
      const kind = STYLE_TYPES[/\bw:type="([^"]*)"/.exec(m[1])?.[1] ?? ''];
      const id = /\bw:styleId="([^"]*)"/.exec(m[1])?.[1];
      if (!kind || id === undefined) continue;
      const styleId = decodeXml(id);
      const body = m[3] ?? '';
      const name = /<w:name\b[^>]*\bw:val="([^"]*)"/.exec(body)?.[1] ?? null;
      const numId = /<w:numId\b[^>]*\bw:val="([^"]*)"/.exec(body)?.[1];
      let styles = this.byKind.get(kind);
      if (!styles) this.byKind.set(kind, (styles = new Map()));
      // mammoth keeps the first style of an id
      if (!styles.has(styleId)) styles.set(styleId, { name: name === null ? null : decodeXml(name), numId });
    }
  }

  find(kind: StyleKind | 'numbering', id: string): Style | undefined {
    return this.byKind.get(kind)?.get(id);
  }
}

interface Level {
  level: string;
}

/** word/numbering.xml: list levels by numbering id and by paragraph style (mammoth's numbering reader). */
export class Numbering {
  private readonly nums = new Map<string, string>();
  private readonly abstracts = new Map<string, { levels: Map<string, Level>; numStyleLink?: string }>();
  private readonly byStyle = new Map<string, Level>();

  constructor(
    xml: string,
    private readonly styles: Styles,
  ) {
    for (const m of xml.matchAll(/<w:abstractNum\b([^>]*)>([\s\S]*?)<\/w:abstractNum>/g)) {
      const id = /\bw:abstractNumId="([^"]*)"/.exec(m[1])?.[1];
      if (id === undefined) continue;
      const levels = new Map<string, Level>();
      let withoutIndex: Level | null = null;
      for (const l of m[2].matchAll(/<w:lvl\b([^>]*?)(\/>|>([\s\S]*?)<\/w:lvl>)/g)) {
        const index = /\bw:ilvl="([^"]*)"/.exec(l[1])?.[1];
        const style = /<w:pStyle\b[^>]*\bw:val="([^"]*)"/.exec(l[3] ?? '')?.[1];
        const level = { level: index ?? '0' };
        if (index === undefined) withoutIndex = level;
        else levels.set(index, level);
        // mammoth indexes every level by its paragraph style, the last one winning
        if (style !== undefined) this.byStyle.set(style, level);
      }
      if (withoutIndex && !levels.has('0')) levels.set('0', withoutIndex);
      const numStyleLink = /<w:numStyleLink\b[^>]*\bw:val="([^"]*)"/.exec(m[2])?.[1];
      this.abstracts.set(id, { levels, numStyleLink });
    }
    for (const m of xml.matchAll(/<w:num\b([^>]*)>([\s\S]*?)<\/w:num>/g)) {
      const numId = /\bw:numId="([^"]*)"/.exec(m[1])?.[1];
      const abstractId = /<w:abstractNumId\b[^>]*\bw:val="([^"]*)"/.exec(m[2])?.[1];
      if (numId !== undefined && abstractId !== undefined) this.nums.set(numId, abstractId);
    }
  }

  findLevel(numId: string, level: string, seen = new Set<string>()): Level | null {
    if (seen.has(numId)) return null;
    seen.add(numId);
    const abstractId = this.nums.get(numId);
    const abstract = abstractId === undefined ? undefined : this.abstracts.get(abstractId);
    if (!abstract) return null;
    if (abstract.numStyleLink === undefined) return abstract.levels.get(level) ?? null;
    const linked = this.styles.find('numbering', abstract.numStyleLink)?.numId;
    return linked === undefined ? null : this.findLevel(linked, level, seen);
  }

  findByParagraphStyle(styleId: string): Level | null {
    return this.byStyle.get(styleId) ?? null;
  }
}

/** A paragraph's list level as mammoth finds it (readNumberingProperties). */
export function numberingLevel(numbering: Numbering | null, styleId: string | null, numId: string | null, ilvl: string | null): Level | null {
  if (!numbering) return null;
  if (ilvl !== null && numId !== null) return numbering.findLevel(numId, ilvl);
  if (styleId !== null) {
    const byStyle = numbering.findByParagraphStyle(styleId);
    if (byStyle) return byStyle;
  }
  if (numId !== null) return numbering.findLevel(numId, '0');
  return null;
}

export const undefinedStyle = (kind: StyleKind, id: string) => `${kind} style with ID ${id} was referenced but not defined in the document`;

const PARAGRAPH_STYLE_IDS = new Set(['Heading1', 'Heading2', 'Heading3', 'Heading4', 'Heading5', 'Heading6', 'Heading', 'Body']);
const PARAGRAPH_STYLE_NAMES = new Set(
  ['Heading 1', 'Heading 2', 'Heading 3', 'Heading 4', 'Heading 5', 'Heading 6', 'Heading', 'footnote text', 'endnote text', 'annotation text', 'Footnote', 'Endnote', 'Normal', 'Body'].map((s) =>
    s.toUpperCase(),
  ),
);
const RUN_STYLE_NAMES = new Set(['Strong', 'footnote reference', 'endnote reference', 'annotation reference', 'Footnote anchor', 'Endnote anchor', 'Hyperlink'].map((s) => s.toUpperCase()));

/**
 * mammoth's warning for a paragraph whose style its default style map does not map (headings,
 * Normal, Body, notes, and list paragraphs of levels 1 to 5 are mapped), or null.
 */
export function unmappedParagraphStyle(styleId: string | null, styleName: string | null, level: Level | null): string | null {
  if (styleId === null) return null;
  if (PARAGRAPH_STYLE_IDS.has(styleId)) return null;
  if (styleName !== null && PARAGRAPH_STYLE_NAMES.has(styleName.toUpperCase())) return null;
  if (level && ['0', '1', '2', '3', '4'].includes(String(Number(level.level)))) return null;
  return `Unrecognised paragraph style: '${styleName}' (Style ID: ${styleId})`;
}

export function unmappedRunStyle(styleId: string | null, styleName: string | null): string | null {
  if (styleId === null) return null;
  if (styleName !== null && RUN_STYLE_NAMES.has(styleName.toUpperCase())) return null;
  return `Unrecognised run style: '${styleName}' (Style ID: ${styleId})`;
}

const decodeXml = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );

/** mammoth's warnings about images: neither reader reads images, so they are no reading notes. */
export const IMAGE_WARNING = /^(Image of type .* is unlikely to display in web browsers|Could not find image file for a:blip element|A v:imagedata element without a relationship ID was ignored)$/;

/** The notes as the Document carries them: distinct warnings, the first few (the same for both readers). */
export function readingNotes(warnings: string[]): string[] {
  const distinct = [...new Set(warnings)];
  if (!distinct.length) return [];
  const shown = distinct.slice(0, 5).map((w) => w.slice(0, 200));
  return [`读取提示 ${distinct.length} 条：${shown.join('；')}${distinct.length > shown.length ? '；…' : ''}`];
}
