/** Text normalisation shared by the extractors. */
import { remembered } from './memo.ts';

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';

const FULL_WIDTH_NUMBER_CHARS = /[\uff10-\uff19．％]|，\d{3}(?!\d)/;

/** Full-width digits, letters and punctuation that carry numbers → ASCII. */
function toHalfWidth(s: string): string {
  // most text has none of them: skip the replacements (this runs on every cell and line)
  if (!FULL_WIDTH_NUMBER_CHARS.test(s)) return s;
  return s
    .replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/％/g, '%')
    .replace(/，(?=\d{3}(?!\d))/g, ',');
}

const SPACE_BESIDE_CJK = new RegExp(`\\s+(?=[${CJK}“”（）()，。：；、])|(?<=[${CJK}“”（）()，。：；、])\\s+`, 'g');

/** Cell or line text as a person reads it: lines joined, whitespace between CJK removed. */
export function cleanText(s: string): string {
  // text without whitespace or full-width figures reads as written (most cells): nothing to do
  if (!HAS_SPACE.test(s) && !FULL_WIDTH_NUMBER_CHARS.test(s)) return s;
  return cleanSpaced(s);
}

/** \s covers U+3000 and U+00A0, and the characters String#trim removes. */
const HAS_SPACE = /\s/;

const cleanSpaced = remembered((s: string): string =>
  toHalfWidth(s)
    .split('\n')
    .map((l) => l.trim())
    .join('')
    .replace(/[\s\u3000\u00a0]+/g, ' ')
    .replace(SPACE_BESIDE_CJK, '')
    .trim(),
);

/** All whitespace removed: for matching labels and comparing texts. */
export function squash(s: string): string {
  return HAS_SPACE.test(s) ? toHalfWidth(s).replace(/[\s\u3000\u00a0]+/g, '') : toHalfWidth(s);
}

/** Text around an offset, for evidence. */
export function around(text: string, offset: number, before = 30, after = 40): string {
  const start = Math.max(0, offset - before);
  return text.slice(start, offset + after).replace(/\s+/g, ' ').trim();
}
