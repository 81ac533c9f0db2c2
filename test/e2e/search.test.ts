/**
 * Search on the built sample site in Debian's Chromium, through the page a reader uses: every query of
 * test/fixtures/search-queries.json must find its records among the first 10 results (recall@10 ≥ 0.95), filters
 * and sorts come from and go to the URL, counts follow the search, and the page works by keyboard and without
 * JavaScript (as links).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteData } from '../../src/lib/domain/schemas.ts';
import { launch } from './helpers/browser.ts';
import { type BuiltSite, buildSite, ROOT } from './helpers/build.ts';
import { settled } from './helpers/search-page.ts';
import { type Served, serve } from './helpers/serve.ts';

interface QueryCase {
  q: string;
  kind: string;
  expect: string[];
}

const cases = (
  JSON.parse(readFileSync(join(ROOT, 'test/fixtures/search-queries.json'), 'utf8')) as {
    queries: QueryCase[];
  }
).queries;

let site: BuiltSite;
let data: SiteData;
let server: Served;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  site = buildSite();
  data = JSON.parse(readFileSync(site.dataFile, 'utf8')) as SiteData;
  server = await serve(site.dist, site.base);
  browser = await launch();
  page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Result links in display order, as institution ids or (for other records) site paths. */
async function resultKeys(p: Page): Promise<string[]> {
  const hrefs = await p.$$eval('[data-results] h3 a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((h) => {
    const path = h.startsWith(site.base) ? `/${h.slice(site.base.length)}` : h;
    return /^\/institutions\/([^/]+)\/$/.exec(path)?.[1] ?? path;
  });
}

async function searchFor(query: string, extra = ''): Promise<string[]> {
  await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}${extra}`);
  await settled(page);
  return resultKeys(page);
}

describe('query test set', () => {
  it('has at least 50 queries, each naming records of the sample', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    const ids = new Set(data.institutions.map((i) => i.id));
    for (const c of cases)
      for (const e of c.expect) expect(e.startsWith('/') || ids.has(e), `${c.q}: ${e}`).toBe(true);
  });

  it('finds the expected records in the first 10 results (recall@10 ≥ 0.95)', async () => {
    let found = 0;
    let wanted = 0;
    const misses: string[] = [];
    for (const c of cases) {
      const top = (await searchFor(c.q)).slice(0, 10);
      for (const e of c.expect) {
        wanted++;
        if (top.some((k) => k === e || (e.startsWith('/') && k.startsWith(e)))) found++;
        else misses.push(`${c.q} (${c.kind}) → ${e}; got ${top.join(', ') || 'nothing'}`);
      }
    }
    const recall = found / wanted;
    console.log(
      `search recall@10: ${found}/${wanted} = ${recall.toFixed(3)}${misses.length ? `\n${misses.join('\n')}` : ''}`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.95);
  }, 300_000);

  it('ranks an exact name, USCC or document number first', async () => {
    for (const [q, id] of [
      ['宁波市和颐月子会所', '91330203ma1fpawd63'],
      ['寧波市和頤月子會所', '91330203ma1fpawd63'],
      ['９１３３０２０３ＭＡ０ＪＨ０Ｇ６８Ｑ', '91330203ma0jh0g68q'],
      ['凯卫罚[2026]18号', '91522601ma8p9hx18j'],
    ] as const) {
      expect((await searchFor(q))[0], q).toBe(id);
    }
  });
});

describe('search page', () => {
  it('shows results from the record fields, never the index tokens', async () => {
    await searchFor('贝贝熊');
    const text = (await page.textContent('[data-results]')) ?? '';
    expect(text).toContain('贝贝熊');
    expect(text).toContain('处罚公示中');
    expect(text).toContain('湖北省武汉市东西湖区');
    expect(text).toContain('最近处罚：2026年5月3日');
    expect(text).not.toMatch(/贝贝 贝熊|武汉 汉市/);
  });

  it('restores query, filters and sort from the URL and counts each filter value', async () => {
    await page.goto(`${server.url}search/?q=${encodeURIComponent('凯里')}&status=sanctioned&sort=penalty`);
    const status = await settled(page);
    expect(status).toMatch(/找到 \d+ 条结果/);
    expect(await page.inputValue('#search-q')).toBe('凯里');
    expect(await page.isChecked('input[name="status"][value="sanctioned"]')).toBe(true);
    expect(await page.inputValue('#search-sort')).toBe('penalty');
    const inKaili = data.institutions.filter((i) => i.region === '522601');
    const sanctioned = inKaili.filter((i) => i.status === 'sanctioned');
    expect(status).toContain(`找到 ${sanctioned.length} 条结果`);
    const keys = await resultKeys(page);
    expect(keys.length).toBe(Math.min(10, sanctioned.length));
    // Newest penalty first.
    const dates = keys.map((k) => data.institutions.find((i) => i.id === k)?.latestPenalty ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
    // The status facet counts each status as if status were not filtered; the others count the results.
    const listed = inKaili.filter((i) => i.status === 'listed').length;
    await expect
      .poll(() => page.textContent('[data-facet="status"] [data-count-for="listed"]'))
      .toBe(`（${listed}）`);
    const postpartum = sanctioned.filter((i) => i.sector === 'postpartum').length;
    expect(await page.textContent('[data-facet="sector"] [data-count-for="postpartum"]')).toBe(
      `（${postpartum}）`,
    );
  });

  it('applies a region chosen in the selects and keeps it in the URL', async () => {
    await page.goto(`${server.url}search/?region=330203`);
    await settled(page);
    expect(await page.inputValue('#search-region-1')).toBe('330000');
    expect(await page.inputValue('#search-region-2')).toBe('330200');
    expect(await page.inputValue('#search-region-3')).toBe('330203');
    const inHaishu = data.institutions
      .filter((i) => i.region === '330203')
      .map((i) => i.id)
      .sort();
    expect((await resultKeys(page)).sort()).toEqual(inHaishu);
    await page.selectOption('#search-region-3', '330205');
    await page.waitForURL(/region=330205/);
    await settled(page);
    const inJiangbei = data.institutions
      .filter((i) => i.region === '330205')
      .map((i) => i.id)
      .sort();
    expect((await resultKeys(page)).sort()).toEqual(inJiangbei);
  });

  it('puts the search in the URL when the form is used, by keyboard alone', async () => {
    await page.goto(`${server.url}search/`);
    await settled(page);
    await page.keyboard.press('Tab'); // skip link
    await page.focus('#search-q');
    await page.keyboard.type('和颐');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=/);
    expect(decodeURIComponent(new URL(page.url()).search)).toContain('q=和颐');
    expect(await settled(page)).toContain('找到 1 条结果');
    // Ticking a filter by keyboard updates the URL and the results.
    await page.focus('input[name="sector"][value="childcare"]');
    await page.keyboard.press('Space');
    await page.waitForURL(/sector=childcare/);
    expect(await settled(page)).toContain('没有找到');
  });

  it('loads more results on request and moves focus to them', async () => {
    await searchFor('托育');
    expect((await resultKeys(page)).length).toBe(10);
    await page.click('[data-more]');
    await expect.poll(async () => (await resultKeys(page)).length).toBeGreaterThan(10);
    expect(await page.evaluate(() => document.activeElement?.closest('[data-results]') !== null)).toBe(true);
  });

  it('lists every chunk its script imports as a modulepreload, and the browser fetches each once', async () => {
    const html = readFileSync(join(site.dist, 'search', 'index.html'), 'utf8');
    const script = /<script type="module" src="([^"]+)"/.exec(html)?.[1] ?? '';
    const code = readFileSync(join(site.dist, script.slice(site.base.length)), 'utf8');
    const imported = [...code.matchAll(/import\s*[^"'`;]*?from\s*"\.\/([^"]+\.js)"/g)].map((m) => m[1]);
    expect(imported.length).toBeGreaterThan(0);
    const preloaded = [...html.matchAll(/<link rel="modulepreload" href="[^"]*\/_astro\/([^"]+)"/g)].map(
      (m) => m[1],
    );
    for (const chunk of imported) expect(preloaded).toContain(chunk);
    const fresh = await browser.newPage();
    await fresh.goto(`${server.url}search/?q=${encodeURIComponent('小树苗')}`);
    await settled(fresh);
    const fetched = await fresh.evaluate(() =>
      performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname),
    );
    await fresh.close();
    for (const chunk of preloaded)
      expect(fetched.filter((p) => p.endsWith(`/_astro/${chunk}`))).toHaveLength(1);
  });

  it('without JavaScript shows the form and the ways to browse instead', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await p.goto(`${server.url}search/`);
    expect(await p.isVisible('#search-q')).toBe(true);
    expect(await p.isVisible('[data-search-panel]')).toBe(false);
    const links = await p.$$eval('[data-search-browse] a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).toContain(`${site.base}regions/`);
    expect(links.some((l) => l?.includes('/institutions/status/'))).toBe(true);
    await context.close();
  });

  it('passes axe (WCAG 2.1 AA) with results, filters and counts shown, wide and narrow', async () => {
    for (const width of [1280, 375]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const p = await context.newPage();
      await p.goto(`${server.url}search/?q=${encodeURIComponent('托育')}&status=sanctioned`);
      await settled(p);
      await p.waitForLoadState('networkidle');
      const result = await new AxeBuilder({ page: p })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      expect(
        result.violations.map(
          (v) => `${width}: ${v.id} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
        ),
      ).toEqual([]);
      await context.close();
    }
  });

  it('logged no errors and broke no Content-Security-Policy rule', () => {
    expect(problems).toEqual([]);
  });
});
