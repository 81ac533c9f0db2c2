/**
 * The built site in Debian's Chromium: what a reader sees on institution, penalty and region pages, that markup in
 * data stays inert, that nothing breaks the CSP, and axe (WCAG 2.1 AA) on one page of every page type.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Institution, SiteData } from '../../src/lib/domain/schemas.ts';
import { siteConfig } from '../../src/lib/site/config.ts';
import { tileOrigins } from '../../src/lib/site/csp.ts';
import { launch } from './helpers/browser.ts';
import { type BuiltSite, buildSite } from './helpers/build.ts';
import { type Served, serve } from './helpers/serve.ts';

let site: BuiltSite;
let data: SiteData;
let server: Served;
let browser: Browser;

beforeAll(async () => {
  site = buildSite();
  data = JSON.parse(readFileSync(site.dataFile, 'utf8')) as SiteData;
  server = await serve(site.dist, site.base);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Open a page and collect what went wrong while loading it: console errors (CSP reports land there), failed requests. */
async function open(path: string, opts: { width?: number; javaScript?: boolean } = {}) {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: 900 },
    javaScriptEnabled: opts.javaScript ?? true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  // Nothing may leave the site except map tiles from the configured tile server; those are answered locally.
  const allowed = new Set(
    siteConfig.tiles ? tileOrigins(siteConfig.tiles.url, siteConfig.tiles.subdomains) : [],
  );
  await page.route(
    (url) => url.origin !== server.origin,
    (route) => {
      const origin = new URL(route.request().url()).origin;
      if (!allowed.has(origin)) problems.push(`third-party request: ${route.request().url()}`);
      return route.fulfill({ status: 200, contentType: 'image/png', body: BLANK_PNG });
    },
  );
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // A tile still loading when the page closes counts as failed; that is the test ending, not the site.
  page.on('requestfailed', (r) => {
    if (!allowed.has(new URL(r.url()).origin)) problems.push(`failed: ${r.url()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url() !== server.url + path) problems.push(`${r.status()}: ${r.url()}`);
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const response = await page.goto(server.url + path);
  await page.waitForLoadState('load');
  return { page, problems, dialogs, status: response?.status() ?? 0, close: () => context.close() };
}

function mostPenalised(): Institution {
  const inst = [...data.institutions].sort(
    (a, b) => b.penaltyIds.length - a.penaltyIds.length || (a.id < b.id ? -1 : 1),
  )[0];
  if (!inst || inst.penaltyIds.length === 0) throw new Error('the data has no institution with a penalty');
  return inst;
}

const BLANK_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

const yuan = (n: number) => `${new Intl.NumberFormat('en-US').format(n)} 元`;

describe('institution page', () => {
  it('shows its penalties, each with its source, and the sources of every fact', async () => {
    const inst = mostPenalised();
    const { page, problems, close } = await open(`institutions/${inst.id}/`);
    try {
      expect(await page.locator('h1').textContent()).toBe(inst.name);
      for (const id of inst.penaltyIds) {
        const p = data.penalties.find((x) => x.id === id);
        if (!p) throw new Error(`penalty ${id} not in data`);
        const record = page.locator(`[id="p-${p.id}"]`);
        const text = (await record.textContent()) ?? '';
        expect(text).toContain(p.documentNumber);
        if (p.fineYuan > 0) expect(text).toContain(yuan(p.fineYuan));
        if (p.facts) expect(text).toContain(p.facts);
        const source = data.sources.find((s) => s.id === p.provenance.source);
        expect(text).toContain(source?.title);
        expect(text).toContain(`${p.provenance.file} 第 ${p.provenance.row} 行`);
      }
      const sourcesText = (await page.locator('main').textContent()) ?? '';
      for (const prov of inst.provenance) {
        const source = data.sources.find((s) => s.id === prov.source);
        expect(sourcesText).toContain(source?.title);
        expect(sourcesText).toContain(`${prov.file} 第 ${prov.row} 行`);
      }
      // External links to notices leave with no referrer details beyond the origin and no follow.
      for (const a of await page.locator('main a[href^="http"]').all()) {
        const href = (await a.getAttribute('href')) ?? '';
        if (href.startsWith(server.origin) || href.startsWith('http://localhost')) continue;
        expect(await a.getAttribute('rel')).toContain('noopener');
      }
      const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
      expect(ld['@type']).toBe(inst.sector === 'childcare' ? 'ChildCare' : 'LocalBusiness');
      expect(ld.name).toBe(inst.name);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('renders a <script> in a name as text, inert', async () => {
    const hostile = data.institutions.find((i) => i.name.includes('<script>'));
    if (!hostile) return;
    const { page, problems, dialogs, close } = await open(`institutions/${hostile.id}/`);
    try {
      expect(await page.locator('h1').textContent()).toContain('<script>alert(1)</script>');
      // The only scripts are files of this site; none came from the name.
      expect(await page.locator('body script:not([src])').count()).toBe(0);
      expect(await page.locator('script', { hasText: 'alert' }).count()).toBe(0);
      const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
      expect(ld.name).toBe(hostile.name);
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('reads the same without JavaScript', async () => {
    const inst = mostPenalised();
    const { page, close } = await open(`institutions/${inst.id}/`, { javaScript: false, width: 390 });
    try {
      const first = data.penalties.find((p) => p.id === inst.penaltyIds[0]);
      expect(await page.locator('main').textContent()).toContain(first?.documentNumber);
    } finally {
      await close();
    }
  });
});

describe('lists', () => {
  it('penalty list is newest first, links institutions and masks natural persons', async () => {
    const { page, problems, close } = await open('penalties/');
    try {
      const dates = await page
        .locator('main table tbody tr td:first-child time')
        .evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
      expect(dates.length).toBe(Math.min(100, data.penalties.length));
      expect([...dates].sort().reverse()).toEqual(dates);
      const person = data.penalties.find((p) => p.naturalPerson);
      if (person) {
        const row = page.locator('main tbody tr', { hasText: person.documentNumber });
        expect(await row.textContent()).toContain(person.subjectName);
        expect(await row.locator('a').count()).toBe(0);
        expect(person.subjectName).toMatch(/^.某$/);
      }
      const linked = data.penalties.find((p) => p.institutionId);
      if (linked) {
        const link = page.locator('main tbody tr', { hasText: linked.documentNumber }).locator('a').first();
        expect(await link.getAttribute('href')).toContain(`/institutions/${linked.institutionId}/`);
      }
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('region tables sort by column with JavaScript', async () => {
    const region = data.regions.find((r) => r.level === 'city') ?? data.regions[0];
    const { page, problems, close } = await open(`regions/${region?.code}/`);
    try {
      const table = page.locator('table[data-module="sortable-table"]').last();
      const header = table.locator('thead th').last();
      await header.locator('button').click();
      expect(await header.getAttribute('aria-sort')).toBe('ascending');
      const values = await table
        .locator('tbody tr td:last-child')
        .evaluateAll((els) => els.map((e) => Number((e.textContent ?? '').replace(/[^0-9]/g, '')) || 0));
      expect([...values].sort((a, b) => a - b)).toEqual(values);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('home search form sends q to /search/', async () => {
    const { page, close } = await open('');
    try {
      await page.fill('#q', '托育');
      await Promise.all([page.waitForURL(/\/search\/\?q=/), page.click('form.search button')]);
      expect(new URL(page.url()).searchParams.get('q')).toBe('托育');
      expect(await page.locator('[data-module="search"]').count()).toBe(1);
    } finally {
      await close();
    }
  });

  it('unknown URLs get the 404 page', async () => {
    const { page, status, close } = await open('no/such/page/');
    try {
      expect(status).toBe(404);
      expect(await page.locator('h1').textContent()).toContain('找不到');
    } finally {
      await close();
    }
  });
});

describe('accessibility', () => {
  function pageTypes(): [string, string][] {
    const inst = mostPenalised();
    const removed = data.institutions.find((i) => i.status === 'removed') ?? inst;
    const byLevel = (l: string) => data.regions.find((r) => r.level === l)?.code;
    const withPen = data.regions.find((r) => data.penalties.some((p) => p.region === r.code))?.code;
    const year = data.penalties[0]?.decided.slice(0, 4);
    const types: [string, string][] = [
      ['home', ''],
      ['institution with penalties', `institutions/${inst.id}/`],
      ['removed institution', `institutions/${removed.id}/`],
      ['institution list', 'institutions/'],
      ['institutions by status', `institutions/status/${inst.status}/`],
      ['institutions by sector', `institutions/sector/${inst.sector}/`],
      ['region index', 'regions/'],
      ['province', `regions/${byLevel('province')}/`],
      ['city', `regions/${byLevel('city')}/`],
      ['county', `regions/${byLevel('county')}/`],
      ['region by status', `regions/${inst.region}/status/${inst.status}/`],
      ['region penalties', `regions/${withPen}/penalties/`],
      ['penalties', 'penalties/'],
      ['penalties by year', `penalties/year/${year}/`],
      ['penalties by category', 'penalties/category/fine/'],
      ['statistics', 'statistics/'],
      ['region statistics', `regions/${withPen}/statistics/`],
      ['sources', 'sources/'],
      ['source', `sources/${data.sources[0]?.id}/`],
      ['about', 'about/'],
      ['search', 'search/'],
      ['map', 'map/'],
      ['404', '404.html'],
    ];
    for (const extra of ['downloads/', 'downloads/dictionary/']) {
      if (existsSync(join(site.dist, extra, 'index.html'))) types.push([extra, extra]);
    }
    return types;
  }

  it('axe finds no WCAG 2.1 A/AA violations on any page type, at desktop and phone widths', async () => {
    const found: string[] = [];
    for (const [name, path] of pageTypes()) {
      for (const width of [1280, 390]) {
        const { page, problems, close } = await open(path, { width });
        try {
          const result = await new AxeBuilder({ page: page as Page })
            .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
            .analyze();
          for (const v of result.violations) {
            found.push(
              `${name} @${width} (${path}): ${v.id} — ${v.help} — ${v.nodes
                .map((n) => n.target.join(' '))
                .slice(0, 3)
                .join(' | ')}`,
            );
          }
          for (const p of problems) if (path !== '404.html') found.push(`${name}: ${p}`);
        } finally {
          await close();
        }
      }
    }
    expect(found).toEqual([]);
  }, 600_000);
});
