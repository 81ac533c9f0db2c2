/**
 * The national layer on an index split into many bundles (the sample with SEARCH_SHARD_MAX=12): a name searched with
 * no region cue is answered from the layer's files and the fragments of the records shown — no bundle's page list or
 * index chunk, no Pagefind runtime — and finds the record; the same search with the manifest served without the
 * layer opens bundles and costs more. Bytes are counted from the page's network events.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchManifest } from '../../src/lib/search/search-manifest.ts';
import { launch } from './helpers/browser.ts';
import { type BuiltSite, buildSite } from './helpers/build.ts';
import { settled } from './helpers/search-page.ts';
import { type Served, serve } from './helpers/serve.ts';

let site: BuiltSite;
let manifest: SearchManifest;
let server: Served;
let browser: Browser;

beforeAll(async () => {
  // A cap of 8 makes the sample's everyday words common: a query of one of them pages through its ranked files.
  site = buildSite({ env: { SEARCH_SHARD_MAX: '12', SEARCH_LAYER_CAP: '8' } });
  manifest = JSON.parse(readFileSync(join(site.dist, 'pagefind', 'manifest.json'), 'utf8')) as SearchManifest;
  server = await serve(site.dist, site.base);
  browser = await launch();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Fetched {
  path: string;
  bytes: number;
}

/** Serves the page the search manifest without its national layer: the search as it is without one. */
async function serveWithoutLayer(page: Page): Promise<void> {
  await page.route('**/pagefind/manifest.json', async (route) => {
    const res = await route.fetch();
    const body = { ...((await res.json()) as SearchManifest), national: null };
    await route.fulfill({ response: res, body: JSON.stringify(body) });
  });
}

/** Searches in a fresh page; returns the result ids, the status, and the search files fetched until the results. */
async function search(
  query: string,
  withLayer: boolean,
): Promise<{ keys: string[]; status: string; fetched: Fetched[]; problems: string[] }> {
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  if (!withLayer) await serveWithoutLayer(page);
  const fetched: Fetched[] = [];
  let done = false;
  page.on('requestfinished', async (r) => {
    const path = new URL(r.url()).pathname;
    if (done || !path.includes('/pagefind/')) return;
    const sizes = await r.sizes();
    fetched.push({ path, bytes: sizes.responseBodySize });
  });
  await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}`);
  const status = await settled(page);
  done = true;
  const hrefs = await page.$$eval('[data-results] h3 a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
  await context.close();
  return {
    keys: hrefs.map((h) => /^\/institutions\/([^/]+)\/$/.exec(h)?.[1] ?? h),
    status,
    fetched,
    problems,
  };
}

const total = (f: Fetched[]) => f.reduce((a, x) => a + x.bytes, 0);

describe('a name searched nationally', () => {
  it('is a split index with a national layer', () => {
    expect(manifest.shards.length).toBeGreaterThanOrEqual(5);
    expect(manifest.national?.files).toBeGreaterThan(0);
  });

  it('fetches only the manifest, the layer and the fragments of the records shown, and finds the record', async () => {
    const { keys, status, fetched, problems } = await search('和颐月子', true);
    expect(keys[0]).toBe('91330203ma1fpawd63');
    expect(status).toContain('找到');
    const kinds = new Set(
      fetched.map((f) =>
        f.path.endsWith('/manifest.json')
          ? 'manifest'
          : f.path.includes('/pagefind/national/')
            ? 'layer'
            : f.path.endsWith('.pf_fragment')
              ? 'fragment'
              : f.path,
      ),
    );
    expect([...kinds].sort()).toEqual(['fragment', 'layer', 'manifest']);
    // One fragment per record shown (the layer said which), from the bundles that hold them.
    const fragments = fetched.filter((f) => f.path.endsWith('.pf_fragment'));
    expect(fragments.length).toBe(keys.length);
    expect(problems).toEqual([]);
  });

  it('reads the layer files of the words while they are typed, so the search asked reads none', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}search/`);
    await settled(page);
    const layerFiles: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/pagefind/national/')) layerFiles.push(new URL(r.url()).pathname);
    });
    await page.focus('input[name="q"]');
    await page.keyboard.type('和颐月子');
    await page.waitForFunction(() =>
      performance.getEntriesByType('resource').some((r) => r.name.includes('/national/')),
    );
    // Typed, not asked: the page still says what it said before any search.
    expect(await page.textContent('[data-status]')).toContain('请输入');
    const read = layerFiles.length;
    expect(read).toBeGreaterThan(0);
    await page.press('input[name="q"]', 'Enter');
    await settled(page);
    const first = await page.getAttribute('[data-results] h3 a', 'href');
    expect(first).toContain('91330203ma1fpawd63');
    expect(layerFiles.slice(read)).toEqual([]);
    await context.close();
  });

  it('costs less than the same search opening bundles by word routes', async () => {
    const layered = await search('和颐月子', true);
    const routed = await search('和颐月子', false);
    expect(routed.keys[0]).toBe(layered.keys[0]);
    expect(routed.fetched.some((f) => f.path.endsWith('.pf_meta'))).toBe(true);
    expect(layered.fetched.some((f) => f.path.endsWith('.pf_meta'))).toBe(false);
    expect(total(layered.fetched)).toBeLessThan(total(routed.fetched) / 2);
  });

  it('answers a word too common to list from its ranked files, counting and paging as the bundles do', async () => {
    /** Every result of a search, with "显示更多结果" pressed until it hides; and the search files fetched before. */
    const everything = async (withLayer: boolean) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (!withLayer) await serveWithoutLayer(page);
      const fetched: string[] = [];
      page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
      await page.goto(`${server.url}search/?q=${encodeURIComponent('托育')}`);
      const status = await settled(page);
      const first = [...fetched];
      for (let i = 0; i < 50 && (await page.isVisible('[data-more]')); i++) {
        const n = await page.locator('[data-results] h3 a').count();
        await page.click('[data-more]');
        await page.waitForFunction(
          (before) => document.querySelectorAll('[data-results] h3 a').length > before,
          n,
        );
      }
      const hrefs = await page.$$eval('[data-results] h3 a', (as) =>
        as.map((a) => a.getAttribute('href') ?? ''),
      );
      await context.close();
      return { status, first, hrefs };
    };
    const layered = await everything(true);
    const routed = await everything(false);
    expect(layered.first.some((p) => p.includes('/pagefind/national/c/'))).toBe(true);
    expect(layered.first.some((p) => p.endsWith('.pf_meta'))).toBe(false);
    expect(routed.first.some((p) => p.endsWith('.pf_meta'))).toBe(true);
    expect(layered.status).toBe(routed.status);
    // More results than one ranked file holds, each once, the same as the bundles find.
    expect(layered.hrefs.length).toBeGreaterThan(8);
    expect(new Set(layered.hrefs).size).toBe(layered.hrefs.length);
    expect([...layered.hrefs].sort()).toEqual([...routed.hrefs].sort());
  }, 120_000);

  it('finds what the bundles find: status words, everyday words, organisation codes, near matches', async () => {
    for (const q of [
      '和颐 处罚',
      '贝贝熊 处罚',
      '和颐月子中心',
      'MA1FPAWD-6',
      '宁波市和怡月子会所',
      '贝贝熊',
    ]) {
      const layered = await search(q, true);
      const routed = await search(q, false);
      expect(layered.status, q).toBe(routed.status);
      expect(new Set(layered.keys), q).toEqual(new Set(routed.keys));
      expect(
        layered.fetched.some((f) => f.path.endsWith('.pf_meta')),
        q,
      ).toBe(false);
    }
    const near = await search('宁波市和怡月子会所', true);
    expect(near.status).toContain('您是不是要找');
    expect(near.keys[0]).toBe('91330203ma1fpawd63');
  }, 120_000);
});
