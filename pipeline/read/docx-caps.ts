import { ReadError } from './errors.ts';

/**
 * The limits a .docx is held to before either reader parses it, and the errors
 * they raise: the same for the direct reader and the reference reader.
 */

export interface DocxLimits {
  /** Sum of the uncompressed sizes declared in the zip's central directory. */
  maxUncompressedBytes: number;
  /** Size of word/document.xml as actually inflated (a zip may declare less than it holds). */
  maxDocumentXmlBytes: number;
  /** Table rows and cells in the whole document, and tables inside tables. */
  maxTableRows: number;
  maxTableCells: number;
  maxTableNesting: number;
}

export const DOCX_LIMITS: DocxLimits = {
  maxUncompressedBytes: 500 * 1024 * 1024,
  maxDocumentXmlBytes: 16 * 1024 * 1024,
  maxTableRows: 20_000,
  maxTableCells: 400_000,
  maxTableNesting: 16,
};

const size = (n: number) => (n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${n} 字节`);

export const corrupt = () => new ReadError('corrupt_docx', '文件已损坏，无法打开（可能未完整上传），请用 Word 打开确认后另存为 .docx 重新提交');

export const zipBomb = (declared: number, max: number) =>
  new ReadError('zip_bomb', `解压后体积异常（声明 ${size(declared)}，超过 ${size(max)} 上限），请删除大图片或附件后另存为 .docx 重新提交`);

export const documentTooLarge = (maxBytes: number) =>
  new ReadError(
    'document_too_large',
    `Word 正文（word/document.xml）解压后超过 ${size(maxBytes)} 上限（正常报告远小于此，可能含大量重复内容或被构造），已跳过；请删除多余内容后另存为 .docx 重新提交`,
  );

/** A workbook or a presentation renamed to .docx is not a damaged upload: say what it is. */
export function otherOfficeFile(has: (name: string) => boolean): ReadError | null {
  const kind = has('xl/workbook.xml') ? 'Excel 工作簿（.xlsx）' : has('ppt/presentation.xml') ? 'PowerPoint 演示文稿（.pptx）' : null;
  if (!kind) return null;
  return new ReadError('wrong_extension', `文件内容是${kind}，扩展名却是 .docx；请把自评报告另存为 Word 文档（.docx）后重新提交`);
}

/** Where a table tag starts: "<w:tbl", "<w:tr" or "<w:tc", or their closing forms, and the character after the name. */
const TABLE_TAG_START = /<\/?w:t(?:bl|r|c)[\s>/]/g;

/**
 * Each w:tbl, w:tr and w:tc tag of the XML, opening or closing, in order, as the regular expression
 * /<(\/?)w:(tbl|tr|tc)(?=[\s>/])([^>]*)>/g finds them: the start of each found by a regular
 * expression without captures (`test`, no match arrays; about twice as fast as finding each "w:t" by
 * indexOf in a document's Chinese text), its end at the next ">".
 */
export function forEachTableTag(xml: string, visit: (name: 'tbl' | 'tr' | 'tc', closing: boolean, selfClosing: boolean) => void): void {
  const start = TABLE_TAG_START;
  start.lastIndex = 0;
  while (start.test(xml)) {
    // the character after the name, and the name's last letter before it
    const after = start.lastIndex - 1;
    const last = xml.charCodeAt(after - 1);
    const name = last === 0x6c ? 'tbl' : last === 0x72 ? 'tr' : 'tc';
    const closing = xml.charCodeAt(after - name.length - 3) === 0x2f;
    const end = xml.indexOf('>', after);
    // no ">" after it: neither this tag nor any later one ends
    if (end < 0) return;
    visit(name, closing, end > after && xml.charCodeAt(end - 1) === 0x2f);
    start.lastIndex = end + 1;
  }
}

/** Counts rows, cells and table nesting in the XML (one linear scan) before a parser sees it. */
export function checkStructure(xml: string, caps: DocxLimits): void {
  let rows = 0;
  let cells = 0;
  let depth = 0;
  let deepest = 0;
  forEachTableTag(xml, (name, closing, selfClosing) => {
    if (name === 'tbl') {
      if (closing) depth = Math.max(0, depth - 1);
      else if (!selfClosing) deepest = Math.max(deepest, ++depth);
    } else if (!closing) {
      if (name === 'tr') rows++;
      else cells++;
    }
  });
  const over =
    deepest > caps.maxTableNesting
      ? `表格嵌套 ${deepest} 层（上限 ${caps.maxTableNesting} 层）`
      : rows > caps.maxTableRows
        ? `表格共 ${rows} 行（上限 ${caps.maxTableRows} 行）`
        : cells > caps.maxTableCells
          ? `表格共 ${cells} 个单元格（上限 ${caps.maxTableCells} 个）`
          : null;
  if (over) throw new ReadError('docx_too_complex', `${over}，远超自评报告的正常规模，已跳过；请检查文件（可能是误粘贴的大表格），简化后另存为 .docx 重新提交`);
}

