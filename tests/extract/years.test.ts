import { describe, expect, it } from 'vitest';
import { findYearMentions } from '../../pipeline/extract/years.ts';

/** Which years claim to be the evaluated year, and which are only context. */

const roles = (text: string, fiscalYear = 2021) => findYearMentions(text, 0, fiscalYear).map((m) => [m.year, m.role]);

describe('year mentions', () => {
  it('reads this period, document numbers, dates and comparisons apart', () => {
    expect(roles('打非治违行动次数年初目标值10次，2020年实际完成值11次。')).toEqual([[2020, 'this_period']]);
    expect(roles('根据崇财发【2022】7号文件')).toEqual([[2022, 'document_number']]);
    expect(roles('报告日期2022年3月16日')).toEqual([[2022, 'date']]);
    expect(roles('丝瓜售价由2022年最高17.5元/斤上涨到今年168元')).toEqual([[2022, 'comparison']]);
  });
  it('reads portal index codes as document numbers, not as the title year', () => {
    expect(findYearMentions('索引号\t01526035-8-/2020-0828015', 100, 2019).map((m) => m.role)).toEqual(['document_number']);
    expect(findYearMentions('11500233709436995H/2025-00204', 100, 2024).map((m) => m.role)).toEqual(['document_number']);
  });
  it('does not take a quantity for a year', () => {
    expect(roles('拆迁补偿2000万元，油菜种植示范片2000亩，发放资料2000份')).toEqual([]);
  });
});
