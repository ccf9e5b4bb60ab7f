import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { anomaliesCsv, anomaliesXlsx } from '../../pipeline/site-data/downloads.ts';

/** The site's flag downloads: report text that looks like a spreadsheet formula stays text. */

const hostileRow = {
  key: 'k1',
  unit: '=HYPERLINK("http://example.invalid","点此")',
  region: '+区划',
  year: 2021,
  project: '-项目',
  rule: 'sum_mismatch',
  severity: 'warning',
  subject: '@SUM(A1:A9)',
  measured: -3.5,
  threshold: 0.02,
  message: '合计写作10万元，但所列分项之和为13.5万元',
  evidence: '\t=1+1',
  location: '第1段',
};
const query = async () => [hostileRow];
const risky = /^[=+\-@\t\r]/;

describe('flag downloads', () => {
  it('neutralises formulas in the CSV and keeps numbers as numbers', async () => {
    const csv = (await anomaliesCsv(query)).toString('utf8');
    expect(csv.startsWith('\ufeff')).toBe(true);
    const fields = csv.replace(/^\ufeff/, '').split('\r\n')[1].match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, '').replace(/^"|"$/g, ''));
    const text = fields.filter((f) => f !== '' && Number.isNaN(Number(f)));
    expect(text.filter((f) => risky.test(f))).toEqual([]);
    expect(fields).toContain(`'@SUM(A1:A9)`);
    expect(fields).toContain('-3.5');
  });

  it('writes no formula cell into the Excel file', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await anomaliesXlsx(query);
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.getWorksheet('异常标记')!;
    const cells: ExcelJS.Cell[] = [];
    sheet.getRow(2).eachCell((cell) => cells.push(cell));
    expect(cells.length).toBeGreaterThan(10);
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    expect(cells.filter((c) => typeof c.value === 'string' && risky.test(c.value)).map((c) => c.value)).toEqual([]);
    expect(cells.map((c) => c.value)).toContain(`'=HYPERLINK("http://example.invalid","点此")`);
    expect(cells.map((c) => c.value)).toContain(-3.5);
  });
});
