import { describe, expect, it } from 'vitest';
import { forEachTableTag } from '../../pipeline/read/docx-caps.ts';

/** What the table-tag scan stands for: the regular expression it replaced. */
function byRegex(xml: string): string[] {
  return [...xml.matchAll(/<(\/?)w:(tbl|tr|tc)(?=[\s>/])([^>]*)>/g)].map((m) => `${m[2]} ${m[1] === '/'} ${m[3].endsWith('/')}`);
}

function byScan(xml: string): string[] {
  const out: string[] = [];
  forEachTableTag(xml, (name, closing, selfClosing) => out.push(`${name} ${closing} ${selfClosing}`));
  return out;
}

describe('the table-tag scan of checkStructure', () => {
  it('finds the tags the regular expression finds, in order, on ordinary and broken XML', () => {
    const cases = [
      '<w:tbl><w:tblPr/><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
      '<w:tbl/><w:tr/><w:tc />',
      'w:t<w:tbl>',
      '<w:tr',
      '<w:tc x="a>b"><w:tr\n>',
      '<//w:tr></w:tcPr></w:tc\t>',
      '<w:trw:tr><w:tblw:tbl>>',
      '</w:tbl/>',
    ];
    for (const xml of cases) expect(byScan(xml), xml).toEqual(byRegex(xml));
  });

  it('agrees with the regular expression on random strings of tag fragments', () => {
    const pieces = ['<', '/', '>', 'w:t', 'w:tbl', 'w:tr', 'w:tc', 'bl', 'r', 'c', ' ', '\n', 'x', '"', '/>', '</', 'w:'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 3000; n++) {
      let xml = '';
      const length = next() % 30;
      for (let k = 0; k < length; k++) xml += pieces[next() % pieces.length];
      expect(byScan(xml), JSON.stringify(xml)).toEqual(byRegex(xml));
    }
  });
});
