import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { logicalCells, type Table } from '../../pipeline/read/document.ts';
import { readXlsx } from '../../pipeline/read/xlsx.ts';

/** The .xlsx reader on workbooks written with exceljs: values as stored, merges, hidden parts, borders. */

const thin = { style: 'thin' as const };
const box = { top: thin, left: thin, bottom: thin, right: thin };

async function bytesOf(fill: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('readXlsx', () => {
  it('reads numbers as stored, percentages ×100, formulas by their cached result, dates as dates', async () => {
    const doc = await readXlsx(
      await bytesOf((wb) => {
        const ws = wb.addWorksheet('自评表');
        ws.addRow(['年初预算数', 1035.02, 0.85, 0.1 + 0.2, new Date(Date.UTC(2022, 2, 5))]);
        ws.getCell('B1').numFmt = '#,##0.00';
        ws.getCell('C1').numFmt = '0.00%';
        ws.getCell('E1').numFmt = 'yyyy-mm-dd';
        ws.getCell('F1').value = { formula: 'B1*2', result: 2070.04 };
        ws.getCell('G1').value = { formula: 'B1/0', result: { error: '#DIV/0!' } };
      }),
    );
    const [table] = doc.blocks as Table[];
    expect(logicalCells(table.rows[0])).toEqual(['年初预算数', '1035.02', '85%', '0.3', '2022年3月5日', '2070.04', '#DIV/0!']);
  });

  it('expands merged cells as Word does and skips hidden sheets, rows and columns, naming the sheets', async () => {
    const doc = await readXlsx(
      await bytesOf((wb) => {
        const ws = wb.addWorksheet('表1');
        ws.addRow(['预算部门名称', '某镇人民政府', '', '']);
        ws.addRow(['年度预算', '年初预算数', '全年预算数', '隐藏']);
        ws.addRow(['', 100, 120, 'x']);
        ws.addRow(['秘密', 1, 2, 3]);
        ws.mergeCells('B1:C1');
        ws.mergeCells('A2:A3');
        ws.getColumn(4).hidden = true;
        ws.getRow(4).hidden = true;
        for (const row of [1, 2, 3]) for (const col of [1, 2, 3]) ws.getCell(row, col).border = box;
        wb.addWorksheet('备注', { state: 'hidden' }).addRow(['不应读到']);
      }),
    );
    expect(doc.notes).toEqual(['隐藏工作表 1 个未读：备注']);
    const tables = doc.blocks.filter((b): b is Table => b.kind === 'table');
    expect(tables).toHaveLength(1);
    expect(tables[0].rows.map((r) => r.map((c) => (c.continuation ? `<${c.continuation}` : c.text)))).toEqual([
      ['预算部门名称', '某镇人民政府', '<left'],
      ['年度预算', '年初预算数', '全年预算数'],
      ['<above', '100', '120'],
    ]);
  });

  it('reads unbordered rows around a bordered form as paragraphs', async () => {
    const doc = await readXlsx(
      await bytesOf((wb) => {
        const ws = wb.addWorksheet('表1');
        ws.addRow(['项目支出绩效自评表']);
        ws.mergeCells('A1:C1');
        ws.addRow(['项目名称', '道路维修', '']);
        ws.addRow(['填报日期：2022年3月5日']);
        for (const col of [1, 2, 3]) ws.getCell(2, col).border = box;
      }),
    );
    expect(doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : logicalCells(b.rows[0]).join('|')))).toEqual(['项目支出绩效自评表', '项目名称|道路维修', '填报日期：2022年3月5日']);
  });

  it('refuses a workbook that is not one, or is password-protected', async () => {
    await expect(readXlsx(new TextEncoder().encode('not a workbook'))).rejects.toMatchObject({ code: 'not_an_xlsx' });
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(readXlsx(ole)).rejects.toMatchObject({ code: 'encrypted_xlsx' });
  });
});
