/**
 * The site deployed under a sub-path (BASE_PATH=/register/): every internal link, stylesheet and script carries the
 * prefix and resolves, and pages load with their styles.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteData } from '../../src/lib/domain/schemas.ts';
import { launch } from './helpers/browser.ts';
import { type BuiltSite, buildSite } from './helpers/build.ts';
import { links, listFiles, pagePath, read, resolvesInDist } from './helpers/dist-files.ts';
import { type Served, serve } from './helpers/serve.ts';

const BASE = '/register/';
let site: BuiltSite;
let server: Served;

beforeAll(async () => {
  site = buildSite({ base: BASE, mode: 'fixture' });
  server = await serve(site.dist, BASE);
});
afterAll(async () => {
  await server?.close();
});

describe(`site under ${BASE}`, () => {
  it('links only inside the base path, and every link resolves', () => {
    const outside: string[] = [];
    const broken: string[] = [];
    for (const file of listFiles(site.dist, '.html')) {
      for (const url of links(read(file))) {
        if (!url.startsWith('/') || url.startsWith('//')) continue;
        if (!url.startsWith(BASE)) outside.push(`${pagePath(site.dist, file)} → ${url}`);
        else if (!resolvesInDist(site.dist, BASE, url)) broken.push(`${pagePath(site.dist, file)} → ${url}`);
      }
    }
    expect(outside).toEqual([]);
    expect(broken).toEqual([]);
  });

  it('serves an institution page with its stylesheet and canonical URL under the base path', async () => {
    const data = JSON.parse(readFileSync(site.dataFile, 'utf8')) as SiteData;
    const inst = data.institutions[0];
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const failed: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) failed.push(r.url());
      });
      await page.goto(`${server.url}institutions/${inst?.id}/`);
      expect(failed).toEqual([]);
      const bg = await page.locator('.site-header').evaluate((e) => getComputedStyle(e).backgroundColor);
      expect(bg).not.toBe('rgba(0, 0, 0, 0)');
      const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
      expect(new URL(canonical ?? '').pathname).toBe(`${BASE}institutions/${inst?.id}/`);
    } finally {
      await browser.close();
    }
  });
});
