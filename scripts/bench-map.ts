/**
 * The map's part of `npm run bench`: how big the map data is and how long /map/ takes to its first clustered render
 * in Chromium, with tiles blocked (so the figure is the site's own cost, not a tile server's). Runs alternate with a
 * baseline of the same page whose build-time clusters (overview.json) are withheld, so it draws only its own.
 *
 *   benchMap({ distDir })                      the built site as it is
 *   benchMap({ distDir, syntheticPoints: N })  the same page over N distinct synthetic points (a national register
 *                                              whose institutions all publish coordinates — the worst case)
 *
 * Standalone: node scripts/bench-map.ts --dist dist [--synthetic 100000] [--runs 3]
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { toMapPoints } from '../src/lib/map/clusters.ts';
import { overviewFile } from '../src/lib/map/overview.ts';
import { decodePoints, encodePoints, type PointInput } from '../src/lib/map/points-format.ts';
import { displayTransform } from '../src/lib/map/tiles.ts';
import { MAP_SECTORS, MAP_STATUSES } from '../src/lib/map/values.ts';
import { launch } from '../test/e2e/helpers/browser.ts';
import { serve } from '../test/e2e/helpers/serve.ts';

export interface MapBench {
  /** Points in the file measured. */
  points: number;
  pointsBytes: number;
  pointsGzipBytes: number;
  /** All detail files (fetched a chunk at a time by popups) and region slices (small maps). */
  detailsBytes: number;
  detailFiles: number;
  regionBytes: number;
  regionFiles: number;
  /** /map/ HTML and the map's scripts and styles, raw and gzip. */
  pageBytes: number;
  pageGzipBytes: number;
  assetsGzipBytes: number;
  /** Median over runs, from navigation start to the first clustered render (the build's clusters, when drawn). */
  firstRenderMs: number;
  firstRenderRunsMs: number[];
  /** Median over runs, from navigation start to the page's own clusters: the map answers clicks and filters. */
  readyMs: number;
  /** The baseline from the same run: first render with the build's clusters withheld; and firstRenderMs over it. */
  withoutOverviewMs: number;
  ratioToWithoutOverview: number;
  /** The build's clusters of the first view (overview.json), raw and gzip; 0 when there is none. */
  overviewBytes: number;
  overviewGzipBytes: number;
  /** Inside the page script: waiting for the data, decoding it, clustering and drawing. */
  waitForDataMs: number;
  decodeMs: number;
  clusterMs: number;
  /** Every figure the page recorded, from the median run. */
  breakdown: Record<string, number>;
  /** Re-clustering after unticking a status box. */
  refilterMs: number;
  markers: number;
  synthetic: boolean;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const sizeOf = (files: string[]) => files.reduce((n, f) => n + statSync(f).size, 0);
const gzipOf = (file: string) => gzipSync(readFileSync(file)).length;

/** Deterministic points around a few hundred towns, the way institutions sit in cities. */
export function syntheticPoints(n: number, seed = 1): PointInput[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const towns = Array.from({ length: 400 }, () => ({ lat: 22 + rand() * 18, lon: 100 + rand() * 22 }));
  const out: PointInput[] = [];
  for (let i = 0; i < n; i++) {
    const t = towns[Math.floor(rand() * towns.length)] as { lat: number; lon: number };
    // Roughly normal spread of ~10 km around the town centre.
    const r = Math.sqrt(-2 * Math.log(rand() + 1e-12)) * 0.1;
    const a = rand() * 2 * Math.PI;
    const k = rand();
    out.push({
      lat: Math.round((t.lat + r * Math.sin(a)) * 1e6) / 1e6,
      lon: Math.round((t.lon + r * Math.cos(a)) * 1e6) / 1e6,
      status: (k < 0.01
        ? MAP_STATUSES[0]
        : k < 0.06
          ? MAP_STATUSES[1]
          : k < 0.1
            ? MAP_STATUSES[2]
            : MAP_STATUSES[3]) as PointInput['status'],
      sector: MAP_SECTORS[rand() < 0.8 ? 0 : 1] as PointInput['sector'],
      approximate: false,
    });
  }
  // The build orders points by region; sorting by a coarse grid cell does the same for synthetic ones.
  const cell = (p: PointInput) => Math.floor(p.lat * 2) * 1000 + Math.floor(p.lon * 2);
  return out.sort((a, b) => cell(a) - cell(b));
}

/** A copy of the map page and its assets with a synthetic points file, and the build's clusters of it. */
function syntheticSite(distDir: string, n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-map-'));
  cpSync(join(distDir, '_astro'), join(dir, '_astro'), { recursive: true });
  mkdirSync(join(dir, 'map'), { recursive: true });
  const html = readFileSync(join(distDir, 'map', 'index.html'), 'utf8');
  writeFileSync(join(dir, 'map', 'index.html'), html);
  const file = encodePoints(syntheticPoints(n), { asOf: '2026-01-01' });
  writeFileSync(join(dir, 'map', 'points.json'), JSON.stringify(file));
  const crs = /data-tile-crs="gcj02"/.test(html) ? 'gcj02' : 'wgs84';
  const overview = overviewFile(toMapPoints(decodePoints(file), displayTransform(crs)), file.asOf);
  writeFileSync(join(dir, 'map', 'overview.json'), JSON.stringify(overview));
  return dir;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

export async function benchMap(opts: {
  distDir: string;
  syntheticPoints?: number;
  runs?: number;
}): Promise<MapBench> {
  const synthetic = (opts.syntheticPoints ?? 0) > 0;
  const root = synthetic ? syntheticSite(opts.distDir, opts.syntheticPoints as number) : opts.distDir;
  const pointsFile = join(root, 'map', 'points.json');
  const overviewPath = join(root, 'map', 'overview.json');
  const details = filesUnder(join(opts.distDir, 'map', 'details'));
  const regions = filesUnder(join(opts.distDir, 'map', 'regions'));
  const pageFile = join(root, 'map', 'index.html');
  const html = readFileSync(pageFile, 'utf8');
  const points = (JSON.parse(readFileSync(pointsFile, 'utf8')) as { n: number }).n;
  const pointsBytes = statSync(pointsFile).size;
  const pointsGzipBytes = gzipOf(pointsFile);
  const overviewBytes = existsSync(overviewPath) ? statSync(overviewPath).size : 0;
  const overviewGzipBytes = existsSync(overviewPath) ? gzipOf(overviewPath) : 0;

  const server = await serve(root, '/');
  const browser = await launch();
  const runs: ({ firstRenderMs: number; waitForDataMs: number; decodeMs: number; clusterMs: number } & Record<
    string,
    number
  >)[] = [];
  // The baseline, in the same run: the same page with the build's clusters withheld, drawing only its own.
  const withoutOverview: number[] = [];
  let refilterMs = Number.NaN;
  let markers = 0;
  const assets = new Set<string>();
  try {
    const total = opts.runs ?? 3;
    // Alternated, so that a noisy moment falls on both.
    for (let run = 0; run < 2 * total; run++) {
      const baseline = run % 2 === 1;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
      if (baseline) await page.route(/\/map\/overview\.json$/, (r) => r.abort());
      page.on('request', (r) => {
        const u = new URL(r.url());
        if (u.pathname.startsWith('/_astro/')) assets.add(u.pathname);
      });
      await page.goto(`${server.url}map/`);
      await page.waitForSelector('[data-module="map"][data-state="ready"]', { timeout: 60_000 });
      const timing = JSON.parse(
        (await page.getAttribute('[data-module="map"]', 'data-timing')) ?? '{}',
      ) as (typeof runs)[number];
      if (baseline) {
        withoutOverview.push(timing.firstRenderMs);
        await context.close();
        continue;
      }
      runs.push(timing);
      if (run === 0) {
        markers = await page.locator('.leaflet-marker-icon').count();
        refilterMs = await page.evaluate(async () => {
          const box = document.querySelector<HTMLInputElement>('input[name="status"][value="listed"]');
          if (!box) return Number.NaN;
          const t = performance.now();
          box.click();
          await new Promise((r) => requestAnimationFrame(() => r(null)));
          return performance.now() - t;
        });
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    if (synthetic) rmSync(root, { recursive: true, force: true });
  }
  const assetFiles = [...assets].map((p) => join(opts.distDir, p));
  return {
    points,
    pointsBytes,
    pointsGzipBytes,
    detailsBytes: sizeOf(details),
    detailFiles: details.length,
    regionBytes: sizeOf(regions),
    regionFiles: regions.length,
    pageBytes: Buffer.byteLength(html),
    pageGzipBytes: gzipSync(html).length,
    assetsGzipBytes: assetFiles.filter((f) => existsSync(f)).reduce((n, f) => n + gzipOf(f), 0),
    firstRenderMs: median(runs.map((r) => r.firstRenderMs)),
    breakdown: [...runs].sort((a, b) => a.firstRenderMs - b.firstRenderMs)[Math.floor(runs.length / 2)] ?? {},
    firstRenderRunsMs: runs.map((r) => r.firstRenderMs),
    readyMs: median(runs.map((r) => r.readyMs ?? r.firstRenderMs)),
    withoutOverviewMs: median(withoutOverview),
    ratioToWithoutOverview: median(runs.map((r) => r.firstRenderMs)) / median(withoutOverview),
    overviewBytes,
    overviewGzipBytes,
    waitForDataMs: median(runs.map((r) => r.waitForDataMs)),
    decodeMs: median(runs.map((r) => r.decodeMs)),
    clusterMs: median(runs.map((r) => r.clusterMs)),
    refilterMs: Math.round(refilterMs),
    markers,
    synthetic,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const argv = process.argv.slice(2);
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const result = await benchMap({
    distDir: opt('--dist') ?? 'dist',
    syntheticPoints: Number(opt('--synthetic') ?? 0),
    runs: Number(opt('--runs') ?? 3),
  });
  console.log(JSON.stringify(result, null, 2));
}
