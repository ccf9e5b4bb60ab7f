import { describe, expect, it } from 'vitest';
import { maskPersonalNumbers } from '../../pipeline/extract/mask.ts';
import { maskValue } from '../../pipeline/site-data/flags.ts';

/** What leaves for the site: text masked as the warehouse's masking does, identifiers untouched. */
describe('site masking', () => {
  const texts = [
    '联系人手机：13912345678', '电话 139-1234-5678', '+8613912345678', '身份证 430102199001011234', '卡号 6222 0212 3456 7890 128',
    '账号：123456789012', '全年执行数 1234.56 万元，2021 年', '手机１３９１２３４５６７８', '桃源县龙潭镇人民政府', '', '12345678901',
  ];
  it('masks text exactly as maskPersonalNumbers does, short figures included', () => {
    for (const t of texts) expect(maskValue('message', t)).toBe(maskPersonalNumbers(t));
    expect(maskValue('message', '联系人手机：13912345678')).not.toContain('13912345678');
  });

  it('leaves ids that read as a mobile number as they are, also inside a years list', () => {
    const id = '05e16200380277d5';
    expect(maskPersonalNumbers(id)).not.toBe(id);
    for (const column of ['id', 'key', 'last_id', 'report_id', 'flag_key']) expect(maskValue(column, id)).toBe(id);
    const years = JSON.stringify([{ id, year: 2021, project: '联系 13912345678' }]);
    const masked = JSON.parse(String(maskValue('years', years))) as { id: string; project: string }[];
    expect(masked[0].id).toBe(id);
    expect(masked[0].project).toBe(maskPersonalNumbers('联系 13912345678'));
    expect(maskValue('score', 95)).toBe(95);
  });
});
