import * as OpenCC from 'opencc-js/t2cn';
import type { Block, Document } from '../read/document.ts';
import { packedMap } from '../read/packed.ts';
import { remembered } from './memo.ts';

/**
 * Reports written in traditional characters (單位名稱, 年初預算數, 執行率): the form's
 * vocabulary is matched on a simplified copy of the document, and the names read
 * from it are given back as written. OpenCC converts; a block whose converted text
 * changes length is kept as written, so offsets stay the same in both copies.
 */

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

// characters that are only traditional and common in the forms
const TRADITIONAL_MARKS = /[單預項績評報數執資總實際門體縣區鎮衛員會標準值]/g;

export function looksTraditional(doc: Document): boolean {
  let n = 0;
  for (const b of doc.blocks) {
    const text = b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.map((c) => c.text).join('')).join('');
    n += text.match(TRADITIONAL_MARKS)?.length ?? 0;
    if (n >= 8) return true;
  }
  return false;
}

// the forms' cells recur from report to report: each is converted once
const same = remembered((s: string): string => {
  const t = toSimplified(s);
  return t.length === s.length ? t : s;
});

/** The document with every paragraph and cell in simplified characters, lengths unchanged. */
export function simplifiedDocument(doc: Document): Document {
  const blocks: Block[] = doc.blocks.map((b) =>
    b.kind === 'paragraph' ? { kind: 'paragraph', text: same(b.text) } : { kind: 'table', rows: packedMap(b.rows, (r) => packedMap(r, (c) => ({ ...c, text: same(c.text) }))) },
  );
  return { ...doc, blocks };
}

/**
 * A name read from the simplified text, as the original writes it: found in the
 * simplified text with whitespace ignored, and taken from the same place in the original.
 * The whitespace-free copy of the text is made once, at the first name.
 */
export function asWrittenIn(simplified: string, original: string): (value: string | null) => string | null {
  let index: { squashed: string; squashedChars: number[] } | null = null;
  return (value) => {
    if (!value || simplified.length !== original.length) return value;
    index ??= squashedIndex(simplified);
    const { squashed, squashedChars } = index;
    const at = squashed.indexOf(value.replace(/\s+/g, ''));
    if (at < 0) return value;
    const n = value.replace(/\s+/g, '').length;
    return squashedChars
      .slice(at, at + n)
      .map((i) => original[i])
      .join('');
  };
}

/** The text without whitespace, and where each of its characters stands in the text. */
function squashedIndex(text: string): { squashed: string; squashedChars: number[] } {
  const squashedChars: number[] = [];
  let squashed = '';
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i])) continue;
    squashed += text[i];
    squashedChars.push(i);
  }
  return { squashed, squashedChars };
}

// a pinyin gloss a mirror site put after a character: 項(xiàng)目, 績(jī)效
const PINYIN_GLOSS = /(?<=[\u3400-\u9fff])[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）]/g;

const unglossed = (s: string) => (s.includes('(') || s.includes('（') ? s.replace(PINYIN_GLOSS, '') : s);

/** The document without pinyin glosses, where a mirror site inserted them (three or more). */
export function withoutPinyinGlosses(doc: Document): Document {
  let n = 0;
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph') n += b.text.match(PINYIN_GLOSS)?.length ?? 0;
    if (n >= 3) break;
  }
  if (n < 3) return doc;
  const blocks: Block[] = doc.blocks.map((b) =>
    b.kind === 'paragraph' ? { kind: 'paragraph', text: unglossed(b.text) } : { kind: 'table', rows: packedMap(b.rows, (r) => packedMap(r, (c) => ({ ...c, text: unglossed(c.text) }))) },
  );
  return { ...doc, blocks };
}
