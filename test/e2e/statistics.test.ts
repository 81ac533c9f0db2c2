/**
 * The statistics pages built from the site fixture, read in Chromium without JavaScript: every chart is an image
 * described by its table, draws exactly the table's numbers with bars in proportion to them, and the tables hold
 * what a recount of the fixture's penalties and list events gives. A copy of the fixture with markup in a region's
 * name shows it as text in charts and tables; its institution ordered to stop shows the drawn sign, not an emoji.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../../src/lib/domain/rules/publish.ts';
import { type SiteData, SiteDataSchema } from '../../src/lib/domain/schemas.ts';
import { launch } from './helpers/browser.ts';
import { AS_OF, type BuiltSite, buildSite, E2E_DIR, FIXTURE } from './helpers/build.ts';
import { listFiles } from './helpers/dist-files.ts';
import { type Served, serve } from './helpers/serve.ts';

const HOSTILE_NAME = '鄞州区<script>alert(1)</script>"\'&amp;';
const HOSTILE_FILE = join(E2E_DIR, 'statistics-hostile-site-data.json');

let site: BuiltSite;
let hostile: BuiltSite;
let server: Served;
let browser: Browser;
const data: SiteData = publish(SiteDataSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8'))), AS_OF);

/** The fixture with markup in a county's name and an order to stop one centre; written only when it changes. */
function writeHostileFixture(): void {
  const d = JSON.parse(readFileSync(FIXTURE, 'utf8')) as SiteData;
  for (const r of d.regions) {
    if (r.code === '330212') {
      r.name = HOSTILE_NAME;
      r.fullName = `浙江省宁波市${HOSTILE_NAME}`;
    }
  }
  const penalty = d.penalties.find((p) => p.id === 'pen-kl-2026-34');
  const inst = d.institutions.find((i) => i.id === 'x3h8c2pa');
  if (!penalty || !inst) throw new Error('fixture changed: pen-kl-2026-34 / x3h8c2pa');
  inst.stopOrder = {
    order: '责令停止托育服务',
    decided: penalty.decided,
    penaltyId: penalty.id,
    documentNumber: penalty.documentNumber,
  };
  const text = `${JSON.stringify(d, null, 1)}\n`;
  mkdirSync(E2E_DIR, { recursive: true });
  if (!existsSync(HOSTILE_FILE) || readFileSync(HOSTILE_FILE, 'utf8') !== text)
    writeFileSync(HOSTILE_FILE, text);
}

beforeAll(async () => {
  site = buildSite({ mode: 'fixture' });
  writeHostileFixture();
  hostile = buildSite({ mode: 'fixture', siteData: HOSTILE_FILE });
  server = await serve(site.dist, site.base);
  browser = await launch();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A page without JavaScript, as the statistics must read; axe needs it on to run. */
async function open(path: string, width = 1366, javaScript = false): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    javaScriptEnabled: javaScript,
  });
  const page = await context.newPage();
  const res = await page.goto(server.url + path.replace(/^\//, ''));
  expect(res?.status(), path).toBe(200);
  return page;
}

interface ChartRead {
  id: string;
  role: string | null;
  title: string;
  describedBy: string | null;
  bars: { value: number; width: number }[];
  /** The table cells marked as charted, row by row. */
  cells: number[];
  tableVisible: boolean;
}

function readCharts(page: Page): Promise<ChartRead[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('svg.bar-chart')].map((svg) => {
      const describedBy = svg.getAttribute('aria-describedby');
      const table = describedBy ? document.getElementById(describedBy) : null;
      const labelledBy = svg.getAttribute('aria-labelledby') ?? '';
      return {
        id: svg.id,
        role: svg.getAttribute('role'),
        title: document.getElementById(labelledBy)?.textContent ?? '',
        describedBy,
        bars: [...svg.querySelectorAll('rect.bar')].map((r) => ({
          value: Number(r.getAttribute('data-value')),
          width: Number(r.getAttribute('width')),
        })),
        cells: [...(table?.querySelectorAll('tbody td[data-chart]') ?? [])].map((td) =>
          Number(td.getAttribute('data-sort-value')),
        ),
        tableVisible: table ? (table as HTMLElement).offsetHeight > 0 : false,
      };
    }),
  );
}

/** A table's body as { row header: [numbers of its cells, from data-sort-value] }. */
function readTable(page: Page, id: string): Promise<Record<string, number[]>> {
  return page.evaluate((tableId) => {
    const out: Record<string, number[]> = {};
    for (const tr of document.querySelectorAll(`#${tableId} tbody tr`)) {
      const head = tr.querySelector('th')?.textContent?.trim() ?? '';
      out[head] = [...tr.querySelectorAll('td')].map((td) => Number(td.getAttribute('data-sort-value')));
    }
    return out;
  }, id);
}

function checkCharts(charts: ChartRead[], path: string): void {
  expect(charts.length, path).toBeGreaterThan(0);
  for (const c of charts) {
    const what = `${path} #${c.id}`;
    expect(c.role, what).toBe('img');
    expect(c.title.length, what).toBeGreaterThan(0);
    expect(c.tableVisible, what).toBe(true);
    expect(
      c.bars.map((b) => b.value),
      what,
    ).toEqual(c.cells);
    const maxValue = Math.max(...c.bars.map((b) => b.value));
    const maxWidth = Math.max(...c.bars.map((b) => b.width));
    for (const b of c.bars) {
      if (maxValue === 0) expect(b.width, what).toBe(0);
      else expect(b.width / maxWidth, `${what} ${b.value}`).toBeCloseTo(b.value / maxValue, 3);
    }
  }
}

/** Per year, straight from the fixture's records. */
function recount(inRegion: (code: string) => boolean) {
  const years = new Map<string, { childcare: number; postpartum: number; fine: number; bl: number }>();
  const year = (y: string) => {
    const v = years.get(y) ?? { childcare: 0, postpartum: 0, fine: 0, bl: 0 };
    years.set(y, v);
    return v;
  };
  const categories = new Map<string, number>();
  for (const p of data.penalties) {
    if (!inRegion(p.region)) continue;
    const y = year(p.decided.slice(0, 4));
    y[p.sector]++;
    y.fine += p.fineYuan;
    for (const c of new Set(p.categories)) categories.set(c, (categories.get(c) ?? 0) + 1);
  }
  for (const i of data.institutions)
    if (inRegion(i.region))
      for (const e of i.events)
        if (e.list === '黑名单' && e.action === '列入') year((e.date ?? e.published).slice(0, 4)).bl++;
  return { years, categories };
}

const STAT_PAGES = [
  '/statistics/',
  '/regions/330000/statistics/',
  '/regions/330212/statistics/',
  '/regions/420112/statistics/',
];

describe('statistics pages', () => {
  it.each(STAT_PAGES)(
    '%s: each chart is an image described by its table and draws its numbers in proportion',
    async (path) => {
      const page = await open(path);
      checkCharts(await readCharts(page), path);
      await page.context().close();
    },
  );

  it('the national tables hold the recount of the fixture', async () => {
    const page = await open('/statistics/');
    const want = recount(() => true);
    const years = await readTable(page, 'table-year');
    const fines = await readTable(page, 'table-fines');
    const bl = await readTable(page, 'table-blacklist');
    const nonZero = Object.keys(years).filter((y) => (years[y]?.[2] ?? 0) > 0 || (bl[y]?.[0] ?? 0) > 0);
    expect(nonZero.sort()).toEqual([...want.years.keys()].sort());
    for (const [y, v] of want.years) {
      expect(years[y], y).toEqual([v.childcare, v.postpartum, v.childcare + v.postpartum]);
      // Fines in whole yuan in the machine-readable value; 万元 in the text.
      expect(fines[y]?.[1], y).toBe(v.fine);
      expect(bl[y], y).toEqual([v.bl]);
    }
    const categories = await readTable(page, 'table-category');
    expect(Object.fromEntries(Object.entries(categories).map(([k, v]) => [k, v.at(-1)]))).toEqual(
      Object.fromEntries(want.categories),
    );
    const provinces = await readTable(page, 'table-province');
    for (const r of data.regions.filter((x) => x.level === 'province')) {
      const n = data.penalties.filter((p) => p.region.slice(0, 2) === r.code.slice(0, 2)).length;
      expect(provinces[r.name]?.[1], r.name).toBe(n);
    }
    const text = await page.locator('#table-fines').textContent();
    expect(text).toContain('21.8');
    await page.context().close();
  });

  it('a county page compares it with the average of the counties of its province', async () => {
    const page = await open('/regions/330212/statistics/');
    const place = await readTable(page, 'table-place');
    // 330203, 330205, 330212 have 1, 0 and 2 penalties.
    expect(place['公示期内行政处罚（条）']?.slice(0, 2)).toEqual([2, 1]);
    expect(await page.locator('#table-place caption').textContent()).toContain(
      '浙江省各县级地区平均（3 个地区）',
    );
    expect(await page.locator('#table-place').textContent()).toContain('高于平均，3 个地区中第 1 位');
    const want = recount((c) => c === '330212');
    const years = await readTable(page, 'table-year');
    for (const [y, v] of want.years) expect(years[y]?.slice(0, 2), y).toEqual([v.childcare, v.postpartum]);
    await page.context().close();
    const region = await open('/regions/330212/');
    expect(await region.locator('#table-place').count()).toBe(1);
    expect(await region.locator('a[href="/regions/330212/statistics/"]').count()).toBe(1);
    await region.context().close();
  });

  it('reads at 390 px without JavaScript: charts fit the screen and their text stays legible', async () => {
    for (const path of STAT_PAGES) {
      const page = await open(path, 390);
      const m = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        charts: [...document.querySelectorAll('svg.bar-chart')].map((svg) => {
          const box = svg.getBoundingClientRect();
          const text = svg.querySelector('text');
          return { left: box.left, right: box.right, font: text ? text.getBoundingClientRect().height : 0 };
        }),
      }));
      expect(m.scroll, path).toBeLessThanOrEqual(390);
      for (const c of m.charts) {
        expect(c.left, path).toBeGreaterThanOrEqual(0);
        expect(c.right, path).toBeLessThanOrEqual(390);
        expect(c.font, path).toBeGreaterThanOrEqual(12);
      }
      await page.context().close();
    }
  });

  it('axe finds no WCAG 2.1 A/AA violations at desktop and phone widths', async () => {
    const found: string[] = [];
    for (const path of STAT_PAGES) {
      for (const width of [1366, 390]) {
        const page = await open(path, width, true);
        const result = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .analyze();
        for (const v of result.violations)
          found.push(
            `${path} @${width}: ${v.id} — ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(' | ')}`,
          );
        await page.context().close();
      }
    }
    expect(found).toEqual([]);
  }, 600_000);

  it('is linked from the navigation and listed in the sitemap', () => {
    const home = readFileSync(join(site.dist, 'index.html'), 'utf8');
    expect(home).toMatch(/<nav class="site-nav"[\s\S]*href="\/statistics\/"/);
    const sitemaps = listFiles(site.dist, '.xml')
      .filter((f) => /sitemap/.test(f))
      .map((f) => readFileSync(f, 'utf8'))
      .join('');
    for (const path of STAT_PAGES) expect(sitemaps, path).toContain(`${path}</loc>`);
  });
});

describe('statistics with markup in a region name', () => {
  it('shows the name as text in chart labels, captions and tables', () => {
    // The national page names provinces only: the county's name is on the county's and its peers' pages.
    expect(readFileSync(join(hostile.dist, 'statistics/index.html'), 'utf8')).not.toContain(
      '<script>alert(1)',
    );
    for (const p of ['regions/330212/statistics', 'regions/330205/statistics']) {
      const html = readFileSync(join(hostile.dist, p, 'index.html'), 'utf8');
      expect(html, p).not.toContain('<script>alert(1)');
      expect(html, p).toContain('鄞州区&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    const region = readFileSync(join(hostile.dist, 'regions/330212/index.html'), 'utf8');
    const section = /<h2>执法统计<\/h2>[\s\S]*?<h2>/.exec(region)?.[0] ?? '';
    expect(section).toContain('<caption>鄞州区&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(section).not.toContain('<script>alert(1)');
    const peers = readFileSync(join(hostile.dist, 'regions/330205/statistics/index.html'), 'utf8');
    const chart = /<svg id="chart-peers"[\s\S]*?<\/svg>/.exec(peers)?.[0] ?? '';
    expect(chart).toContain('鄞州区&lt;script&gt;alert(1)&lt;/script&gt;');
    const own = readFileSync(join(hostile.dist, 'regions/330212/statistics/index.html'), 'utf8');
    expect(own).toContain('<h1>鄞州区&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('draws the sign of an order to stop, never the emoji', () => {
    const html = readFileSync(join(hostile.dist, 'institutions/x3h8c2pa/index.html'), 'utf8');
    expect(html).toMatch(
      /badge badge-stop-order"><span aria-hidden="true"><svg class="svg-icon"[^>]*><path d="M8 1a7/,
    );
    for (const f of listFiles(hostile.dist, '.html'))
      expect(readFileSync(f, 'utf8').includes('\u26d4'), f).toBe(false);
  });
});
