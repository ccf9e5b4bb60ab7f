import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { conformsTo } from '../../pipeline/extract/conforms.ts';
import { reportSchema, type Report } from '../../pipeline/extract/report.ts';
import { indicator, indicatorTable, line, report } from '../helpers/constructed.ts';

const conforms = conformsTo(reportSchema);

/** A report as extraction makes it: a parsed one (parse gives each object its schema's keys in order). */
const full = (): Report =>
  report({
    reportDate: '2022-03-01',
    selfScore: 92.5,
    budgetLines: [line()],
    indicators: [indicator({ name: '覆盖率' })],
    indicatorTables: [indicatorTable()],
    amounts: [{ offset: 3, label: '年初预算', amount: 12.5, originalText: '12.5万元', unitWritten: '万元', comparator: null, sentence: '年初预算12.5万元。' }],
  });

describe('conformsTo', () => {
  it('passes what reportSchema.parse gives back unchanged', () => {
    const r = full();
    expect(conforms(r)).toBe(true);
    expect(JSON.stringify(reportSchema.parse(r))).toBe(JSON.stringify(r));
  });

  it('fails every report parse would reject, so parse still throws for it', () => {
    const bad: [string, (r: Report) => void][] = [
      ['NaN amount', (r) => (r.amounts[0].amount = Number.NaN)],
      ['infinite budget', (r) => (r.budgetLines[0].actual = Number.POSITIVE_INFINITY)],
      ['fractional row number', (r) => (r.indicators[0].rowNo = 1.5)],
      ['year out of range', (r) => (r.fiscalYear = 1890)],
      ['date not ISO', (r) => (r.reportDate = '2022/03/01')],
      ['enum value', (r) => ((r as { kind: string }).kind = 'county')],
      ['undefined for null', (r) => ((r as { selfScore: unknown }).selfScore = undefined)],
      ['missing key', (r) => delete (r as Partial<Report>).title],
      ['string for number', (r) => ((r.indicators[0] as { weight: unknown }).weight = '5')],
      ['object for array', (r) => ((r as { projects: unknown }).projects = {})],
    ];
    for (const [what, spoil] of bad) {
      const r = full();
      spoil(r);
      expect(conforms(r), what).toBe(false);
      expect(() => reportSchema.parse(r), what).toThrow();
    }
  });

  it('fails a report parse would change (keys of no schema, another order), so parse gives the copy', () => {
    const extra = { ...full(), note: 'x' };
    expect(conforms(extra)).toBe(false);
    expect(reportSchema.parse(extra)).not.toHaveProperty('note');
    const { unit, ...rest } = full();
    expect(conforms({ ...rest, unit })).toBe(false);
  });

  it('is not sure of schemas or checks it does not know', () => {
    expect(conformsTo(z.string().email())('a@b.cn')).toBe(false);
    expect(conformsTo(z.union([z.string(), z.number()]))('a')).toBe(false);
    expect(conformsTo(z.number().int().min(0))(3)).toBe(true);
    expect(conformsTo(z.number().int().min(0))(-1)).toBe(false);
  });
});
