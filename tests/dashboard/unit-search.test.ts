import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildSite } from '../../pipeline/jobs/site.ts';
import { RESULT_ROWS } from '../../dashboard/components/search-index.js';
import { haveChromium, openSite, type SiteInBrowser } from '../helpers/browser.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

/**
 * The 单位 search in chromium on a site of 12,000 constructed reports (long Chinese names, as in the
 * 60,000-report test of report-files.test.ts) beside the test warehouse's own: a unit at the very end
 * of the ranking, past what 1.5 MB of ranking files would reach, is found at once, reading only the
 * search index and the row blocks it shows, never the ranking's files; results in ranking order,
 * paged; the query in the address; the Chinese empty state.
 */

const haveBrowser = haveChromium();
const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'screenshots');
const FAR_UNIT = '鼹鼠岭林场远端管护站';

describe.skipIf(!haveBrowser)('单位 search at 12,000 reports', () => {
  let site: SiteInBrowser;
  let out = '';
  const ranking: { bytes: number; ids: string[] }[] = [];
  let farId = '';

  beforeAll(async () => {
    const work = mkdtempSync(join(tmpdir(), 'jixiao-unit-search-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    const db = join(work, 'warehouse.duckdb');
    copyFileSync(inject('txtWarehouse'), db);
    const instance = await DuckDBInstance.create(db);
    const c = await instance.connect();
    await c.run(`
      insert into report_summary
      select s.* replace (
          md5('search' || k::varchar)[1:16] as report_id,
          r.region || ['龙潭', '白关', '郑家驿', '漆家河', '热市', '茶庵铺'][1 + k % 6] || ((k // 6) % 300)::varchar
            || (case k % 3 when 0 then '镇人民政府' when 1 then '农业农村和水利事务服务中心' else '中心学校（含附属幼儿园及教学点）' end) as unit,
          'search' || k::varchar as unit_key,
          r.region as region,
          2021 + k % 3 as fiscal_year,
          case when k % 4 = 0 then 'project' else 'department' end as kind,
          case when k % 4 = 0 then '农村人居环境整治提升暨高标准农田建设配套资金项目（第' || (k % 7)::varchar || '批）' end as project,
          1 + (k * 7919) % 4 as critical_flags, (k * 104729) % 9 as warning_flags, (k * 31) % 5 as info_flags,
          1 + ((k * 7919) % 4) + ((k * 104729) % 9) + ((k * 31) % 5) as flags,
          100 as initial_budget, 100 + (k % 1013) as actual, 60 + (k % 41) as self_score)
      from (select * from report_summary limit 1) s
      cross join range(12000) t(k)
      cross join lateral (select '湖南省常德市' || ['桃源', '汉寿', '澧县', '临澧', '石门'][1 + k % 5] || (k % 9)::varchar || '县' as region) r`);
    // the far unit: no flags and no overspend, so it ranks after every constructed report
    await c.run(`
      insert into report_summary
      select s.* replace ('ffffeeeeddddcccc' as report_id, '${FAR_UNIT}' as unit, 'far' as unit_key, '湖南省常德市石门县' as region,
        2022 as fiscal_year, 'department' as kind, null as project, 0 as critical_flags, 0 as warning_flags, 0 as info_flags, 0 as flags,
        100 as initial_budget, 90 as actual)
      from (select * from report_summary limit 1) s`);
    c.closeSync();
    instance.closeSync();
    farId = 'ffffeeeeddddcccc';
    out = join(work, 'dist');
    await buildSite(db, out);
    // the ranking as the site has it, file by file
    for (const file of readdirSync(join(out, 'shards', 'triage')).sort()) {
      const { columns, rows } = JSON.parse(readFileSync(join(out, 'shards', 'triage', file), 'utf8')) as { columns: string[]; rows: unknown[][] };
      ranking.push({ bytes: statSync(join(out, 'shards', 'triage', file)).size, ids: rows.map((r) => String(r[columns.indexOf('id')])) });
    }
    site = await openSite(out);
  }, 400_000);

  afterAll(async () => {
    await site?.close();
  });

  /** Bytes and paths of every data response (`_file/`, `shards/`) of a page, from its opening. */
  async function openCounting(path: string) {
    const page = await site.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const responses: { url: string; bytes: number }[] = [];
    page.on('response', async (r) => {
      const url = new URL(r.url());
      if (!/\/(_file|shards)\//.test(url.pathname)) return;
      try {
        responses.push({ url: url.pathname, bytes: (await r.body()).length });
      } catch {
        // a response the page navigated away from: not loaded
      }
    });
    page.on('pageerror', (e) => site.problems.push(`${path}: page error ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') site.problems.push(`${path}: console error ${m.text()}`);
    });
    await page.goto(site.base + path, { waitUntil: 'networkidle' });
    return { page, responses };
  }

  it('finds a unit at the end of the ranking in one step, reading the index and one row block, not the ranking', async () => {
    // where the far unit is, and how far a search of 1.5 MB of ranking files would have read
    const ids = ranking.flatMap((f) => f.ids);
    const farRank = ids.indexOf(farId) + 1;
    let before = 0;
    for (let i = 0, first = 1; i < ranking.length && first + ranking[i].ids.length <= farRank; first += ranking[i++].ids.length) before += ranking[i].bytes;
    expect(farRank).toBeGreaterThan(12_000);
    expect(before).toBeGreaterThan(1_500_000);

    const { page: tab, responses } = await openCounting(`unit.html?q=${encodeURIComponent('鼹鼠岭')}`);
    await tab.locator('#report-count').waitFor();
    expect(await tab.locator('#report-count').innerText()).toMatch(/^1 份报告（含“鼹鼠岭”）/);
    expect(await tab.locator('#search-more').count()).toBe(0);
    const link = tab.locator(`#ranking a[href*="id=${farId}"]`);
    await expect(link.innerText()).resolves.toBe(FAR_UNIT);
    // its rank in the whole ranking
    const rankCell = await tab.locator('#ranking tbody tr').first().locator('td').nth(1).innerText();
    expect(Number(rankCell.replace(/[^0-9]/g, ''))).toBe(farRank);
    await tab.screenshot({ path: join(SCREENSHOTS, 'unit-search-far.png'), fullPage: true });
    const paths = responses.map((r) => r.url);
    expect(paths.filter((p) => p.includes('/shards/triage/'))).toEqual([]);
    expect(paths.filter((p) => p.includes('/shards/search/rows/'))).toHaveLength(1);
    const total = responses.reduce((n, r) => n + r.bytes, 0);
    console.log(`search for the far unit: ${responses.length} data files, ${(total / 1e3).toFixed(0)} KB (ranking files before it: ${(before / 1e6).toFixed(2)} MB)`);
    expect(total).toBeLessThan(2_000_000);
    await tab.close();
  });

  it('pages many matches in ranking order, keeps the query and page in the address, and says so in Chinese when nothing matches', async () => {
    const { page: tab } = await openCounting(`unit.html?q=${encodeURIComponent('龙潭1')}`);
    await tab.locator('#report-count').waitFor();
    const count = await tab.locator('#report-count').innerText();
    const n = Number(count.match(/^([\d,]+) 份报告/)![1].replace(/,/g, ''));
    // 龙潭 is every 6th constructed unit; 龙潭1… are those whose number starts with 1
    expect(n).toBeGreaterThan(2 * RESULT_ROWS);
    expect(count).toMatch(/第 1 \/ \d+ 页/);
    const ranks = async () => (await tab.locator('#ranking tbody tr td:nth-child(2)').allInnerTexts()).map((t) => Number(t.replace(/[^0-9]/g, '')));
    const first = await ranks();
    expect(first).toEqual([...first].sort((a, b) => a - b));
    const units = await tab.locator('#ranking tbody tr td:nth-child(4) a').allInnerTexts();
    for (const u of units) expect(u).toContain('龙潭1');
    await tab.locator('#ranking-next').click();
    await expect.poll(() => tab.locator('#ranking-page').innerText()).toBe('2');
    expect(new URL(tab.url()).searchParams.get('page')).toBe('2');
    expect(new URL(tab.url()).searchParams.get('q')).toBe('龙潭1');
    await tab.screenshot({ path: join(SCREENSHOTS, 'unit-search-pages.png'), fullPage: false });
    const second = await ranks();
    expect(Math.min(...second)).toBeGreaterThan(Math.max(...first));
    await tab.close();

    // typed into the box: the address follows, and a query with no match says so
    const { page: typed } = await openCounting('unit.html');
    await typed.locator('#report-count').waitFor();
    await typed.locator('input[type=text]').first().fill('无此单位之名');
    await typed.locator('#ranking-empty').waitFor();
    expect(await typed.locator('#ranking-empty').innerText()).toMatch(/没有符合条件的报告/);
    expect(new URL(typed.url()).searchParams.get('q')).toBe('无此单位之名');
    await typed.locator('input[type=text]').first().fill('ffffeeee');
    await expect.poll(() => typed.locator('#report-count').innerText()).toMatch(/^1 份报告/);
    await typed.close();
    expect(site.problems).toEqual([]);
  });
});
