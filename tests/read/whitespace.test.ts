import { describe, expect, it } from 'vitest';
import { cellLines, collapseWhitespace } from '../../pipeline/read/grid.ts';

/** What the one-pass functions stand for: the regular expressions they replaced. */
const collapseByRegex = (s: string) => s.replace(/\s+/g, ' ').trim();
const cellLinesByRegex = (text: string) => text.split('\n').map(collapseByRegex).join('\n').replace(/^\n+|\n+$/g, '');

describe('whitespace of cells and paragraphs, in one pass', () => {
  it('takes every UTF-16 code unit for whitespace exactly when \\s and trim do', () => {
    const differing: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      const s = `a${ch}${ch}b${ch}`;
      if (collapseWhitespace(s) !== collapseByRegex(s) || cellLines(s) !== cellLinesByRegex(s)) differing.push(`U+${c.toString(16)}`);
    }
    expect(differing).toEqual([]);
  });

  it('agrees with the regular expressions on ordinary and edge-case text', () => {
    const cases = ['', ' ', '\n', '\n\n', 'a', 'a\n', '\na', ' a b ', 'a  b', 'a\tb', '预算\u3000执行率\n', ' \n 95% \n\n 得分 \n', 'a\n\n\nb', 'a\r\nb\r\n', '\u00a0x\u00a0', '\ufeffx', 'x\u2028y', '\u180ex'];
    for (const s of cases) {
      expect(collapseWhitespace(s), JSON.stringify(s)).toBe(collapseByRegex(s));
      expect(cellLines(s), JSON.stringify(s)).toBe(cellLinesByRegex(s));
    }
  });

  it('agrees with the regular expressions on random strings of text, spaces and line breaks', () => {
    const pieces = ['a', '预算', '9', ' ', '  ', '\n', '\t', '\r', '\u3000', '\u00a0', '\u200b', '\ufeff', '\u2029', '\u180e', '%'];
    let seed = 5;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 5000; n++) {
      let s = '';
      const length = next() % 16;
      for (let k = 0; k < length; k++) s += pieces[next() % pieces.length];
      expect(collapseWhitespace(s), JSON.stringify(s)).toBe(collapseByRegex(s));
      expect(cellLines(s), JSON.stringify(s)).toBe(cellLinesByRegex(s));
      // a part of a string, as the cell reader passes its lines
      const start = length ? next() % s.length : 0;
      expect(collapseWhitespace(s, start, s.length), JSON.stringify(s)).toBe(collapseByRegex(s.slice(start)));
    }
  });
});
