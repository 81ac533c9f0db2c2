/**
 * The site deployed under a sub-path (BASE_PATH=/register/): every internal link, stylesheet and script carries the
 * prefix and resolves, and pages load with their styles; the check page finds pdfjs and its CMaps there.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteData } from '../../src/lib/domain/schemas.ts';
import { textPdf } from '../../src/lib/sample/write-pdf.ts';
import { launch } from './helpers/browser.ts';
import { type BuiltSite, buildSite } from './helpers/build.ts';
import { links, listFiles, pagePath, read, resolvesInDist } from './helpers/dist-files.ts';
import { type Served, serve } from './helpers/serve.ts';
import { checkOnPage, formSources, pageProblems } from './validate-page-driver.ts';

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

  it('checks a PDF on 发布前自查, with pdfjs and the CMaps of its Chinese font from under the base path', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'base-path-pdf-'));
    const dir = join(dataDir, 'sources', 'pdf-list');
    mkdirSync(dir, { recursive: true });
    const rows = [['1', '武汉市东西湖区小星星托育中心', '东西湖区金银湖路1号']];
    writeFileSync(
      join(dir, '名单.pdf'),
      textPdf({ title: '名单', header: ['序号', '机构名称', '地址'], rows, widths: [4, 16, 16] }),
    );
    writeFileSync(
      join(dir, 'source.yml'),
      'kind: institutions\nsector: childcare\nlist: 备案\npublisher: 武汉市东西湖区卫生健康局\ntitle: 备案名单\npublished: 2024-04-09\nregion: "420112"\nfiles: [名单.pdf]\n',
    );
    const [src] = formSources(dataDir);
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const fetched: string[] = [];
      page.on('response', (r) => fetched.push(`${r.status()} ${new URL(r.url()).pathname}`));
      await page.goto(`${server.url}validate/`);
      await page.locator('#v-form[data-pdf-ready]').waitFor();
      if (!src) throw new Error('the PDF source is not one the form can express');
      await checkOnPage(page, src, '2026-11-24');
      expect(await pageProblems(page)).toEqual([]);
      expect(await page.locator('#v-counts [data-count="published"] strong').textContent()).toBe('1');
      expect(fetched).toContain(`200 ${BASE}pdfjs/cmaps/UniGB-UCS2-H.bcmap`);
      // Everything the page fetched came from under the base path, and was there.
      expect(fetched.filter((f) => !f.startsWith(`200 ${BASE}`))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
