import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { serveStatic } from '../../pipeline/serve.ts';

/**
 * The built site in a real browser, as the browser tests see it: Debian's chromium through
 * playwright-core, dist/ served as plain static files on a free port. Every page opened records what
 * must never happen: a console error, an uncaught page error, a failed request, an HTTP error and a
 * request to another host (the site must work with no network).
 */

export const CHROMIUM = '/usr/bin/chromium';

/** Whether chromium is installed; in CI a missing browser is an error, elsewhere the tests are skipped. */
export function haveChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const hint = 'browser tests need chromium: apt-get install -y chromium fonts-noto-cjk';
  if (process.env.CI) throw new Error(hint);
  console.warn(`skipping ${hint}`);
  return false;
}

export interface SiteInBrowser {
  /** the address of the served site, ending in `/` */
  base: string;
  /** every problem any opened page had, `path: what` (a test expects it empty) */
  problems: string[];
  /** chromium itself, for a page on another server (a changed copy of the site) */
  browser: Browser;
  /** a new page (1400 × 1000) at `base + path`, once the network is idle */
  open: (path: string) => Promise<Page>;
  close: () => Promise<void>;
}

/** Serves a built site and launches chromium on it. */
export async function openSite(dist: string): Promise<SiteInBrowser> {
  const server: Server = await serveStatic(dist, 0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  let browser: Browser;
  try {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM });
  } catch (err) {
    server.close();
    throw err;
  }
  const problems: string[] = [];
  const open = async (path: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${path}: console error ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${path}: page error ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`${path}: failed ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${path}: HTTP ${r.status()} ${r.url()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push(`${path}: request to another host ${r.url()}`);
    });
    await page.goto(base + path, { waitUntil: 'networkidle' });
    return page;
  };
  return {
    base,
    problems,
    browser,
    open,
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}
