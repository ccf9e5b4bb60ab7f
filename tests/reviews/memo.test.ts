import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../pipeline/config.ts';
import { maskPersonalNumbers } from '../../pipeline/extract/mask.ts';
import { build } from '../../pipeline/jobs/build.ts';
import { openWarehouse, type PlainRow } from '../../pipeline/load/query.ts';
import { exportReviewSheet } from '../../pipeline/reviews/export.ts';
import { writeAllMemos, writeMemo } from '../../pipeline/reviews/memo.ts';
import { COLUMNS } from '../../pipeline/reviews/sheet.ts';
import { SEEDS_DIR } from '../helpers/paths.ts';

/** The 复核意见 of a report, read back with mammoth: unit, year, confirmed and open flags, no dismissed ones. */

const col = (key: string) => COLUMNS.findIndex((c) => c.key === key) + 1;

async function query(db: string, sql: string): Promise<PlainRow[]> {
  const w = await openWarehouse(db);
  try {
    return await w.query(sql);
  } finally {
    w.close();
  }
}

describe('review memo', () => {
  it('names the unit and year, lists every confirmed and open flag and leaves out the dismissed ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-memo-'));
    const input = join(dir, 'reports');
    const reviews = join(dir, 'reviews');
    const db = join(dir, 'w.duckdb');
    mkdirSync(input);
    mkdirSync(reviews);
    for (const f of readdirSync(SEEDS_DIR)) copyFileSync(join(SEEDS_DIR, f), join(input, f));
    const config = configSchema.parse({});
    expect((await build({ input, db, config, reviews, workers: 1 })).status).toBe('ok');

    // the report with the most flags; one confirmed, two dismissed (with messages no other flag shares), the rest open
    const [target] = await query(db, 'select report_id, unit, fiscal_year, self_score from report_summary order by flags desc limit 1');
    const flags = await query(db, `select flag_key, message from anomalies where report_id = '${target.report_id}' order by flag_key`);
    expect(flags.length).toBeGreaterThanOrEqual(5);
    const unique = flags.filter((f) => flags.filter((g) => g.message === f.message).length === 1);
    const [confirmed, dismissedA, dismissedB] = unique;
    const sheetFile = join(dir, 'sheet.xlsx');
    await exportReviewSheet(db, sheetFile);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(sheetFile);
    const sheet = workbook.getWorksheet('复核')!;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const key = row.getCell(col('flag_key')).value;
      const status = key === confirmed.flag_key ? '属实' : key === dismissedA.flag_key || key === dismissedB.flag_key ? '误报' : null;
      if (!status) return;
      row.getCell(col('status')).value = status;
      row.getCell(col('deduction')).value = status === '属实' ? 2.5 : null;
      row.getCell(col('comment')).value = status === '属实' ? '经核对原表，情况属实' : '不构成问题';
    });
    await workbook.xlsx.writeFile(join(reviews, 'r.xlsx'));
    expect((await build({ input, db, config, reviews, workers: 1 })).status).toBe('ok');

    const out = join(dir, 'memo.docx');
    const counts = await writeMemo(db, String(target.report_id), out);
    expect(counts).toEqual({ confirmed: 1, open: flags.length - 3 });
    const { value: memo } = await mammoth.extractRawText({ path: out });
    expect(memo).toContain(`关于${target.unit}${target.fiscal_year}年度`);
    expect(memo).toContain('复核意见');
    expect(memo).toContain('经核对原表，情况属实');
    if (target.self_score !== null) expect(memo).toContain(`复核得分：${Math.round((Number(target.self_score) - 2.5) * 100) / 100}`);
    for (const f of flags) {
      const message = maskPersonalNumbers(String(f.message));
      if (f === dismissedA || f === dismissedB) expect(memo).not.toContain(message);
      else expect(memo).toContain(message);
    }
    expect(memo).not.toContain('不构成问题');
    expect(memo).toContain('复核人（签字）');

    const all = join(dir, 'memos');
    const written = await writeAllMemos(db, all);
    const reports = await query(db, 'select report_id from report_summary order by report_id');
    expect(written).toBe(reports.length);
    expect(readdirSync(all).sort()).toEqual(reports.map((r) => `${r.report_id}.docx`));
  }, 120_000);
});
