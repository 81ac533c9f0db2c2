/**
 * /map/: turns the region list into a clustered map above it. The list stays the complete, accessible record; the
 * map is shown only once this script runs, and each list entry gains a button that shows it on the map.
 *
 * The view and filters live in the URL (map-state.ts), restored on load and on back/forward.
 */

import type { Sector, Status } from '../lib/domain/schemas.ts';
import { toMapPoints } from '../lib/map/clusters.ts';
import {
  formatFilters,
  formatView,
  type MapFilters,
  parseFilters,
  parseView,
  passes,
} from '../lib/map/map-state.ts';
import type { OverviewFile } from '../lib/map/overview.ts';
import { decodePoints, KIND_COUNT, kindOf, type PointsFile } from '../lib/map/points-format.ts';
import { readTiles } from '../lib/map/tiles.ts';
import { MAP_SECTORS as SECTORS, MAP_STATUSES as STATUSES } from '../lib/map/values.ts';
import { formatCount } from '../lib/site/format.ts';
import { createBaseMap } from './map/base-map.ts';
import { createClusterLayer } from './map/cluster-layer.ts';
import { setupNearPanel } from './map/near-panel.ts';
import { drawOverview, type OverviewLayer } from './map/overview-layer.ts';
import { mapStylesheets } from './map/stylesheets.ts';

const CHINA = { lat: 35, lon: 105, zoom: 4 };
const FIT = { padding: [24, 24] as [number, number], maxZoom: 14, animate: false };

const isUnfiltered = (f: MapFilters) =>
  f.approximate && f.sectors.length === SECTORS.length && f.statuses.length === STATUSES.length;

/** Resolves after the next frame has been drawn. */
const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

function checkedValues<T extends string>(controls: HTMLElement, name: string, all: readonly T[]): T[] {
  const on = new Set(
    [...controls.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)]
      .filter((i) => i.checked)
      .map((i) => i.value),
  );
  return all.filter((v) => on.has(v));
}

function readControls(controls: HTMLElement): MapFilters {
  return {
    sectors: checkedValues<Sector>(controls, 'sector', SECTORS),
    statuses: checkedValues<Status>(controls, 'status', STATUSES),
    approximate: controls.querySelector<HTMLInputElement>('input[name="approx"]')?.checked ?? true,
  };
}

function writeControls(controls: HTMLElement, f: MapFilters): void {
  for (const input of controls.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) {
    if (input.name === 'sector') input.checked = f.sectors.includes(input.value as Sector);
    else if (input.name === 'status') input.checked = f.statuses.includes(input.value as Status);
    else if (input.name === 'approx') input.checked = f.approximate;
  }
}

async function start(app: HTMLElement): Promise<void> {
  const started = performance.now();
  const canvas = app.querySelector<HTMLElement>('.map-canvas');
  const controls = app.querySelector<HTMLElement>('.map-filters');
  const status = app.querySelector<HTMLElement>('.map-status');
  const tileNote = app.querySelector<HTMLElement>('.map-tile-error');
  const pointsUrl = app.dataset.points;
  if (!canvas || !controls || !status || !pointsUrl) return;
  app.dataset.state = 'loading';
  const pointsRequest = fetch(pointsUrl).then((r) => {
    if (!r.ok) throw new Error(`${pointsUrl}: ${r.status}`);
    return r.json() as Promise<PointsFile>;
  });
  let filters = parseFilters(location.search);
  const initial = parseView(location.hash);
  // The build's clusters of the first national view, for a map opened unfiltered and without a view in its URL.
  const overviewUrl = !initial && isUnfiltered(filters) ? app.dataset.overview : undefined;
  const overviewRequest = overviewUrl
    ? fetch(overviewUrl)
        .then((r) => (r.ok ? (r.json() as Promise<OverviewFile>) : null))
        .catch(() => null)
    : Promise.resolve(null);
  await mapStylesheets();
  app.hidden = false;

  const base = createBaseMap(canvas, readTiles(app.dataset), {
    label: '机构分布地图',
    onTileError: () => {
      if (tileNote) tileNote.hidden = false;
    },
  });
  const { map } = base;
  if (initial) map.setView(base.toDisplay(initial.lat, initial.lon), initial.zoom);
  else map.setView([CHINA.lat, CHINA.lon], CHINA.zoom);

  const overview = await overviewRequest;
  let firstDrawn: number | null = null;
  let shownOverview: OverviewLayer | null = null;
  if (overview) {
    const [south, west, north, east] = overview.bounds;
    if (overview.n > 0)
      map.fitBounds(
        [
          [south, west],
          [north, east],
        ],
        FIT,
      );
    shownOverview = drawOverview(base, overview);
    if (shownOverview) {
      await nextFrame();
      firstDrawn = performance.now();
    }
  }

  const t0 = performance.now();
  const file = await pointsRequest;
  const t1 = performance.now();
  const points = toMapPoints(decodePoints(file), base);
  // Where popups and the 附近 list fetch names and link to.
  const src = {
    base: app.dataset.details ?? '',
    institutions: app.dataset.institutions ?? '',
    chunk: points.data.chunk,
  };
  const layer = createClusterLayer(base, points, src);

  writeControls(controls, filters);
  const d = points.data;
  // One lookup per point: whether each status × sector × approximate combination passes.
  const ok = new Uint8Array(KIND_COUNT);
  const pass = (i: number) =>
    ok[kindOf(d.status[i] as number, d.sector[i] as number, d.approximate[i] as number)] === 1;
  const apply = (): number => {
    d.statuses.forEach((st, s) => {
      d.sectors.forEach((se, c) => {
        for (const a of [0, 1]) ok[kindOf(s, c, a)] = passes(filters, st, se, a === 1) ? 1 : 0;
      });
    });
    const shown = layer.setFilter(pass);
    status.textContent =
      shown === d.n
        ? `地图上显示全部 ${formatCount(shown)} 家有位置的机构。`
        : `地图上显示 ${formatCount(shown)} 家机构（共 ${formatCount(d.n)} 家有位置）。`;
    return shown;
  };
  const t2 = performance.now();
  apply();
  if (!initial) {
    const b = layer.bounds();
    if (b) map.fitBounds(b, FIT);
  }
  layer.render();
  // The page's own markers are drawn: the build's, standing in the same places, go.
  shownOverview?.remove();
  const t3 = performance.now();
  app.dataset.state = 'ready';
  app.dataset.timing = JSON.stringify({
    scriptStartMs: Math.round(started),
    waitForDataMs: Math.round(t1 - t0),
    decodeMs: Math.round(t2 - t1),
    clusterMs: Math.round(t3 - t2),
    ...layer.timing,
    // The first clustered view on screen: the build's when it was drawn, else the page's own.
    firstRenderMs: Math.round(firstDrawn ?? t3),
    overview: firstDrawn === null ? 0 : 1,
    readyMs: Math.round(t3),
    points: points.data.n,
  });
  performance.mark('map:first-render');

  const writeUrl = () => {
    const c = map.getCenter();
    const [lat, lon] = base.toWgs84(c.lat, c.lng);
    const url = `${location.pathname}${formatFilters(filters, location.search)}${formatView({ zoom: map.getZoom(), lat, lon })}`;
    if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, '', url);
  };
  map.on('moveend', writeUrl);
  const nearPanel = app.querySelector<HTMLElement>('.map-near');
  const nearResults = document.querySelector<HTMLElement>('.map-near-results');
  const near =
    nearPanel && nearResults
      ? setupNearPanel(nearPanel, nearResults, {
          base,
          points,
          pass,
          src,
          placesUrl: nearPanel.dataset.places ?? '',
        })
      : null;
  controls.addEventListener('change', () => {
    filters = readControls(controls);
    apply();
    near?.refresh();
    writeUrl();
  });
  window.addEventListener('hashchange', () => {
    const v = parseView(location.hash);
    if (v) map.setView(base.toDisplay(v.lat, v.lon), v.zoom);
  });
  window.addEventListener('popstate', () => {
    filters = parseFilters(location.search);
    writeControls(controls, filters);
    apply();
  });

  // Every list entry with a place on the map gets a button that shows it there.
  for (const item of document.querySelectorAll<HTMLElement>('[data-p]')) {
    const local = Number(item.dataset.p) - points.data.offset;
    if (!Number.isInteger(local) || local < 0 || local >= points.data.n) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'map-show';
    button.textContent = '在地图上显示';
    button.addEventListener('click', () => {
      canvas.scrollIntoView({ block: 'center' });
      layer.showPoint(local);
    });
    item.append(' ', button);
  }
}

const app = document.querySelector<HTMLElement>('[data-module="map"]');
if (app) {
  start(app).catch((e: unknown) => {
    app.dataset.state = 'error';
    const status = app.querySelector<HTMLElement>('.map-status');
    if (status) status.textContent = '地图数据无法载入，请使用下方按地区列出的名单。';
    console.error(e);
  });
}
