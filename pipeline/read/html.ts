import type IconvLite from 'iconv-lite';
import type { DefaultTreeAdapterTypes, parse as Parse } from 'parse5';
import type { Block, Document } from './document.ts';
import { ReadError } from './errors.ts';
import { cellLines, spannedGrid, type SpannedCell } from './grid.ts';

type Element = DefaultTreeAdapterTypes.Element;
type ChildNode = DefaultTreeAdapterTypes.ChildNode;
type TextNode = DefaultTreeAdapterTypes.TextNode;

/**
 * Reads a web page (a report as a portal publishes it, or as saved from the
 * browser) into the format-free Document: tables with their colspan/rowspan,
 * the article body as paragraphs, and the page furniture around it (menus,
 * 索引号 boxes, share buttons, footers) left out.
 */

// iconv-lite and parse5 are loaded by the first page read (libraries()): the reading workers load this
// module with the .docx reader's, and most folders hold no web page
let iconv: typeof IconvLite;
let parse: typeof Parse;
async function libraries(): Promise<void> {
  iconv ??= (await import('iconv-lite')).default;
  parse ??= (await import('parse5')).parse;
}

// ---------------------------------------------------------------- bytes → text

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/** The charset a page declares in its first bytes: <meta charset> or http-equiv Content-Type. */
function declaredCharset(head: string): string | null {
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

/** A declared label as iconv-lite knows it; GB2312 and GBK pages are decoded as GB18030, their superset. */
function charsetLabel(label: string): string | null {
  const l = label.toLowerCase();
  if (/^(gb2312|gbk|gb_2312-80|x-gbk|cp936|gb18030)$/.test(l)) return 'gb18030';
  return iconv.encodingExists(l) ? l : null;
}

function decodeHtml(bytes: Uint8Array, declared?: string | null): { text: string; encoding: string } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const [bom, encoding] of BOMS) {
    if (bom.every((b, i) => buf[i] === b)) return { text: iconv.decode(buf.subarray(bom.length), encoding), encoding };
  }
  const label = charsetLabel(declared ?? declaredCharset(buf.subarray(0, 4096).toString('latin1')) ?? '');
  if (label) return { text: iconv.decode(buf, label), encoding: label };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' };
  }
}

// ---------------------------------------------------------------- .mhtml

/** The page of a saved .mhtml (MIME multipart): its first text/html part, transfer-decoded, with the part's charset. */
function mhtmlPage(bytes: Uint8Array): { html: Uint8Array; charset: string | null } {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const boundary = /boundary\s*=\s*"?([^";\r\n]+)"?/i.exec(raw.slice(0, 8192))?.[1];
  const parts = boundary ? raw.split(`--${boundary}`).slice(1) : [raw];
  for (const part of parts) {
    const split = /\r?\n\r?\n/.exec(part);
    if (!split) continue;
    const headers = part.slice(0, split.index);
    if (!/content-type:\s*text\/html/i.test(headers)) continue;
    const body = part.slice(split.index + split[0].length);
    const charset = /charset\s*=\s*"?([\w-]+)/i.exec(headers)?.[1] ?? null;
    const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1].toLowerCase();
    if (encoding === 'base64') return { html: Buffer.from(body.replace(/\s+/g, ''), 'base64'), charset };
    if (encoding === 'quoted-printable') {
      const decoded = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      return { html: Buffer.from(decoded, 'latin1'), charset };
    }
    return { html: Buffer.from(body, 'latin1'), charset };
  }
  throw new ReadError('corrupt_mhtml', '网页存档 (.mhtml) 中没有找到网页正文，请在浏览器中重新“另存为”网页后提交');
}

// ---------------------------------------------------------------- page → blocks

const isElement = (node: ChildNode): node is Element => 'tagName' in node;
const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value ?? '';

/** Never report text: scripts, forms, navigation and the page's own header and footer. */
const FURNITURE_TAGS = new Set(['script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'aside', 'form', 'select', 'button', 'iframe', 'svg', 'object', 'head', 'title', 'input', 'textarea', 'map']);
const FURNITURE_NAMES = /(^|[\s_-])(nav|navbar|menu|header|head|footer|foot|breadcrumbs?|crumbs?|position|location|sidebar|side|share|bdshare|copyright|toolbar|search|login|banner|topbar|top|links?|friendlink|qrcode|print|close|pager|pagination|related|recommend)(\d*)($|[\s_-])/i;
/** The metadata box gov portals put above an article: several of these labels in a short block. */
const METADATA_LABELS = ['索引号', '发布机构', '发文机关', '发文日期', '成文日期', '发布日期', '主题分类', '文号', '主题词', '信息来源', '生成日期', '有效性'];
/** Lines of page chrome around the article. */
const FURNITURE_LINE = /^(【?\s*字[体号]\s*[:：]?\s*[【\[]?\s*大|打印(本页|文章)?$|关闭(窗口|本页)?$|【?\s*(打印|关闭|返回顶部)|分享到|扫一扫|上一篇|下一篇|当前位置|您的位置|您现在的位置|浏览次数|访问量|责任编辑|网站地图|版权所有|主办单位|技术支持|ICP备)/;

const BLOCK_TAGS = new Set(['p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'blockquote', 'pre', 'dl', 'dt', 'dd', 'center', 'tr', 'body', 'figure', 'figcaption', 'hr', 'address']);

function textLength(node: Element): number {
  let n = 0;
  for (const child of node.childNodes) {
    if (child.nodeName === '#text') n += (child as TextNode).value.replace(/\s+/g, '').length;
    else if (isElement(child) && !isFurniture(child)) n += textLength(child);
  }
  return n;
}

function plainText(node: Element): string {
  let out = '';
  for (const child of node.childNodes) {
    if (child.nodeName === '#text') out += (child as TextNode).value;
    else if (isElement(child) && !FURNITURE_TAGS.has(child.tagName)) out += plainText(child) + (BLOCK_TAGS.has(child.tagName) ? '\n' : '');
  }
  return out;
}

function isFurniture(el: Element): boolean {
  if (FURNITURE_TAGS.has(el.tagName)) return true;
  if (/display\s*:\s*none/i.test(attr(el, 'style')) || el.attrs.some((a) => a.name === 'hidden')) return true;
  // a form's own cells may be called "head" or "top"; names only mark furniture outside tables
  if (TABLE_PARTS.has(el.tagName)) return false;
  const names = `${attr(el, 'id')} ${attr(el, 'class')}`;
  return names.trim() !== '' && FURNITURE_NAMES.test(names);
}

const TABLE_PARTS = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'col', 'colgroup', 'caption']);

function isMetadataBox(el: Element): boolean {
  if (el.tagName !== 'table' && el.tagName !== 'div' && el.tagName !== 'ul' && el.tagName !== 'dl') return false;
  const text = plainText(el);
  if (text.length > 600) return false;
  return METADATA_LABELS.filter((l) => text.includes(l)).length >= 2;
}

/** The element holding the article: a named content container with most of the page's text, else the body. */
function articleRoot(body: Element): Element {
  const total = textLength(body);
  let best: { el: Element; n: number } | null = null;
  const visit = (el: Element) => {
    if (isFurniture(el)) return;
    const names = `${attr(el, 'id')} ${attr(el, 'class')}`;
    if (el.tagName === 'article' || el.tagName === 'main' || /content|article|detail|zoom|trs_editor|TRS_Editor|main-?text|con_?text|textbox|wenzhang|zhengwen/i.test(names)) {
      const n = textLength(el);
      if (n >= total * 0.5 && (!best || n < best.n)) best = { el, n };
    }
    for (const child of el.childNodes) if (isElement(child)) visit(child);
  };
  visit(body);
  return (best as { el: Element; n: number } | null)?.el ?? body;
}

/** A layout table holds the page rather than a form: tables inside its cells, or a cell with a whole article. */
function isLayoutTable(table: Element): boolean {
  const cells = tableRows(table).flatMap((tr) => tr.childNodes.filter(isElement).filter((c) => c.tagName === 'td' || c.tagName === 'th'));
  return cells.some((td) => hasDescendant(td, 'table') || textLength(td) > 3000);
}

function hasDescendant(el: Element, tag: string): boolean {
  return el.childNodes.some((c) => isElement(c) && (c.tagName === tag || hasDescendant(c, tag)));
}

function pageBlocks(html: string): Block[] {
  const document = parse(html);
  const htmlEl = document.childNodes.find(isElement);
  const body = htmlEl?.childNodes.filter(isElement).find((c) => c.tagName === 'body') ?? htmlEl;
  if (!body) return [];
  const blocks: Block[] = [];
  let line = '';
  const flush = () => {
    const text = line.replace(/\s+/g, ' ').trim();
    line = '';
    if (text && !FURNITURE_LINE.test(text)) blocks.push({ kind: 'paragraph', text });
  };
  // inside a <p>, a <br> is a line break within the paragraph (read as a space, as the .docx reader does)
  const walk = (nodes: ChildNode[], inParagraph: boolean) => {
    for (const node of nodes) {
      if (node.nodeName === '#text') {
        line += (node as TextNode).value;
        continue;
      }
      if (!isElement(node) || isFurniture(node) || isMetadataBox(node)) continue;
      if (node.tagName === 'br') {
        if (inParagraph) line += ' ';
        else flush();
      } else if (node.tagName === 'table') {
        if (isLayoutTable(node)) {
          for (const tr of tableRows(node)) for (const td of tr.childNodes.filter(isElement)) walk(td.childNodes, false);
          flush();
        } else {
          flush();
          const rows = formRows(node);
          if (rows.length) blocks.push({ kind: 'table', rows });
        }
      } else if (BLOCK_TAGS.has(node.tagName)) {
        flush();
        walk(node.childNodes, inParagraph || node.tagName === 'p' || /^h\d$/.test(node.tagName));
        flush();
      } else walk(node.childNodes, inParagraph);
    }
  };
  walk(articleRoot(body).childNodes, false);
  flush();
  return blocks;
}

// ---------------------------------------------------------------- tables

/** The <tr> of this table (inside thead/tbody/tfoot), not those of nested tables. */
function tableRows(table: Element): Element[] {
  return table.childNodes
    .filter(isElement)
    .flatMap((c) => (c.tagName === 'tr' ? [c] : ['thead', 'tbody', 'tfoot'].includes(c.tagName) ? c.childNodes.filter(isElement).filter((r) => r.tagName === 'tr') : []));
}

function span(el: Element, name: string): number {
  const n = parseInt(attr(el, name) || '1', 10);
  return Number.isFinite(n) && n >= 1 ? n : 1;
}

/** Text of a cell: its paragraphs and <br> lines joined with "\n"; a nested table flattened row by row. */
function cellText(node: Element): string {
  let out = '';
  for (const child of node.childNodes) {
    if (child.nodeName === '#text') out += (child as TextNode).value.replace(/\n/g, ' ');
    else if (!isElement(child) || isFurniture(child)) continue;
    else if (child.tagName === 'br') out += '\n';
    else if (child.tagName === 'table') out += `\n${formRows(child).map((r) => r.filter((c) => !c.continuation).map((c) => c.text).join(' ')).join('\n')}\n`;
    else if (BLOCK_TAGS.has(child.tagName)) out += `\n${cellText(child)}\n`;
    else out += cellText(child);
  }
  return out.replace(/\n{2,}/g, '\n');
}

function formRows(table: Element) {
  const rows: SpannedCell[][] = tableRows(table).map((tr) =>
    tr.childNodes
      .filter(isElement)
      .filter((c) => c.tagName === 'td' || c.tagName === 'th')
      .map((td) => ({ text: cellLines(cellText(td)), colspan: span(td, 'colspan'), rowspan: span(td, 'rowspan') })),
  );
  return spannedGrid(rows.filter((r) => r.length > 0));
}

// ---------------------------------------------------------------- readers

export async function readHtml(bytes: Uint8Array): Promise<Document> {
  await libraries();
  const { text, encoding } = decodeHtml(bytes);
  return { format: 'html', encoding, blocks: pageBlocks(text) };
}

export async function readMhtml(bytes: Uint8Array): Promise<Document> {
  await libraries();
  const page = mhtmlPage(bytes);
  const { text, encoding } = decodeHtml(page.html, page.charset);
  return { format: 'mhtml', encoding, blocks: pageBlocks(text) };
}
