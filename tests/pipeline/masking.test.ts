import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskPersonalNumbers } from '../../pipeline/extract/mask.ts';
import { openWarehouse } from '../../pipeline/load/query.ts';
import { maskedQuery } from '../../pipeline/site-data/warehouse.ts';
import { buildInto } from '../helpers/build.ts';
import { SEEDS_DIR } from '../helpers/paths.ts';

/** Every common written form of a personal number is masked where text leaves the warehouse. */

/** A card number with a valid check digit (Luhn), from its first digits. */
function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) {
    const n = body + d;
    let sum = 0;
    for (let i = 0; i < n.length; i++) {
      let x = Number(n[n.length - 1 - i]);
      if (i % 2 === 1) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
      sum += x;
    }
    if (sum % 10 === 0) return n;
  }
  throw new Error('unreachable');
}

const card = withCheckDigit('622202123456789012');
const grouped = card.replace(/(\d{4})(?=\d)/g, '$1 ');
const dashed = card.replace(/(\d{4})(?=\d)/g, '$1-');

/** written form → the digits that must not survive */
const FORMS: [string, string][] = [
  ['联系电话：13912345678', '13912345678'],
  ['电话 139-1234-5678', '1234'],
  ['手机 139 1234 5678', '1234'],
  ['+8613912345678', '13912345678'],
  ['(+86) 139 1234 5678', '1234'],
  ['TEL13912345678', '13912345678'],
  ['座机0731-22334455，手机13912345678', '13912345678'],
  ['１３９１２３４５６７８', '１２３４'],
  ['身份证号430102199001011234', '430102199001011234'],
  ['身份证号 430102 19900101 123X', '19900101'],
  ['身份证号430102900101123', '430102900101123'],
  [`卡号${card}`, card],
  [`收款 ${grouped}`, grouped.slice(5, 14)],
  [`转入 ${dashed}`, dashed.slice(5, 14)],
  ['开户行账号：1234 5678 9012 34', '5678 9012'],
];

describe('masking personal numbers', () => {
  it('masks every written form and keeps the first three and last four digits', () => {
    for (const [text, secret] of FORMS) {
      const masked = maskPersonalNumbers(text);
      expect(masked, text).not.toContain(secret);
      expect(masked, text).toMatch(/\*{3,}/);
      expect(masked.length).toBe(text.length);
    }
    expect(maskPersonalNumbers('139-1234-5678')).toBe('139-****-5678');
    expect(maskPersonalNumbers('+8613912345678')).toBe('+86139****5678');
  });

  it('leaves figures, dates, landlines and document numbers alone', () => {
    for (const text of ['年初预算 1,234.56万元，执行率 98.5%', '2021年12月31日 2021-12-31 20211231', '电话 0731-28881234', '文号 株财预〔2021〕12号 编号2021001', '10\t20\t30\t40\t12\t1', '6222 0212 3456']) {
      expect(maskPersonalNumbers(text), text).toBe(text);
    }
  });

  it('masks them in what the site reads, while the warehouse keeps the originals', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'jixiao-mask-')), 'in');
    mkdirSync(dir);
    const seed = readFileSync(join(SEEDS_DIR, readdirSync(SEEDS_DIR).find((f) => f.startsWith('000'))!), 'utf8');
    writeFileSync(join(dir, 'report.txt'), seed + '\n' + FORMS.map(([t]) => `${t}。`).join('\n') + '\n');
    const { db } = await buildInto(dir);
    const w = await openWarehouse(db);
    try {
      const [{ text }] = await w.query('select text from report_texts');
      for (const [form] of FORMS) expect(String(text)).toContain(form);
      const [site] = await maskedQuery(w)('select text from report_texts');
      for (const [form] of FORMS) {
        expect(String(site.text), form).not.toContain(form);
        expect(String(site.text), form).toContain(maskPersonalNumbers(form));
      }
    } finally {
      w.close();
    }
  }, 120_000);
});
