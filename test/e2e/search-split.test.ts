/**
 * Search over an index split into many bundles (the sample with SEARCH_SHARD_MAX=12, as a national register is split
 * by region): the query test set keeps its recall, a name searched without a region opens no bundle (the national
 * layer answers it), and without the layer a search opens only the bundles that can hold its words — none when no
 * bundle holds them all (word-routes.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchManifest } from '../../src/lib/search/search-manifest.ts';
import { launch } from './helpers/browser.ts';
import { type BuiltSite, buildSite, ROOT } from './helpers/build.ts';
import { settled } from './helpers/search-page.ts';
import { type Served, serve } from './helpers/serve.ts';

const cases = (
  JSON.parse(readFileSync(join(ROOT, 'test/fixtures/search-queries.json'), 'utf8')) as {
    queries: { q: string; kind: string; expect: string[] }[];
  }
).queries;

let site: BuiltSite;
let manifest: SearchManifest;
let server: Served;
let browser: Browser;
let page: Page;
/** Bundles whose page list the page fetched since the last reset. */
const opened = new Set<string>();
const problems: string[] = [];

beforeAll(async () => {
  site = buildSite({ env: { SEARCH_SHARD_MAX: '12' } });
  manifest = JSON.parse(readFileSync(join(site.dist, 'pagefind', 'manifest.json'), 'utf8')) as SearchManifest;
  server = await serve(site.dist, site.base);
  browser = await launch();
  page = await browser.newPage();
  page.on('request', (r) => {
    const m = /\/pagefind\/([^/]+)\/pagefind\.[^/]+\.pf_meta$/.exec(new URL(r.url()).pathname);
    if (m?.[1] && m[1] !== 'root') opened.add(m[1]);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function searchFor(query: string): Promise<{ keys: string[]; status: string }> {
  opened.clear();
  await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}`);
  const status = await settled(page);
  const hrefs = await page.$$eval('[data-results] h3 a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
  return {
    keys: hrefs.map((h) => /^\/institutions\/([^/]+)\/$/.exec(h)?.[1] ?? h),
    status,
  };
}

describe('a split index', () => {
  it('has many bundles and word routes', () => {
    expect(manifest.shards.length).toBeGreaterThanOrEqual(5);
    expect(manifest.words?.bundles).toEqual(manifest.shards.map((s) => s.id));
  });

  it('keeps recall@10 ≥ 0.95 on the query test set', async () => {
    let found = 0;
    let wanted = 0;
    const misses: string[] = [];
    for (const c of cases) {
      const top = (await searchFor(c.q)).keys.slice(0, 10);
      for (const e of c.expect) {
        wanted++;
        if (top.some((k) => k === e || (e.startsWith('/') && k.startsWith(e)))) found++;
        else misses.push(`${c.q} → ${e}; got ${top.join(', ') || 'nothing'}`);
      }
    }
    console.log(`split index recall@10: ${found}/${wanted}${misses.length ? `\n${misses.join('\n')}` : ''}`);
    expect(found / wanted).toBeGreaterThanOrEqual(0.95);
  }, 300_000);

  it('opens no bundle for a name searched without a region: the national layer answers it', async () => {
    const { keys } = await searchFor('和颐月子');
    expect(keys[0]).toBe('91330203ma1fpawd63');
    expect([...opened]).toEqual([]);
  });

  it('without the national layer, opens only the bundles that hold the words of such a name', async () => {
    await page.route('**/pagefind/manifest.json', async (route) => {
      const res = await route.fetch();
      const body = { ...((await res.json()) as SearchManifest), national: null };
      await route.fulfill({ response: res, body: JSON.stringify(body) });
    });
    try {
      const { keys } = await searchFor('和颐月子');
      expect(keys[0]).toBe('91330203ma1fpawd63');
      expect(opened.size).toBeGreaterThanOrEqual(1);
      expect(opened.size).toBeLessThan(manifest.shards.length);
    } finally {
      await page.unroute('**/pagefind/manifest.json');
    }
  });

  it('points every record at a page of the site, and a penalty record at its row', () => {
    let anchored = 0;
    let records = 0;
    for (const shard of manifest.shards) {
      const dir = join(site.dist, 'pagefind', shard.id, 'fragment');
      for (const f of readdirSync(dir)) {
        const { url } = JSON.parse(
          gunzipSync(readFileSync(join(dir, f)))
            .subarray(12)
            .toString('utf8'),
        ) as {
          url: string;
        };
        records++;
        const [path, anchor] = url.split('#') as [string, string | undefined];
        const html = readFileSync(join(site.dist, path, 'index.html'), 'utf8');
        if (anchor !== undefined) {
          anchored++;
          expect(html, url).toContain(`id="${anchor}"`);
        }
      }
    }
    expect(records).toBe(manifest.records);
    expect(anchored).toBeGreaterThan(0);
  });

  it('opens no bundle when no bundle holds every word', async () => {
    const { keys, status } = await searchFor('鑫鑫鑫鑫');
    expect(keys).toEqual([]);
    expect(status).toContain('没有找到');
    expect([...opened]).toEqual([]);
    expect(problems).toEqual([]);
  });
});
