import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openWarehouse, type Warehouse } from '../../pipeline/load/query.ts';
import { buildSite } from '../../pipeline/jobs/site.ts';
import { serveStatic } from '../../pipeline/serve.ts';
import { FLAG_SQL } from '../../pipeline/site-data/flags.ts';
import { FLAG_COLUMNS } from '../../pipeline/site-data/downloads.ts';
import { haveChromium, openSite, type SiteInBrowser } from '../helpers/browser.ts';
import { buildInto } from '../helpers/build.ts';
import { SEVERITIES } from '../../pipeline/models/severity.ts';
import { namesIn } from './severity-names.ts';
import { REPO_ROOT, SEEDS_DIR } from '../helpers/paths.ts';

/**
 * The built site in a real browser: Debian's chromium through playwright-core,
 * dist/ served as plain static files. Every page must load without a console
 * error, a failed request or a request to another host, and show real content.
 */

const INJECTED_MOBILE = '13912345678';
// screenshots of every page, for people to look at (test-results/ is not committed)
const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'screenshots');
const haveBrowser = haveChromium();

describe.skipIf(!haveBrowser)('dashboard in chromium', () => {
  let site: SiteInBrowser;
  let warehouse: Warehouse;
  let out = '';

  beforeAll(async () => {
    const input = mkdtempSync(join(tmpdir(), 'jixiao-site-in-'));
    for (const f of readdirSync(SEEDS_DIR)) copyFileSync(join(SEEDS_DIR, f), join(input, f));
    // a unit name carrying markup must be shown as text, never run
    const hostile = readFileSync(join(SEEDS_DIR, readdirSync(SEEDS_DIR).find((f) => f.startsWith('003'))!), 'utf8').replaceAll(
      '桃源县郑家驿镇人民政府',
      '桃源县郑家驿镇<script>window.__xss=1</script><img/src=x/onerror=window.__xss=2>人民政府',
    );
    // and a personal mobile number, which must leave the warehouse masked
    writeFileSync(join(input, 'hostile.txt'), hostile.replace(/\n/, `\n联系人手机：${INJECTED_MOBILE}\n`));
    const { db } = await buildInto(input);
    warehouse = await openWarehouse(db);
    out = mkdtempSync(join(tmpdir(), 'jixiao-site-out-'));
    await buildSite(db, out);
    site = await openSite(out);
  }, 240_000);

  afterAll(async () => {
    await site?.close();
    warehouse?.close();
  });

  const reportId = async (filePrefix: string) =>
    String((await warehouse.query(`select report_id from reports where file_name like '${filePrefix}%'`))[0].report_id);

  it('opens every page without errors or outside requests, within the window, and screenshots it', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const pages: [string, string][] = [
      ['overview', 'index.html'],
      ['anomalies', 'anomalies.html'],
      ['unit-index', 'unit.html'],
      ['unit-longtan', `unit.html?id=${await reportId('000')}`],
      ['unit-hostile', `unit.html?id=${await reportId('hostile')}`],
      ['rules', 'rules.html'],
      ['quality', 'quality.html'],
      ['sql', 'sql.html'],
    ];
    const overflow: string[] = [];
    for (const [name, path] of pages) {
      const page = await site.open(path);
      await page.locator('h1').first().waitFor();
      await page.waitForTimeout(200);
      // nothing pushes the page sideways, and no chart is wider than the column it sits in
      const wide = await page.evaluate(() => {
        const found: string[] = [];
        const main = document.querySelector('#observablehq-main') ?? document.body;
        if (document.documentElement.scrollWidth > window.innerWidth + 1) found.push(`page ${document.documentElement.scrollWidth}px wide`);
        const limit = main.getBoundingClientRect().right + 1;
        for (const svg of Array.from(main.querySelectorAll('svg'))) {
          const box = svg.getBoundingClientRect();
          if (box.width > 40 && box.right > limit) found.push(`chart to ${Math.round(box.right)}px past ${Math.round(limit)}px`);
        }
        return found;
      });
      overflow.push(...wide.map((w) => `${path}: ${w}`));
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
      await page.close();
    }
    expect(site.problems).toEqual([]);
    expect(overflow).toEqual([]);
  });

  it('masks personal mobile numbers on every page and in every file of the site', async () => {
    const seedMobile = '17700593679'; // a mobile number printed in one of the sample reports
    const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    for (const path of files) {
      const rel = path.slice(out.length + 1);
      const bytes = readFileSync(path);
      // .xlsx downloads are zip files: their sheets are read inside
      const texts = bytes.subarray(0, 2).toString() === 'PK'
        ? await Promise.all(Object.values((await JSZip.loadAsync(bytes)).files).filter((e) => !e.dir).map((e) => e.async('string')))
        : [bytes.toString('utf8')];
      for (const text of texts) {
        expect(text, rel).not.toContain(seedMobile);
        expect(text, rel).not.toContain(INJECTED_MOBILE);
      }
    }
    expect(files.length).toBeGreaterThan(10);
    const shown: string[] = [];
    for (const path of ['index.html', 'anomalies.html', `unit.html?id=${await reportId('002')}`, `unit.html?id=${await reportId('hostile')}`]) {
      const page = await site.open(path);
      await page.waitForTimeout(300);
      const text = await page.locator('body').innerText();
      expect(text, path).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
      shown.push(text);
      await page.close();
    }
    // the numbers are still reported, masked
    expect(shown.join('\n')).toContain('139****5678');
  });

  it('shows the warehouse counts on the overview', async () => {
    const page = await site.open('index.html');
    const [counts] = await warehouse.query(`select
      (select count(*) from reports where superseded_by is null) as reports,
      (select count(distinct unit_key) from reports where superseded_by is null) as units,
      (select count(*) from anomalies) as flags,
      (select count(*) from anomalies where severity = 'critical') as critical`);
    const text = async (id: string) => (await page.locator(`#${id}`).innerText()).replace(/[,\s]/g, '');
    expect(await text('count-reports')).toBe(String(counts.reports));
    expect(await text('count-units')).toBe(String(counts.units));
    expect(await text('count-flags')).toBe(String(counts.flags));
    expect(await text('count-critical')).toBe(String(counts.critical));
    expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it('shows 龙潭镇 with its 5.93× flag and nine indicator rows', async () => {
    const page = await site.open(`unit.html?id=${await reportId('000')}`);
    await expect(page.locator('#unit-title').innerText()).resolves.toContain('龙潭镇');
    await expect(page.locator('#unit-flags').innerText()).resolves.toContain('5.93倍');
    expect(await page.locator('tr.indicator-row').count()).toBe(9);
    await expect(page.locator('#indicator-count').innerText()).resolves.toBe('9');
    await page.close();
  });

  it('finds every flag containing a two-character place name, filters, keeps the filters in the URL, and exports exactly the rows shown', async () => {
    const term = '渌口';
    // what the search must find: every flag with the term in one of the fields it searches
    const searched = `concat_ws(' ', unit, region, project, subject, message, evidence, place, rule_title) like '%${term}%'`;
    const expected = await warehouse.query(`select key from (${FLAG_SQL}) where ${searched}`);
    expect(expected.length).toBeGreaterThan(5);
    const page = await site.open('anomalies.html');
    await page.getByLabel('搜索').fill(term);
    await page.waitForTimeout(400);
    const count = async (p: Page) => Number((await p.locator('#flag-count b').innerText()).replace(/[,\s]/g, ''));
    expect(await count(page)).toBe(expected.length);
    // narrowed to 严重 in one region: the URL keeps all three, and the export holds exactly the rows shown
    const [{ region }] = await warehouse.query(`select region from (${FLAG_SQL}) where severity = 'critical' and ${searched} limit 1`);
    await page.locator('select').nth(1).selectOption({ label: '严重' });
    await page.locator('select').nth(2).selectOption({ label: String(region) });
    await page.waitForTimeout(400);
    const narrowed = await warehouse.query(`select key from (${FLAG_SQL}) where severity = 'critical' and region = '${region}' and ${searched} order by key`);
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.length).toBeLessThan(expected.length);
    expect(await count(page)).toBe(narrowed.length);
    const url = new URL(page.url());
    expect([url.searchParams.get('q'), url.searchParams.get('severity'), url.searchParams.get('region')]).toEqual([term, 'critical', region]);
    const shownKeys = (await page.locator('form table a.place').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).hash.replace('#flag-', '')))).sort();
    expect(shownKeys).toEqual(narrowed.map((r) => r.key));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-xlsx').click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.worksheets[0];
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(FLAG_COLUMNS.map((c) => c.header));
    const keyCol = headers.indexOf('标记键') + 1;
    const exported: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) exported.push(String(row.getCell(keyCol).value));
    });
    expect(exported.sort()).toEqual(narrowed.map((r) => r.key));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(2).getCell(headers.indexOf('严重程度') + 1).value).toBe('严重');
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
    const csv = readFileSync((await csvDownload.path())!, 'utf8');
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.trim().split('\r\n').length).toBe(narrowed.length + 1);
    await page.close();
    // the same address opens the same selection
    const again = await site.open(url.pathname.slice(1) + url.search);
    await again.waitForTimeout(400);
    expect(await count(again)).toBe(narrowed.length);
    await again.close();
  });

  it('lists rule, region and unit options in pinyin order', async () => {
    const page = await site.open('anomalies.html');
    const collator = new Intl.Collator('zh-u-co-pinyin');
    for (const n of [0, 2, 4]) {
      const shown = (await page.locator('select').nth(n).locator('option').allInnerTexts()).slice(1);
      expect(shown.length).toBeGreaterThan(2);
      expect(shown).toEqual([...shown].sort(collator.compare));
    }
    await page.close();
  });

  it('opens a prose flag at its place and shows the flagged sentence highlighted in the report text', async () => {
    const [flag] = await warehouse.query(`select key, id, place, evidence from (${FLAG_SQL}) where text_offset is not null and rule = 'score_exceeds_weight' limit 1`);
    expect(String(flag.place)).toMatch(/第\d+段/);
    const page = await site.open('anomalies.html?rule=score_exceeds_weight');
    await page.locator(`form table a.place[href*="${flag.key}"]`).click();
    await page.waitForURL(/unit\.html/);
    const mark = page.locator(`#text-${flag.key}`);
    await mark.waitFor();
    await page.waitForTimeout(300);
    expect(await mark.evaluate((el) => el.classList.contains('focus'))).toBe(true);
    const sentence = await mark.innerText();
    expect(sentence.length).toBeGreaterThan(10);
    expect(String(flag.evidence)).toContain(sentence.replace(/[。；]$/, '').slice(0, 20));
    const box = await mark.boundingBox();
    expect(box !== null && box.y >= 0 && box.y < 1000).toBe(true);
    // the paragraph it stands in carries the number the place gives
    const paragraph = String(flag.place).match(/第(\d+)段/)![1];
    expect(await mark.evaluate((el) => el.closest('p')?.id)).toBe(`para-${paragraph}`);
    await page.close();
  });

  it('offers every flag as CSV and Excel files', async () => {
    const page = await site.open('anomalies.html');
    const [{ n }] = await warehouse.query('select count(*) as n from anomalies');
    for (const id of ['download-all-csv', 'download-all-xlsx']) {
      const href = await page.locator(`#${id}`).getAttribute('href');
      const response = await page.request.get(new URL(href!, site.base).href);
      expect(response.status()).toBe(200);
      const body = await response.body();
      if (id === 'download-all-csv') {
        expect(body.toString('utf8')).toContain('渌口区委办公室');
        expect(body.toString('utf8').trim().split('\r\n').length).toBe(Number(n) + 1);
      } else {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
        expect(workbook.worksheets.map((w) => w.name)).toEqual(['汇总', '标记', '读取失败']);
        expect(workbook.getWorksheet('标记')!.rowCount).toBe(Number(n) + 1);
      }
    }
    await page.close();
  });

  it('shows no rule id, parameter key or English severity in any page\'s visible text outside <code> (SQL guide excepted)', async () => {
    const ids = (await warehouse.query('select rule_id from rules')).map((r) => String(r.rule_id));
    const pages = ['index.html', 'anomalies.html', 'unit.html', `unit.html?id=${await reportId('000')}`, `unit.html?id=${await reportId('004')}`, 'rules.html', 'quality.html'];
    const found: string[] = [];
    for (const path of pages) {
      const page = await site.open(path);
      await page.locator('h1').first().waitFor();
      await page.waitForTimeout(300);
      const text = await page.evaluate(() => {
        const parts: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!el || el.closest('code, script, style, noscript')) continue;
          if (!el.closest('option') && !el.getClientRects().length) continue;
          parts.push(n.textContent ?? '');
        }
        return parts.join(' ');
      });
      for (const id of ids) if (text.includes(id)) found.push(`${path}: rule id ${id}`);
      for (const m of text.matchAll(/\b(critical|warning|info|ok|failed|department|project)\b|\b[a-z]+(?:_[a-z]+)+\b/gi)) found.push(`${path}: ${m[0]}`);
      await page.close();
    }
    expect(found).toEqual([]);
  });

  it('prints a unit page to PDF without the sidebar, its toggle glyph or the page footer', async () => {
    const page = await site.open(`unit.html?id=${await reportId('000')}`);
    await page.locator('#unit-title').waitFor();
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() =>
      ['#observablehq-sidebar', '#observablehq-sidebar-toggle', '#observablehq-sidebar-backdrop', '#observablehq-sidebar-close', '#observablehq-footer']
        .map((s) => document.querySelector(s))
        .filter((el): el is Element => el !== null)
        .filter((el) => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0)
        .map((el) => el.id),
    );
    expect(shown).toEqual([]);
    expect(await page.locator('.print-header').isVisible()).toBe(true);
    expect(await page.locator('.print-header').innerText()).toContain('龙潭镇');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync(join(SCREENSHOTS, 'unit-print.pdf'), pdf);
    await page.close();
  });

  it('opens rules.html#<rule> at that rule', async () => {
    const page = await site.open('rules.html#sum_mismatch');
    const row = page.locator('tr#sum_mismatch');
    await row.waitFor();
    await page.waitForTimeout(300);
    const box = await row.boundingBox();
    expect(box !== null && box.y >= 0 && box.y < 400).toBe(true);
    await page.close();
  });

  it('shows a unit name with <script> and <img onerror> as text, never runs it', async () => {
    for (const path of ['index.html', 'anomalies.html', `unit.html?id=${await reportId('hostile')}`]) {
      const page = await site.open(path);
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.locator('body').innerText()).toContain('<script>');
      await page.close();
    }
  });

  it('takes every severity name, order, colour, priority weight and light from severities.json: changed there, changed on every page', async () => {
    // a copy of the site whose severity definition says other names and colours
    const renamed = mkdtempSync(join(tmpdir(), 'jixiao-site-severities-'));
    cpSync(out, renamed, { recursive: true });
    const dataDir = join(renamed, '_file', 'data');
    const file = readdirSync(dataDir).find((f) => /^severities\.[^.]+\.json$/.test(f));
    expect(file).toBeDefined();
    const defined = JSON.parse(readFileSync(join(dataDir, file!), 'utf8')) as {
      severity: string; severity_rank: number; severity_zh: string; severity_color: string; priority_weight: number; light: string;
    }[];
    expect(defined.map((s) => s.severity)).toEqual(SEVERITIES.map((s) => s.severity));
    expect(defined.map((s) => s.severity_color)).toEqual(SEVERITIES.map((s) => s.color));
    expect(defined.map((s) => [s.priority_weight, s.light])).toEqual(SEVERITIES.map((s) => [s.priorityWeight, s.light]));
    const names = ['甲等', '乙等', '丙等'];
    const colours = ['#123456', '#345678', '#56789a'];
    const weights = [7, 1000, 3];
    const lights = ['紫', '蓝', '白'];
    writeFileSync(
      join(dataDir, file!),
      JSON.stringify(defined.map((s, i) => ({ ...s, severity_zh: names[i], severity_color: colours[i], priority_weight: weights[i], light: lights[i] }))),
    );
    const renamedServer = await serveStatic(renamed, 0);
    const renamedBase = `http://127.0.0.1:${(renamedServer.address() as AddressInfo).port}/`;
    const stock = SEVERITIES.map((s) => s.nameZh);
    const found: string[] = [];
    try {
      const pages = ['index.html', 'anomalies.html', 'unit.html', `unit.html?id=${await reportId('000')}`, 'region.html', `region.html?region=${encodeURIComponent(String((await warehouse.query('select region from report_summary where region is not null limit 1'))[0].region))}&year=all`, 'rules.html'];
      for (const path of pages) {
        const page = await site.browser.newPage({ viewport: { width: 1400, height: 1000 } });
        await page.goto(renamedBase + path, { waitUntil: 'networkidle' });
        await page.locator('h1').first().waitFor();
        await page.waitForTimeout(300);
        // what the page itself writes: headers, labels, badges, cards, legends and its own paragraphs
        // (not the table cells, where flag messages and the report's text are data)
        const { text, badges } = await page.evaluate(() => {
          const own = Array.from(document.querySelectorAll('th, label, option, .sev, .card h2, .card small, [class*="swatch"], #observablehq-main p'))
            .filter((el) => !el.closest('td, .report-text'))
            .map((el) => (el as HTMLElement).innerText);
          const sev = Array.from(document.querySelectorAll('.sev[data-severity]')).map((el) => ({
            severity: (el as HTMLElement).dataset.severity!,
            name: el.textContent ?? "",
            colour: getComputedStyle(el).backgroundColor,
          }));
          return { text: own.join('\n'), badges: sev };
        });
        for (const name of stock) for (const at of namesIn(text, name)) found.push(`${path}: ${name} in “${text.slice(Math.max(0, at - 12), at + 8)}”`);
        for (const b of badges) {
          const i = defined.findIndex((s) => s.severity === b.severity);
          const [r, g, bl] = [1, 3, 5].map((k) => parseInt(colours[i].slice(k, k + 2), 16));
          if (b.name !== names[i] || b.colour !== `rgb(${r}, ${g}, ${bl})`) found.push(`${path}: badge ${b.severity} “${b.name}” ${b.colour}`);
        }
        // the page wrote the new names itself: its headers and prose (overview, ranking), its badges (overview, rules)
        if (['index.html', 'unit.html'].includes(path)) expect(text, path).toContain(names[0]);
        // the priority formula (overview, ranking) and the rule of the light (ranking) by the new weights and lights
        if (['index.html', 'unit.html'].includes(path)) expect(text, path).toContain('甲等 × 7 + 乙等 × 1000 + 丙等 × 3');
        if (path === 'unit.html') expect(text, path).toContain('紫灯：有甲等标记；蓝灯：有乙等标记；白灯：其余');
        if (['index.html', 'rules.html'].includes(path)) expect(badges.length, path).toBeGreaterThanOrEqual(3);
        await page.close();
      }
    } finally {
      renamedServer.close();
    }
    expect(found).toEqual([]);
  });

  it('names an export by its selection, keeps the region search in the address and explains an empty selection', async () => {
    const [{ rule, title, region }] = await warehouse.query(`select rule, rule_title as title, region from (${FLAG_SQL}) where region is not null limit 1`);
    const page = await site.open(`anomalies.html?${new URLSearchParams({ rule: String(rule), region: String(region), q: '渌口' })}`);
    await page.locator('#export-csv').waitFor();
    await page.waitForTimeout(300);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
    expect(csv.suggestedFilename()).toBe(`异常标记-${title}-${region}-渌口.csv`);
    await page.getByLabel('搜索').fill('没有这样的地名');
    await page.waitForTimeout(400);
    await expect(page.locator('#flags-empty').innerText()).resolves.toContain('没有这样的地名');
    expect(await page.locator('body').innerText()).not.toContain('No results');
    await page.close();
    const regions = await site.open('region.html');
    await regions.getByLabel('搜索').fill('没有这样的区');
    await regions.waitForTimeout(400);
    expect(new URL(regions.url()).searchParams.get('q')).toBe('没有这样的区');
    await expect(regions.locator('#regions-empty').innerText()).resolves.toContain('没有这样的区');
    await regions.close();
  });

  it('saw no console error, failed request or outside request on any page above', () => {
    expect(site.problems).toEqual([]);
  });
});
