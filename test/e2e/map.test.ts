/**
 * The map in Debian's Chromium, offline: tiles are blocked, so everything here is the site's own doing. Checks that
 * the clustered map shows every point of the built data, that popups lead to the right institution, that the list
 * without JavaScript is complete, that the URL keeps the view and filters, and that axe finds nothing.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteData } from '../../src/lib/domain/schemas.ts';
import { layoutMap, type MapLayout } from '../../src/lib/map/locate-institutions.ts';
import { formatView, parseView } from '../../src/lib/map/map-state.ts';
import { DEFAULT_RADIUS_KM, formatDistance, type PlacesFile, pointsWithin } from '../../src/lib/map/near.ts';
import { decodePoints, type PointsFile } from '../../src/lib/map/points-format.ts';
import { STATUS_INFO } from '../../src/lib/site/labels.ts';
import { buildSiteIndex, type SiteIndex } from '../../src/lib/site/site-index.ts';
import { launch } from './helpers/browser.ts';
import { type BuiltSite, buildSite, ROOT } from './helpers/build.ts';
import { resolvesInDist } from './helpers/dist-files.ts';
import { type Served, serve } from './helpers/serve.ts';

let site: BuiltSite;
let index: SiteIndex;
let layout: MapLayout;
let server: Served;
let browser: Browser;

beforeAll(async () => {
  site = buildSite();
  index = buildSiteIndex(JSON.parse(readFileSync(site.dataFile, 'utf8')) as SiteData);
  layout = layoutMap(index);
  server = await serve(site.dist, site.base);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const isTile = (url: string) => !url.startsWith(server.origin);

/** A page with every request to another host aborted; problems other than the blocked tiles are collected. */
async function open(
  path: string,
  opts: {
    width?: number;
    javaScript?: boolean;
    geolocation?: { latitude: number; longitude: number };
    /** Routes to set on the context before the page opens. */
    setup?: (context: BrowserContext) => Promise<unknown>;
  } = {},
) {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: 900 },
    javaScriptEnabled: opts.javaScript ?? true,
    ...(opts.geolocation ? { geolocation: opts.geolocation, permissions: ['geolocation'] } : {}),
  });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const tiles: string[] = [];
  await context.route(
    (url) => isTile(url.toString()),
    (route) => {
      tiles.push(route.request().url());
      return route.abort();
    },
  );
  await opts.setup?.(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    // A blocked tile is logged as a failed resource with no URL; CSP violations and script errors are not.
    if (m.type() === 'error' && !/^Failed to load resource: net::ERR_FAILED$/.test(m.text())) {
      problems.push(`console: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // Requests cancelled by a reload (the favicon, say) are not failures of the site, nor are the module preloads
    // that Chromium refuses (as "csp") when scripts are turned off.
    const refused = opts.javaScript === false && r.resourceType() === 'script';
    if (!isTile(r.url()) && !refused && r.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`failed: ${r.url()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  await page.goto(server.url + path);
  return { page, problems, tiles, requests, close: () => context.close() };
}

async function ready(page: Page): Promise<void> {
  await page.waitForSelector('[data-module="map"][data-state="ready"]', { timeout: 30_000 });
}

/** How many points the markers in view stand for: clusters by their label, single points as one each. */
async function pointsShown(page: Page): Promise<number> {
  return page.evaluate(() => {
    let n = 0;
    for (const m of document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon')) {
      const label = m.querySelector('.visually-hidden')?.textContent ?? '';
      n += m.classList.contains('mk-cluster') ? Number(/^(\d+) 家机构/.exec(label)?.[1] ?? Number.NaN) : 1;
    }
    return n;
  });
}

/** The markers on the map: what each says, whether it is a control, and where its centre is (CSS pixels). */
async function markersOnMap(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.leaflet-marker-pane .leaflet-marker-icon')].map((m) => {
      const r = m.getBoundingClientRect();
      return {
        label: m.querySelector('.visually-hidden')?.textContent ?? '',
        look: [
          ...[...m.classList].filter((c) => c.startsWith('mk')),
          ...[...m.querySelectorAll('[aria-hidden="true"]')].map((e) => e.textContent),
        ].join(' '),
        control: m.classList.contains('leaflet-interactive') || m.tabIndex >= 0,
        x: r.left + r.width / 2,
        y: r.top + r.height / 2,
      };
    }),
  );
}

async function timingOf(page: Page): Promise<Record<string, number>> {
  return JSON.parse((await page.getAttribute('[data-module="map"]', 'data-timing')) ?? '{}');
}

function pointsFile(): PointsFile {
  return JSON.parse(readFileSync(join(site.dist, 'map', 'points.json'), 'utf8')) as PointsFile;
}

describe('map data', () => {
  it('holds every institution with a place on the map, in the layout order', () => {
    const d = decodePoints(pointsFile());
    expect(d.n).toBe(layout.located.length);
    expect(d.unlocated).toBe(layout.counts.unlocated);
    layout.located.forEach((l, i) => {
      expect(Math.abs((d.lat[i] as number) - l.lat)).toBeLessThan(1e-5);
      expect(d.statuses[d.status[i] as number]).toBe(l.institution.status);
    });
  });
});

describe('/map/ with JavaScript, tiles blocked', () => {
  it('draws markers and clusters standing for every point, and says tiles failed', async () => {
    const { page, problems, tiles, close } = await open('map/');
    try {
      await ready(page);
      expect(await page.locator('.leaflet-marker-icon').count()).toBeGreaterThan(0);
      expect(await pointsShown(page)).toBe(layout.located.length);
      expect(await page.locator('.map-status').textContent()).toContain(`全部 ${layout.located.length} 家`);
      expect(tiles.length).toBeGreaterThan(0);
      await page.waitForSelector('.map-tile-error:not([hidden])');
      // Attribution is shown, as text.
      expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('OpenStreetMap');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it.each([390, 1280])(
    'at %i pixels draws the build’s clusters before the points arrive, and its own in the same places',
    async (width) => {
      // The points file is held back until the build's clusters are on the map.
      let release = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      const { page, problems, requests, close } = await open('map/', {
        width,
        setup: (context) =>
          context.route(/\/map\/points\.json$/, async (route) => {
            await held;
            await route.continue();
          }),
      });
      try {
        await page.locator('.leaflet-marker-icon').first().waitFor();
        expect(await page.getAttribute('[data-module="map"]', 'data-state')).toBe('loading');
        const first = await markersOnMap(page);
        // Pictures, not controls: the page's own markers take keyboard focus once they are drawn.
        expect(first.filter((m) => m.control)).toEqual([]);
        expect(await pointsShown(page)).toBe(layout.located.length);
        release();
        await ready(page);
        const own = await markersOnMap(page);
        expect(own.every((m) => m.control)).toBe(true);
        const key = (m: { look: string; x: number; y: number }) =>
          `${m.look} ${Math.round(m.x)},${Math.round(m.y)}`;
        expect(own.map(key).sort()).toEqual(first.map(key).sort());
        expect((await timingOf(page)).overview).toBe(1);
        expect(requests.filter((u) => u.endsWith('/map/overview.json'))).toHaveLength(1);
        expect(problems).toEqual([]);
      } finally {
        release();
        await close();
      }
    },
  );

  it('does not draw the build’s clusters for a filtered map or a view in the URL', async () => {
    for (const path of ['map/?status=sanctioned', 'map/#map=9/30.6/114.3']) {
      const { page, problems, close } = await open(path);
      try {
        await ready(page);
        expect((await timingOf(page)).overview, path).toBe(0);
        expect(problems, path).toEqual([]);
      } finally {
        await close();
      }
    }
  });

  it('opens a popup from a marker that links to that institution, with its status, places and latest penalty', async () => {
    const { page, problems, close } = await open('map/');
    try {
      await ready(page);
      // Zoom in on clusters until a single-point marker is in view.
      for (let i = 0; i < 12 && (await page.locator('.leaflet-marker-icon.mk').count()) === 0; i++) {
        await page.locator('.leaflet-marker-icon.mk-cluster').first().click();
        await page.waitForTimeout(400);
      }
      const marker = page.locator('.leaflet-marker-icon.mk').first();
      await marker.click();
      const link = page.locator('.leaflet-popup .map-popup-name a');
      await link.waitFor();
      const href = (await link.getAttribute('href')) ?? '';
      const id = /\/institutions\/([^/]+)\/$/.exec(href)?.[1] ?? '';
      const inst = index.institutionById.get(decodeURIComponent(id));
      if (!inst) throw new Error(`popup links to ${href}, no such institution`);
      expect(await link.textContent()).toBe(inst.name);
      const popup = (await page.locator('.leaflet-popup').textContent()) ?? '';
      expect(popup).toContain(STATUS_INFO[inst.status].label);
      expect(popup).toContain(inst.capacity === null ? '未公布' : String(inst.capacity));
      if (inst.latestPenalty) expect(popup).toContain(inst.latestPenalty.slice(0, 4));
      else expect(popup).toContain('无公示期内处罚');
      expect(resolvesInDist(site.dist, site.base, href)).toBe(true);
      // The marker's status is in its shape and its accessible text, not only its colour.
      expect(await marker.locator(`.mk-${inst.status}`).count()).toBe(1);
      expect(await marker.textContent()).toContain(STATUS_INFO[inst.status].label);
      await link.click();
      await page.waitForURL(`**${href}`);
      expect(await page.locator('h1').textContent()).toBe(inst.name);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('reaches an institution from the list with the keyboard: "show on map" opens its popup and focuses the link', async () => {
    const target = layout.located.find((l) => l.placement === 'published');
    if (!target) return;
    const point = layout.pointById.get(target.institution.id);
    const { page, problems, close } = await open('map/');
    try {
      await ready(page);
      const button = page.locator(`[data-p="${point}"] button.map-show`);
      await button.focus();
      await page.keyboard.press('Enter');
      const link = page.locator('.leaflet-popup .map-popup-name a');
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe(`${site.base}institutions/${target.institution.id}/`);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.closest('.leaflet-popup') !== null))
        .toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('opens a marker with Tab and Enter', async () => {
    const target = layout.located.find((l) => l.placement === 'published');
    if (!target) return;
    const { page, problems, close } = await open(
      `map/${formatView({ zoom: 18, lat: target.lat, lon: target.lon })}`,
    );
    try {
      await ready(page);
      await page.locator('.leaflet-marker-icon.mk').first().waitFor();
      await page.locator('.leaflet-marker-icon.mk').first().focus();
      await page.keyboard.press('Enter');
      await page.locator('.leaflet-popup .map-popup-name a').waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('A');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('restores the view and filters from the URL, and writes them back', async () => {
    const sanctioned = layout.located.filter((l) => l.institution.status === 'sanctioned');
    const at = sanctioned[0] ?? layout.located[0];
    if (!at) return;
    const hash = formatView({ zoom: 11, lat: at.lat, lon: at.lon });
    const { page, problems, close } = await open(`map/?status=sanctioned${hash}`);
    try {
      await ready(page);
      expect(await page.locator('input[name="status"][value="sanctioned"]').isChecked()).toBe(true);
      expect(await page.locator('input[name="status"][value="listed"]').isChecked()).toBe(false);
      expect(await page.locator('.map-status').textContent()).toContain(`显示 ${sanctioned.length} 家`);
      expect(new URL(page.url()).hash).toBe(hash);
      await page.locator('.leaflet-control-zoom-in').click();
      await expect.poll(() => parseView(new URL(page.url()).hash)?.zoom).toBe(12);
      const view = parseView(new URL(page.url()).hash);
      expect(view?.lat).toBeCloseTo(at.lat, 2);
      expect(view?.lon).toBeCloseTo(at.lon, 2);
      await page.locator('input[name="status"][value="listed"]').check();
      await expect.poll(() => new URL(page.url()).search).toBe('?status=sanctioned&status=listed');
      // Unticking every box shows nothing, and the URL says so.
      for (const box of await page.locator('input[name="status"]').all()) await box.uncheck();
      expect(await page.locator('.leaflet-marker-icon').count()).toBe(0);
      expect(new URL(page.url()).search).toBe('?status=');
      // Opening the written URL gives the same view.
      await page.reload();
      await ready(page);
      expect(await page.locator('input[name="status"]:checked').count()).toBe(0);
      expect(parseView(new URL(page.url()).hash)?.zoom).toBe(12);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('has no axe violations once the map is drawn', async () => {
    const { page, close } = await open('map/');
    try {
      await ready(page);
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      expect(
        result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([]);
    } finally {
      await close();
    }
  });

  it('looks right at 390 and 1280 pixels (screenshots in .cache/screenshots/)', async () => {
    const dir = join(ROOT, '.cache', 'screenshots');
    mkdirSync(dir, { recursive: true });
    for (const width of [390, 1280]) {
      const { page, problems, close } = await open('map/', { width });
      try {
        await ready(page);
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(dir, `map-${width}.png`) });
        const box = await page.locator('.map-canvas').boundingBox();
        expect(box?.width).toBeGreaterThan(width * 0.5);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    }
  });
});

describe('/map/ without JavaScript', () => {
  it('lists every institution with a place on the map, says how many have none, and its links resolve', async () => {
    const { page, problems, tiles, close } = await open('map/', { javaScript: false });
    try {
      expect(await page.locator('[data-module="map"]').isHidden()).toBe(true);
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain(`${layout.counts.withoutCoordinates} 家机构尚无位置信息`);
      const hrefs = await page
        .locator('.map-list a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      for (const l of layout.located)
        expect(hrefs).toContain(`${site.base}institutions/${l.institution.id}/`);
      for (const i of layout.unlocated) expect(hrefs).toContain(`${site.base}institutions/${i.id}/`);
      expect(hrefs.length).toBe(index.institutions.length);
      for (const h of await page
        .locator('main a[href^="/"]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
        expect(resolvesInDist(site.dist, site.base, h), h).toBe(true);
      }
      expect(await page.locator('.map-list .where', { hasText: '尚无位置信息' }).count()).toBe(
        layout.counts.unlocated,
      );
      expect(await page.locator('.map-list .where', { hasText: '位置为区县中心（近似）' }).count()).toBe(
        layout.counts.approximate,
      );
      expect(tiles).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('small maps', () => {
  it('show an institution where it is, once scrolled into view', async () => {
    const placed = layout.located.find((l) => l.placement === 'published');
    if (!placed) return;
    const { page, problems, close } = await open(`institutions/${placed.institution.id}/`);
    try {
      const figure = page.locator('.small-map');
      await figure.scrollIntoViewIfNeeded();
      await page.waitForSelector('.small-map[data-state="ready"]');
      expect(await figure.locator('.leaflet-marker-icon').count()).toBe(1);
      expect(await figure.locator(`.mk-${placed.institution.status}`).count()).toBe(1);
      const result = await new AxeBuilder({ page }).include('.small-map').analyze();
      expect(result.violations.map((v) => v.id)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('show a region’s points, clustered, with working popups', async () => {
    const [code, [from, to]] = [...layout.ranges].find(
      ([c]) => index.regions.get(c)?.region.level === 'city',
    ) ?? ['', [0, 0]];
    if (!code) return;
    const { page, problems, close } = await open(`regions/${code}/`);
    try {
      const figure = page.locator('.small-map');
      await figure.scrollIntoViewIfNeeded();
      await page.waitForSelector('.small-map[data-state="ready"]');
      expect(await pointsShown(page)).toBe(to - from);
      expect(await figure.locator('figcaption').textContent()).toContain(`${to - from} 家机构在地图上`);
      for (let i = 0; i < 12 && (await figure.locator('.leaflet-marker-icon.mk').count()) === 0; i++) {
        await figure.locator('.leaflet-marker-icon.mk-cluster').first().click();
        await page.waitForTimeout(400);
      }
      await figure.locator('.leaflet-marker-icon.mk').first().click();
      const link = figure.locator('.leaflet-popup .map-popup-name a');
      await link.waitFor();
      const id = /\/institutions\/([^/]+)\/$/.exec((await link.getAttribute('href')) ?? '')?.[1] ?? '';
      expect(index.regions.get(code)?.institutions.some((i) => i.id === id)).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('are hidden without JavaScript', async () => {
    const placed = layout.located[0];
    if (!placed) return;
    const { page, tiles, close } = await open(`institutions/${placed.institution.id}/`, {
      javaScript: false,
    });
    try {
      expect(await page.locator('.small-map').isHidden()).toBe(true);
      expect(tiles).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('附近 on /map/', () => {
  /** What the page should list around a position: every point within the radius, nearest first. */
  const expected = (points: PointsFile, lat: number, lon: number, km: number) => {
    const decoded = decodePoints(points);
    return pointsWithin(decoded, { lat, lon }, km, (i) => decoded.approximate[i] !== 1).map((h) => ({
      name: layout.located[h.local]?.institution.name,
      distance: formatDistance(h.km),
    }));
  };
  const listed = async (page: Page) =>
    page.locator('.map-near-results li').evaluateAll((lis) =>
      lis.map((li) => ({
        name: li.querySelector('a')?.textContent ?? '',
        distance: li.querySelector('.near-distance')?.textContent ?? '',
      })),
    );
  const pointsFile = () => JSON.parse(readFileSync(join(site.dist, 'map/points.json'), 'utf8')) as PointsFile;

  it('lists the institutions around the reader’s position, nearest first with distances, and sends it nowhere', async () => {
    const here = layout.located.find((l) => l.placement === 'published');
    if (!here) throw new Error('the built data has no published coordinates');
    // A position a little off the institution, as a phone reports it.
    const geolocation = { latitude: here.lat + 0.001234, longitude: here.lon - 0.000987 };
    const { page, problems, requests, close } = await open('map/', { geolocation });
    try {
      await ready(page);
      await page.getByRole('button', { name: '用我的位置' }).click();
      const results = page.locator('.map-near-results');
      await results.waitFor({ state: 'visible' });
      const want = expected(pointsFile(), geolocation.latitude, geolocation.longitude, DEFAULT_RADIUS_KM);
      expect(want.length).toBeGreaterThan(0);
      await expect.poll(() => listed(page), { timeout: 10_000 }).toEqual(want.slice(0, 50));
      expect(await results.locator('h2').textContent()).toContain(`${want.length} 家有坐标的机构`);

      await page.getByLabel('范围').selectOption('1');
      const within1 = expected(pointsFile(), geolocation.latitude, geolocation.longitude, 1);
      await expect.poll(() => listed(page), { timeout: 10_000 }).toEqual(within1.slice(0, 50));

      const coordinate = (x: number) => x.toFixed(3);
      for (const url of requests) {
        expect(url).not.toContain(coordinate(geolocation.latitude));
        expect(url).not.toContain(coordinate(geolocation.longitude));
      }
      expect(page.url()).not.toContain(coordinate(geolocation.latitude));
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('finds a typed road in its county from the site’s own places file', async () => {
    const places = JSON.parse(readFileSync(join(site.dist, 'map/places.json'), 'utf8')) as PlacesFile;
    const i = places.names.findIndex((n, k) => n !== places.counties[places.county[k] as number]);
    if (i < 0) throw new Error('the built data names no road');
    const county = places.counties[places.county[i] as number] as string;
    const road = places.names[i] as string;
    const { page, problems, close } = await open('map/');
    try {
      await ready(page);
      await page.getByLabel('或输入道路、街道、镇或区县').fill(`${county}${road}88号`);
      await page.getByRole('button', { name: '查找' }).click();
      await page.locator('.map-near-results').waitFor({ state: 'visible' });
      expect(await page.locator('.map-near-results h2').textContent()).toContain(road);
      const want = expected(
        pointsFile(),
        (places.lat[i] as number) / 1e5,
        (places.lon[i] as number) / 1e5,
        DEFAULT_RADIUS_KM,
      );
      await expect.poll(() => listed(page), { timeout: 10_000 }).toEqual(want.slice(0, 50));
      await page.getByLabel('或输入道路、街道、镇或区县').fill('不存在的火星路');
      await page.getByRole('button', { name: '查找' }).click();
      await expect.poll(() => page.locator('[data-near-message]').textContent()).toContain('没有找到');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
