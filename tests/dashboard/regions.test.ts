import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../pipeline/config.ts';
import { build } from '../../pipeline/jobs/build.ts';
import { buildSite } from '../../pipeline/jobs/site.ts';
import { openWarehouse, type PlainRow, type Warehouse } from '../../pipeline/load/query.ts';
import { haveChromium, openSite, type SiteInBrowser } from '../helpers/browser.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

/**
 * The region pages in chromium, on a generated corpus (five counties, units reporting four fiscal years) with two
 * constructed cases: one unit's report of the latest year removed from the folder (it reported last
 * year, not this year), and one report of the same region written without its city (株洲市X区 → X区),
 * which the page must count as the same region (containment). Every figure is compared with a query
 * on the warehouse. The site is built with every fetch failing, as on a machine with no network.
 */

const haveBrowser = haveChromium();
const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'screenshots');
const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

describe.skipIf(!haveBrowser)('region pages', () => {
  let site: SiteInBrowser;
  let warehouse: Warehouse;
  let dir = '';
  /** the region of the constructed cases: its full spelling, the short one, the latest year */
  let full = '';
  let short = '';
  let year = 0;
  let removed: PlainRow;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-site-regions-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    const corpus = join(dir, 'corpus');
    const generated = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'pipeline/corpus/main.ts'), '--reports', '60', '--out', corpus, '--seed', '7', '--anomaly-share', '0.5', '--county'],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(generated.status, generated.stderr).toBe(0);
    const input = join(corpus, 'reports');
    const db = join(dir, 'w.duckdb');
    const config = configSchema.parse({});
    expect((await build({ input, db, config, cacheDir: null })).status).toBe('ok');

    // a unit written with its city that reported the latest year and the year before: remove its latest report
    let w = await openWarehouse(db);
    try {
      [removed] = await w.query(`
        with latest as (select max(fiscal_year) as y from report_summary)
        select s.report_id, s.unit_key, s.unit, s.region, s.fiscal_year, r.path from report_summary s join reports r using (report_id), latest
        where s.fiscal_year = latest.y and s.region like '%市%区'
          and exists (select 1 from report_summary p where p.unit_key = s.unit_key and p.fiscal_year = latest.y - 1)
          and (select count(*) from report_summary o where o.unit_key = s.unit_key and o.fiscal_year = latest.y) = 1
          and (select count(distinct unit_key) from report_summary o where o.region = s.region and o.fiscal_year = latest.y) >= 2
        order by s.region, s.unit_key limit 1`);
      expect(removed, 'the corpus has a unit reporting two years in a region written with its city').toBeDefined();
    } finally {
      w.close();
    }
    full = String(removed.region);
    short = full.replace(/^.*?市/, '');
    year = Number(removed.fiscal_year);
    rmSync(join(input, String(removed.path)));
    expect((await build({ input, db, config, cacheDir: null })).status).toBe('ok');

    // one other report of that region and year written without the city
    const edit = await DuckDBInstance.create(db);
    const e = await edit.connect();
    const other = (await e.runAndReadAll(`select report_id from report_summary where region = ${sqlText(full)} and fiscal_year = ${year} order by report_id limit 1`)).getRows();
    expect(other.length).toBe(1);
    for (const table of ['reports', 'report_summary']) await e.run(`update ${table} set region = ${sqlText(short)} where report_id = ${sqlText(String(other[0][0]))}`);
    e.closeSync();
    edit.closeSync();

    w = await openWarehouse(db);
    warehouse = w;
    const out = join(dir, 'dist');
    // built as on a machine with no network: any fetch (a registry or CDN) fails the build
    const nodeOptions = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${nodeOptions ?? ''} --import=${join(REPO_ROOT, 'tests', 'helpers', 'no-network.mjs')}`.trim();
    try {
      await buildSite(db, out);
    } finally {
      if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = nodeOptions;
    }
    site = await openSite(out);
  }, 400_000);

  afterAll(async () => {
    await site?.close();
    warehouse?.close();
  });

  const text = (page: Page, selector: string) => page.locator(selector).innerText().then((t) => t.trim());
  /** the number a text starts with ("1,234 份…" → 1234) */
  const int = (t: string) => Number(/^[\d,]+/.exec(t.trim())?.[0].replace(/,/g, '') ?? NaN);

  it('shows a region\'s reports, share flagged, overspend, average self-score and grades as the warehouse has them, both spellings counted', async () => {
    const inRegion = `region in (${sqlText(full)}, ${sqlText(short)}) and fiscal_year = ${year}`;
    const [expected] = await warehouse.query(`
      select count(*) as reports, count(*) filter (where flags > 0) as flagged, count(*) filter (where critical_flags > 0) as critical,
             count(*) filter (where actual > initial_budget and initial_budget is not null) as over,
             sum(round(actual - initial_budget, 2)) filter (where actual > initial_budget and initial_budget is not null) as over_total,
             avg(self_score) as average,
             count(*) filter (where self_score >= 90) as g1, count(*) filter (where self_score >= 80 and self_score < 90) as g2,
             count(*) filter (where self_score >= 60 and self_score < 80) as g3, count(*) filter (where self_score < 60) as g4,
             count(*) filter (where self_score is null) as g5
      from report_summary where ${inRegion}`);
    expect(Number(expected.reports)).toBeGreaterThanOrEqual(2);
    // the short spelling leads to the same page as the full one, and so does a spelling no report
    // wrote that contains it (with the province)
    for (const spelling of [short, `湖南省${full}`, full]) {
      const page = await site.open(`region.html?${new URLSearchParams({ region: spelling, year: String(year) })}`);
      await page.locator('#region-reports').waitFor();
      await expect(text(page, '#region-name')).resolves.toBe(full);
      await expect(text(page, '#region-spellings')).resolves.toContain(short);
      expect(int(await text(page, '#region-reports'))).toBe(Number(expected.reports));
      expect(int(await text(page, '#region-flagged'))).toBe(Number(expected.flagged));
      expect(int(await text(page, '#region-critical'))).toBe(Number(expected.critical));
      expect(await text(page, '#region-flagged-share')).toBe(
        `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 }).format((100 * Number(expected.flagged)) / Number(expected.reports))}%`);
      expect(int(await text(page, '#region-overspend-reports'))).toBe(Number(expected.over));
      const total = await text(page, '#region-overspend-total');
      if (Number(expected.over)) expect(Number(total.replace(/[^0-9.]/g, ''))).toBeCloseTo(Number(expected.over_total), 2);
      else expect(total).toBe('—');
      const average = await text(page, '#region-average-score');
      if (expected.average === null) expect(average).toBe('—');
      else expect(Number(average.replace(/,/g, ''))).toBeCloseTo(Number(expected.average), 2);
      const grades = ['优', '良', '中', '差', '未填'];
      for (const [i, g] of grades.entries()) {
        expect({ grade: g, n: int(await text(page, `#grade-counts [data-grade="${g}"]`)) }).toEqual({ grade: g, n: Number(expected[`g${i + 1}`]) });
      }
      expect(int(await text(page, '#region-list-count'))).toBe(Number(expected.reports));
      // the list links to the unit pages of exactly the region's reports (the table shows up to 30 rows at first)
      const ids = (await warehouse.query(`select report_id from report_summary where ${inRegion} order by report_id`)).map((r) => String(r.report_id));
      const links = await page.locator('a.region-report').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).searchParams.get('id')));
      expect(links.length).toBe(Math.min(30, ids.length));
      for (const id of links) expect(ids).toContain(id);
      if (spelling === full) await page.screenshot({ path: join(SCREENSHOTS, 'region.png'), fullPage: true });
      await page.close();
    }
    expect(site.problems).toEqual([]);
  }, 90_000);

  it('lists the units that reported last year but not this year, the removed one among them, as the warehouse has them', async () => {
    const expected = (await warehouse.query(`
      select distinct p.unit_key from report_summary p
      where p.region in (${sqlText(full)}, ${sqlText(short)}) and p.fiscal_year = ${year - 1} and p.unit_key is not null
        and not exists (select 1 from report_summary c where c.unit_key = p.unit_key and c.fiscal_year = ${year})
      order by 1`)).map((r) => String(r.unit_key));
    expect(expected).toContain(String(removed.unit_key));
    const page = await site.open(`region.html?${new URLSearchParams({ region: full, year: String(year) })}`);
    await page.locator('#missing-units').waitFor();
    const shown = await page.locator('#missing-units tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit-key')));
    expect(shown.sort()).toEqual(expected);
    expect(int(await text(page, '#missing-count'))).toBe(expected.length);
    // each names the unit as last year's report did and links to that report
    const row = page.locator(`#missing-units tbody tr[data-unit-key="${String(removed.unit_key)}"]`);
    const names = (await warehouse.query(`select unit from report_summary where unit_key = ${sqlText(String(removed.unit_key))} and fiscal_year = ${year - 1}`)).map((r) => String(r.unit));
    expect(names).toContain((await row.locator('td').first().innerText()).trim());
    const href = await row.locator('a').getAttribute('href');
    const lastId = new URL(href!, site.base).searchParams.get('id');
    const [last] = await warehouse.query(`select unit_key, fiscal_year from report_summary where report_id = ${sqlText(String(lastId))}`);
    expect({ unit_key: last.unit_key, year: Number(last.fiscal_year) }).toEqual({ unit_key: removed.unit_key, year: year - 1 });
    // the year before, nothing is missing for that unit
    await page.goto(site.base + `region.html?${new URLSearchParams({ region: full, year: String(year - 1) })}`, { waitUntil: 'networkidle' });
    await page.locator('#region-reports').waitFor();
    await expect(page.locator(`#missing-units tbody tr[data-unit-key="${String(removed.unit_key)}"]`).count()).resolves.toBe(0);
    await page.close();
    expect(site.problems).toEqual([]);
  }, 60_000);

  it('is reachable from the overview, the 单位 and 异常 pages and the region index, and writes one bounded file per region', async () => {
    const regionOf = (href: string | null) => new URL(href!, site.base).searchParams.get('region');
    const overview = await site.open('index.html');
    await overview.locator('#region-year').waitFor();
    const fromOverview = await overview.locator('#region-year a.region-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(fromOverview.map(regionOf)).toContain(full);
    await overview.close();

    const units = await site.open(`unit.html?q=${encodeURIComponent(full)}`);
    await units.locator('#report-count').waitFor();
    const unitLinks = await units.locator('#observablehq-main a[href*="region.html?"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(unitLinks.map(regionOf)).toContain(full);
    await units.close();

    // a search that finds nothing says so in Chinese, with what to try instead
    const none = await site.open(`unit.html?q=${encodeURIComponent('无此单位之名')}`);
    await none.locator('#ranking-empty').waitFor();
    expect(await none.locator('#ranking-empty').textContent()).toMatch(/没有符合条件的报告/);
    expect(await none.locator('#ranking').textContent()).not.toMatch(/No results/);
    await none.close();

    const flags = await site.open(`anomalies.html?region=${encodeURIComponent(full)}`);
    await flags.locator('#flag-count').waitFor();
    await expect.poll(() => flags.locator('#observablehq-main a[href*="region.html?"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const flagLinks = await flags.locator('#observablehq-main a[href*="region.html?"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(new Set(flagLinks.map(regionOf))).toEqual(new Set([full]));
    await flags.close();

    // the index: every region once, the two spellings as one, linking to its page
    const index = await site.open('region.html');
    await index.locator('#region-count').waitFor();
    // the corpus's counties have distinct names, so each county-level name (without its city) is one region
    const spellings = (await warehouse.query(`select distinct region from report_summary where region is not null`)).map((r) => String(r.region));
    const counties = new Set(spellings.map((r) => r.replace(/^.*?(省|市|州|盟|地区)(?=.{2,}$)/, '')));
    expect(spellings).toContain(short);
    expect(int(await text(index, '#region-count'))).toBe(counties.size);
    await index.screenshot({ path: join(SCREENSHOTS, 'region-index.png'), fullPage: true });
    await index.close();

    // one file per region, each holding only its own reports
    const files = readdirSync(join(dir, 'dist', 'shards', 'regions'));
    expect(files.length).toBe(counties.size);
    const total = files.reduce((n, f) => n + JSON.parse(readFileSync(join(dir, 'dist', 'shards', 'regions', f), 'utf8')).reports.rows.length, 0);
    const [{ placed }] = await warehouse.query(`select count(*) as placed from report_summary where region is not null`);
    expect(total).toBe(Number(placed));
    expect(site.problems).toEqual([]);
  }, 90_000);

  it('shows no rule id, snake_case key or English word in the region pages\' visible text outside <code>', async () => {
    const ids = (await warehouse.query('select rule_id from rules')).map((r) => String(r.rule_id));
    const found: string[] = [];
    for (const path of ['region.html', `region.html?region=${encodeURIComponent(full)}`, `region.html?region=${encodeURIComponent(full)}&year=all`, 'region.html?region=nowhere']) {
      const page = await site.open(path);
      await page.locator('h1').first().waitFor();
      await page.waitForTimeout(300);
      const visible = await page.evaluate(() => {
        const parts: string[] = [];
        // the page itself (the sidebar and footer are the same on every page: site.test.ts checks them)
        const walker = document.createTreeWalker(document.querySelector('#observablehq-main') ?? document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!el || el.closest('code, script, style, noscript')) continue;
          if (!el.closest('option') && !el.getClientRects().length) continue;
          parts.push(n.textContent ?? '');
        }
        return parts.join(' ');
      });
      for (const id of ids) if (visible.includes(id)) found.push(`${path}: rule id ${id}`);
      // "nowhere" is the address the page echoes back
      for (const m of visible.replace(/nowhere/g, '').matchAll(/[A-Za-z]{2,}|\b[a-z]+(?:_[a-z]+)+\b/g)) found.push(`${path}: ${m[0]}`);
      await page.close();
    }
    expect(found).toEqual([]);
    expect(site.problems).toEqual([]);
  }, 60_000);
});
