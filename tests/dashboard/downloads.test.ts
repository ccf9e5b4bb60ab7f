import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { csvField, FLAG_COLUMNS as SITE_COLUMNS, writeFlagsCsv, writeWorkbook } from '../../pipeline/site-data/downloads.ts';
import { cellValue } from '../../pipeline/site-data/excel.ts';
// @ts-expect-error plain JavaScript module of the pages
import { FLAG_COLUMNS as PAGE_COLUMNS, xlsxBlob } from '../../dashboard/components/export.js';

/** The flag downloads: formula-like report text stays text, both writers share columns, sheets are bureau-grade. */

const risky = /^[=+\-@\t\r]/;

describe('flag downloads', () => {
  it('neutralises formulas in CSV fields and cells, and keeps numbers as numbers', () => {
    for (const v of ['=HYPERLINK("http://example.invalid","点此")', '+区划', '-项目', '@SUM(A1:A9)', '\t=1+1']) {
      expect(csvField(v).replace(/^"/, '')).not.toMatch(risky);
      expect(String(cellValue('text', v))).not.toMatch(risky);
    }
    expect(csvField(-3.5)).toBe('-3.5');
    expect(cellValue('number', -3.5)).toBe(-3.5);
    expect(cellValue('date', '2022-03-01')).toBeInstanceOf(Date);
  });

  it('the page writes the same columns as the full download', () => {
    expect(PAGE_COLUMNS).toEqual(SITE_COLUMNS);
  });

  it('the page\'s workbook opens in ExcelJS with a frozen, filtered header and no formula', async () => {
    const rows = [{ severity_zh: '严重', unit: '=1+1', measured: 5.93, year: 2021, message: '合计写作10万元' }];
    const blob = xlsxBlob(rows) as Blob;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await blob.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const row = sheet.getRow(2);
    const col = (header: string) => SITE_COLUMNS.findIndex((c) => c.header === header) + 1;
    expect(row.getCell(col('单位')).value).toBe("'=1+1");
    expect(row.getCell(col('测得值')).value).toBe(5.93);
    expect(row.getCell(col('年度')).value).toBe(2021);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
  });

  it('streams 汇总 / 标记 / 读取失败 with amounts as #,##0.00, shares as percentages and dates as dates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-downloads-'));
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    await c.run(`
      create table report_files as select 'r1' as report_id, '单位甲' as unit, '区甲' as region, 2021 as fiscal_year, 'department' as kind, 'a/甲.docx' as path;
      create table report_summary as select 'r1' as report_id, '单位甲' as unit, '区甲' as region, 2021 as fiscal_year, 'department' as kind,
        null::varchar as project, date '2022-03-01' as report_date, 95.5 as self_score, 100.0 as initial_budget, 150.0 as full_year_budget,
        1234.5 as actual, 12.345 as actual_to_initial, 98.0 as exec_rate_pct, 1 as critical_flags, 0 as warning_flags, 0 as info_flags;
      create table rules as select 'sum_mismatch' as rule_id, '合计与分项不符' as title;
      create table report_text as select 'r1' as report_id, '正文' as text;
      create table report_indicators as select 'r1' as report_id, '表1 第2行' as location, '指标' as name;
      create table anomalies as select 'k1' as flag_key, 'r1' as report_id, null::varchar as project, 'sum_mismatch' as rule_id, 'critical' as severity,
        '@对象' as subject, 3.5 as measured, null::varchar as measured_text, 0.02 as threshold, '说明' as message, '=依据' as evidence, '表1 第2行' as location,
        '待复核' as review_status, null::double as review_deduction, null::varchar as review_comment, 1 as consecutive_years;
      create table ingest_errors as select 'b/坏.docx' as path, 'unreadable' as code, '无法读取' as message;`);
    const path = join(dir, 'x.xlsx');
    await writeWorkbook(c, path);
    const csvPath = join(dir, 'x.csv');
    await writeFlagsCsv(c, csvPath);
    c.closeSync();
    // the CSV and the 标记 sheet come from one path: same header, same labelled, neutralised values
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv.startsWith('\ufeff')).toBe(true);
    const [csvHeader, csvRow] = csv.slice(1).trim().split('\r\n');
    expect(csvHeader.split(',')).toEqual(SITE_COLUMNS.map((c) => c.header));
    const csvCells = csvRow.split(',');
    expect(csvCells[SITE_COLUMNS.findIndex((c) => c.key === 'severity_zh')]).toBe('严重');
    expect(csvCells[SITE_COLUMNS.findIndex((c) => c.key === 'evidence')]).toBe("'=依据");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['汇总', '标记', '读取失败']);
    const summary = workbook.getWorksheet('汇总')!;
    const header = (summary.getRow(1).values as unknown[]).slice(1);
    const cell = (name: string) => summary.getRow(2).getCell(header.indexOf(name) + 1);
    expect(cell('实际支出（万元）').value).toBe(1234.5);
    expect(cell('实际支出（万元）').numFmt).toBe('#,##0.00');
    expect(cell('执行率').numFmt).toBe('0.00%');
    expect(cell('执行率').value).toBeCloseTo(0.98);
    expect(cell('填报日期').value).toBeInstanceOf(Date);
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(summary.autoFilter).toBeTruthy();
    const flags = workbook.getWorksheet('标记')!;
    const fh = (flags.getRow(1).values as unknown[]).slice(1);
    expect(flags.getRow(2).getCell(fh.indexOf('严重程度') + 1).value).toBe('严重');
    expect(flags.getRow(2).getCell(fh.indexOf('规则') + 1).value).toBe('合计与分项不符');
    expect(flags.getRow(2).getCell(fh.indexOf('位置') + 1).value).toBe('表1 第2行（三级指标「指标」）');
    expect(flags.getRow(2).getCell(fh.indexOf('依据（原文）') + 1).value).toBe("'=依据");
    expect(flags.getRow(2).getCell(fh.indexOf('说明') + 1).alignment?.wrapText).toBe(true);
    expect(workbook.getWorksheet('读取失败')!.rowCount).toBe(2);
  });
});
