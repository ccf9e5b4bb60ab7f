import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../pipeline/config.ts';
import { build } from '../../pipeline/jobs/build.ts';
import { buildSite } from '../../pipeline/jobs/site.ts';
import { openWarehouse, type PlainRow } from '../../pipeline/load/query.ts';
import { exportReviewSheet } from '../../pipeline/reviews/export.ts';
import { COLUMNS } from '../../pipeline/reviews/sheet.ts';
import { haveChromium, openSite, type SiteInBrowser } from '../helpers/browser.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

/**
 * Review decisions on the built site, in chromium: the unit page shows each flag's status,
 * deduction and comment, the review score and the unit's reports across years; the anomalies
 * page filters by status; the overview counts flags by status. Data: a generated corpus (units
 * with four fiscal years each) and a review sheet filled as a reviewer would.
 */

const haveBrowser = haveChromium();
const col = (key: string) => COLUMNS.findIndex((c) => c.key === key) + 1;

describe.skipIf(!haveBrowser)('review decisions on the site', () => {
  let site: SiteInBrowser;
  let target: PlainRow;
  let years: PlainRow[];
  let decided: { key: string; status: string }[];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-site-reviews-'));
    const corpus = join(dir, 'corpus');
    const generated = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'pipeline/corpus/main.ts'), '--reports', '40', '--out', corpus, '--seed', '11', '--anomaly-share', '0.5'],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(generated.status, generated.stderr).toBe(0);
    const reviews = join(dir, 'reviews');
    mkdirSync(reviews);
    const db = join(dir, 'w.duckdb');
    const config = configSchema.parse({});
    const input = join(corpus, 'reports');
    expect((await build({ input, db, config, reviews })).status).toBe('ok');

    // a unit with several years whose current report has at least three flags
    const w = await openWarehouse(db);
    try {
      [target] = await w.query(`select s.report_id, s.unit, s.unit_key, s.fiscal_year, s.self_score from report_summary s
        where s.flags >= 3 and s.self_score is not null and (select count(*) from report_summary o where o.unit_key = s.unit_key) >= 3
        order by s.flags desc, s.report_id limit 1`);
      expect(target).toBeDefined();
      years = await w.query(`select fiscal_year from report_summary where unit_key = '${target.unit_key}' order by fiscal_year`);
      const flags = await w.query(`select flag_key from anomalies where report_id = '${target.report_id}' order by flag_key limit 3`);
      decided = [
        { key: String(flags[0].flag_key), status: '属实' },
        { key: String(flags[1].flag_key), status: '误报' },
        { key: String(flags[2].flag_key), status: '已整改' },
      ];
    } finally {
      w.close();
    }
    const sheetFile = join(dir, 'sheet.xlsx');
    await exportReviewSheet(db, sheetFile);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(sheetFile);
    workbook.getWorksheet('复核')!.eachRow((row, n) => {
      const d = decided.find((x) => x.key === row.getCell(col('flag_key')).value);
      if (n === 1 || !d) return;
      row.getCell(col('status')).value = d.status;
      row.getCell(col('deduction')).value = d.status === '属实' ? 4 : null;
      row.getCell(col('comment')).value = `复核意见：${d.status}`;
      row.getCell(col('reviewer')).value = '李复核';
      row.getCell(col('reviewed_at')).value = '2026-12-01';
    });
    await workbook.xlsx.writeFile(join(reviews, 'filled.xlsx'));
    expect((await build({ input, db, config, reviews })).status).toBe('ok');

    const out = join(dir, 'dist');
    await buildSite(db, out);
    site = await openSite(out);
  }, 300_000);

  afterAll(async () => {
    await site?.close();
  });

  it('shows each flag status, deduction, comment and the review score on the unit page, and the years of the unit', async () => {
    const page = await site.open(`unit.html?id=${target.report_id}`);
    await page.locator('#unit-flags').waitFor();
    // flags of one rule on one table are folded into one line: unfold them as a reader would
    await page.locator('#unit-flags details').evaluateAll((ds) => ds.forEach((d) => d.setAttribute('open', '')));
    for (const d of decided) {
      const row = page.locator(`[id="flag-${d.key}"]`);
      await expect(row.innerText()).resolves.toContain(d.status);
      await expect(row.innerText()).resolves.toContain(`复核意见：${d.status}`);
    }
    await expect(page.locator(`[id="flag-${decided[0].key}"]`).innerText()).resolves.toContain('扣 4 分');
    await expect(page.locator('#review-score-value').innerText()).resolves.toBe(String(Math.round((Number(target.self_score) - 4) * 100) / 100));
    await expect(page.locator('#memo').innerText()).resolves.toContain(`npx jixiao memo --report ${target.report_id}`);
    // year over year: one row per current report of the unit, in year order
    const yearCells = await page.locator('#unit-years tbody tr td:first-child').allInnerTexts();
    expect(yearCells.map((t) => Number(t.trim()))).toEqual(years.map((y) => Number(y.fiscal_year)));
    await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'screenshots', 'unit-reviews.png'), fullPage: true });
    await page.close();
    expect(site.problems).toEqual([]);
  }, 60_000);

  it('filters the anomalies page by review status and counts statuses on the overview', async () => {
    const page = await site.open(`anomalies.html?status=${encodeURIComponent('属实')}`);
    await page.locator('#flag-count').waitFor();
    // the count settles once the shards the filter needs have loaded
    await expect.poll(() => page.locator('#flag-count b').innerText(), { timeout: 20_000 }).toBe('1');
    const table = await page.locator('table').last().innerText();
    expect(table).toContain(String(target.unit));
    expect(table).toContain('扣 4 分');
    await page.close();
    const all = await site.open('anomalies.html');
    await all.locator('#flag-count').waitFor();
    await expect.poll(() => all.locator('#flag-count b').innerText(), { timeout: 20_000 }).not.toBe('0');
    const total = Number((await all.locator('#flag-count b').innerText()).replace(/,/g, ''));
    await all.close();
    const dismissed = await site.open(`anomalies.html?status=${encodeURIComponent('误报')}`);
    await dismissed.locator('#flag-count').waitFor();
    await expect.poll(() => dismissed.locator('#flag-count b').innerText(), { timeout: 20_000 }).toBe('1');
    await dismissed.close();

    const overview = await site.open('index.html');
    await overview.locator('#review-counts').waitFor();
    const count = (s: string) => overview.locator(`#review-counts [data-status="${s}"]`).innerText();
    await expect(count('属实')).resolves.toBe('1');
    await expect(count('误报')).resolves.toBe('1');
    await expect(count('已整改')).resolves.toBe('1');
    await expect(count('待复核').then((t) => Number(t.replace(/,/g, '')))).resolves.toBe(total - 3);
    await expect(overview.locator('#region-year').innerText()).resolves.toContain('合计');
    await overview.close();
    expect(site.problems).toEqual([]);
  }, 60_000);
});
