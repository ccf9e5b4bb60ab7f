import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { build } from '../../pipeline/jobs/build.ts';
import { configSchema } from '../../pipeline/config.ts';
import { openWarehouse, type PlainRow } from '../../pipeline/load/query.ts';
import { exportReviewSheet } from '../../pipeline/reviews/export.ts';
import { COLUMNS } from '../../pipeline/reviews/sheet.ts';
import { SEEDS_DIR } from '../helpers/paths.ts';

/**
 * The reviewer's round trip: export the sheet, fill decisions as a reviewer would, rebuild
 * with the reviews folder, and follow the decisions through unchanged and changed rebuilds
 * and a corrected report.
 */

const config = configSchema.parse({});
const TIANCHENG = '001_f5c4fd1a932a52c1.txt';

async function query(db: string, sql: string): Promise<PlainRow[]> {
  const w = await openWarehouse(db);
  try {
    return await w.query(sql);
  } finally {
    w.close();
  }
}

const col = (key: string) => COLUMNS.findIndex((c) => c.key === key) + 1;

describe('review sheets', () => {
  it('exports the flags, reads decisions back, keeps them across rebuilds and shows a corrected flag as resolved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-reviews-'));
    const input = join(dir, 'reports');
    const reviews = join(dir, 'reviews');
    const db = join(dir, 'w.duckdb');
    mkdirSync(input);
    mkdirSync(reviews);
    for (const f of readdirSync(SEEDS_DIR)) copyFileSync(join(SEEDS_DIR, f), join(input, f));
    const run = async () => {
      const summary = await build({ input, db, config, reviews, workers: 1, allowShrink: true });
      expect(summary.status, summary.message).toBe('ok');
      return summary;
    };
    await run();
    const flags = await query(db, `select a.flag_key, a.rule_id, a.severity, a.message, a.review_status, a.location, r.file_name, r.self_score
      from anomalies a join reports r using (report_id) order by a.flag_key`);
    expect(flags.length).toBeGreaterThan(10);
    expect(new Set(flags.map((f) => f.review_status))).toEqual(new Set(['待复核']));

    // the sheet: one row per flag, header, frozen, filtered, drop-down on 复核结论, masked text
    const sheetFile = join(dir, 'export.xlsx');
    const exported = await exportReviewSheet(db, sheetFile);
    expect(exported).toEqual({ rows: flags.length, decided: 0 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(sheetFile);
    const sheet = workbook.getWorksheet('复核')!;
    expect(sheet).toBeDefined();
    expect(sheet.getRow(1).values).toEqual([undefined, ...COLUMNS.map((c) => c.header)]);
    expect(sheet.rowCount).toBe(flags.length + 1);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getCell(2, col('status')).dataValidation).toMatchObject({ type: 'list', formulae: ['"待复核,属实,误报,已整改"'] });
    const allText: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => allText.push(String(cell.value))));
    expect(allText.join('\n')).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    expect(allText.filter((t) => /^[=+\-@]/.test(t))).toEqual([]);

    const rowOfKey = (key: unknown) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row, n) => {
        if (n > 1 && row.getCell(col('flag_key')).value === key) found = row;
      });
      if (!found) throw new Error(`no row for ${String(key)}`);
      return found;
    };
    const decide = (row: ExcelJS.Row, status: unknown, deduction: unknown, comment: string) => {
      row.getCell(col('status')).value = status as ExcelJS.CellValue;
      row.getCell(col('deduction')).value = deduction as ExcelJS.CellValue;
      row.getCell(col('comment')).value = comment;
      row.getCell(col('reviewer')).value = '王审';
      row.getCell(col('reviewed_at')).value = '2026-11-30';
    };
    // the confirmed flag is the one the unit corrects later (a score above its weight)
    const scoreFlag = flags.find((f) => f.file_name === TIANCHENG && f.rule_id === 'score_exceeds_weight');
    // decisions that must survive the correction sit elsewhere in the report than the corrected score
    const ownFlags = flags.filter((f) => f.file_name === TIANCHENG && f.location !== scoreFlag?.location);
    const otherFlags = flags.filter((f) => f.file_name !== TIANCHENG);
    expect(ownFlags.length).toBeGreaterThanOrEqual(2);
    expect(otherFlags.length).toBeGreaterThanOrEqual(3);
    const confirmed = rowOfKey(scoreFlag?.flag_key);
    const dismissed = rowOfKey(ownFlags[0].flag_key);
    const corrected = rowOfKey(ownFlags[1].flag_key);
    const badStatus = rowOfKey(otherFlags[0].flag_key);
    const formula = rowOfKey(otherFlags[1].flag_key);
    const textDeduction = rowOfKey(otherFlags[2].flag_key);
    const otherFile = String(otherFlags[0].file_name);
    decide(confirmed, '属实', 3, '得分超过分值，扣 3 分');
    decide(dismissed, '误报', null, '经核实不构成问题');
    decide(corrected, '已整改', null, '单位已补充说明');
    decide(badStatus, '确认', null, '状态写错');
    decide(formula, '属实', { formula: '1+2', result: 3 }, '扣分用了公式');
    decide(textDeduction, '属实', '三分', '扣分写成文字');
    const unknown = sheet.addRow([]);
    unknown.getCell(col('flag_key')).value = 'f'.repeat(32);
    unknown.getCell(col('status')).value = '属实';
    await workbook.xlsx.writeFile(join(reviews, '复核-王审.xlsx'));
    writeFileSync(join(reviews, '坏文件.xlsx'), 'not a workbook');

    // rebuild: the reports are the same (tables kept), the sheets are read again
    const second = await run();
    expect(second.unchanged).toBe(true);
    const key = (row: ExcelJS.Row) => String(row.getCell(col('flag_key')).value);
    const expectDecisions = async () => {
      const current = await query(db, `select flag_key, status, deduction, comment, reviewer, strftime(reviewed_at, '%Y-%m-%d') as day, source_file, source_row, flag_state
        from flag_reviews where is_current order by source_row`);
      expect(current.map((d) => [d.flag_key, d.status, d.deduction, d.reviewer, d.day, d.source_file, d.flag_state])).toEqual([
        [key(confirmed), '属实', 3, '王审', '2026-11-30', '复核-王审.xlsx', 'firing'],
        [key(dismissed), '误报', null, '王审', '2026-11-30', '复核-王审.xlsx', 'firing'],
        [key(corrected), '已整改', null, '王审', '2026-11-30', '复核-王审.xlsx', 'firing'],
      ].sort((a, b) => Number(current.find((c) => c.flag_key === a[0])?.source_row) - Number(current.find((c) => c.flag_key === b[0])?.source_row)));
      const statuses = await query(db, `select flag_key, review_status, review_deduction, review_comment from anomalies where review_status <> '待复核' order by flag_key`);
      expect(Object.fromEntries(statuses.map((s) => [s.flag_key, s.review_status]))).toEqual({
        [key(confirmed)]: '属实',
        [key(dismissed)]: '误报',
        [key(corrected)]: '已整改',
      });
      expect(statuses.find((s) => s.flag_key === key(confirmed))).toMatchObject({ review_deduction: 3, review_comment: '得分超过分值，扣 3 分' });
      const [summary] = await query(db, `select self_score, review_deduction, review_score, self_grade, review_grade, confirmed_flags, dismissed_flags, corrected_flags, pending_flags, flags
        from report_summary where file_name = '${TIANCHENG}'`);
      expect(summary).toMatchObject({ self_score: 99.7, review_deduction: 3, review_score: 96.7, self_grade: '优', review_grade: '优', confirmed_flags: 1, dismissed_flags: 1, corrected_flags: 1 });
      expect(summary.pending_flags).toBe(Number(summary.flags) - 3);
      const errors = await query(db, 'select file, row, message from review_errors order by file, row');
      expect(errors.map((e) => [e.file, e.row])).toEqual(
        [
          ['坏文件.xlsx', null],
          ['复核-王审.xlsx', badStatus.number],
          ['复核-王审.xlsx', formula.number],
          ['复核-王审.xlsx', textDeduction.number],
          ['复核-王审.xlsx', unknown.number],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0])) || Number(a[1] ?? -1) - Number(b[1] ?? -1)),
      );
      const byRow = new Map(errors.map((e) => [e.row, String(e.message)]));
      expect(byRow.get(badStatus.number)).toContain('复核结论');
      expect(byRow.get(formula.number)).toContain('公式');
      expect(byRow.get(textDeduction.number)).toContain('扣分');
      expect(byRow.get(unknown.number)).toContain('从未出现');
    };
    await expectDecisions();
    const historyRows = Number((await query(db, 'select count(*) as n from flag_reviews'))[0].n);
    expect(historyRows).toBe(3);

    // the export now carries the decisions
    const again = await exportReviewSheet(db, join(dir, 'again.xlsx'));
    expect(again).toEqual({ rows: flags.length, decided: 3 });

    // nothing changed; then an unrelated report changed (a full rebuild from the previous warehouse)
    expect((await run()).unchanged).toBe(true);
    await expectDecisions();
    const unrelated = join(input, otherFile);
    writeFileSync(unrelated, readFileSync(unrelated, 'utf8') + '\n');
    const changed = await run();
    expect([changed.unchanged, changed.filesChanged]).toEqual([false, 1]);
    await expectDecisions();
    expect(Number((await query(db, 'select count(*) as n from flag_reviews'))[0].n)).toBe(historyRows);

    // the unit corrects the score: the confirmed flag is gone, its decision stays and shows resolved
    const file = join(input, TIANCHENG);
    writeFileSync(file, readFileSync(file, 'utf8').replace('应得3分，实际得6分', '应得3分，实际得3分'));
    await run();
    const gone = await query(db, `select count(*) as n from anomalies where flag_key = '${key(confirmed)}'`);
    expect(gone[0].n).toBe(0);
    const resolved = await query(db, `select status, deduction, is_current, flag_state, rule_id, unit from flag_reviews where flag_key = '${key(confirmed)}'`);
    expect(resolved).toEqual([{ status: '属实', deduction: 3, is_current: true, flag_state: 'resolved', rule_id: 'score_exceeds_weight', unit: '天城镇人民政府' }]);
    // the other decisions on the corrected report follow it (same unit, year and kind)
    const still = await query(db, `select flag_key, review_status from anomalies where review_status <> '待复核' order by flag_key`);
    expect(Object.fromEntries(still.map((s) => [s.flag_key, s.review_status]))).toEqual({ [key(dismissed)]: '误报', [key(corrected)]: '已整改' });
    const [after] = await query(db, `select review_deduction, review_score, confirmed_flags, resolved_reviews from report_summary where file_name = '${TIANCHENG}'`);
    expect(after).toMatchObject({ review_deduction: 0, review_score: 99.7, confirmed_flags: 0, resolved_reviews: 1 });

    // the sheet taken out of the folder: a rebuild (reports changed too) keeps the decisions from the previous warehouse
    rmSync(join(reviews, '复核-王审.xlsx'));
    writeFileSync(unrelated, readFileSync(unrelated, 'utf8') + '\n');
    expect((await run()).unchanged).toBe(false);
    const kept = await query(db, `select flag_key, status, in_folder, flag_state from flag_reviews where is_current order by flag_key`);
    expect(kept.map((k) => [k.flag_key, k.status, k.in_folder])).toEqual(
      [
        [key(confirmed), '属实', false],
        [key(dismissed), '误报', false],
        [key(corrected), '已整改', false],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect((await query(db, `select count(*) as n from anomalies where review_status <> '待复核'`))[0].n).toBe(2);
  }, 120_000);
});
