/**
 * Search on a site deployed under a sub-path (BASE_PATH=/register/): the index, the page script and the result links
 * all carry the base, and nothing is requested outside it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './helpers/browser.ts';
import { type BuiltSite, buildSite } from './helpers/build.ts';
import { type Served, serve } from './helpers/serve.ts';

const BASE = '/register/';
let site: BuiltSite;
let server: Served;
let browser: Browser;

beforeAll(async () => {
  site = buildSite({ base: BASE, mode: 'fixture' });
  server = await serve(site.dist, BASE);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe(`search under ${BASE}`, () => {
  it('finds a record and links to it under the base path', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${server.url}search/?q=${encodeURIComponent('甜甜圈')}`);
    await page.waitForFunction(() =>
      /找到|没有找到/.test(document.querySelector('[data-status]')?.textContent ?? ''),
    );
    const hrefs = await page.$$eval('[data-results] h3 a', (as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([`${BASE}institutions/52420112ma3eyudg6b/`]);
    await page.click('[data-results] h3 a');
    await page.waitForURL(/52420112ma3eyudg6b/);
    expect(await page.textContent('h1')).toContain('甜甜圈');
    expect(server.misses).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
