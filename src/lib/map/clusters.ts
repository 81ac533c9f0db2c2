/**
 * The map's clustering, shared by the browser (src/scripts/map/cluster-layer.ts) and the build, which clusters the
 * first national view ahead of time (overview.ts): the same code on the same numbers draws the same clusters, so the
 * page can show the build's clusters first and swap in its own without a marker moving.
 *
 * Institutions at exactly the same place (one address, or one county centre) are indexed once, as a site: they can
 * never be told apart by zooming, so their marker lists them. Clusters are built up to CLUSTER_MAX_ZOOM only: above
 * it a screen holds a few square kilometres and every site is drawn, and each zoom level clustered costs about as
 * much as the first render's whole budget at 100,000 distinct points.
 */
import Supercluster, { type PointFeature } from 'supercluster';
import type { DecodedPoints } from './points-format.ts';
import type { DisplayTransform } from './tiles.ts';

export const CLUSTER_MAX_ZOOM = 14;
/** Pixels within which points join a cluster. */
export const CLUSTER_RADIUS = 56;

export interface MapPoints {
  data: DecodedPoints;
  /** Display coordinates (shifted to GCJ-02 when the tiles need it). */
  lat: Float64Array;
  lon: Float64Array;
}

export function toMapPoints(data: DecodedPoints, transform: DisplayTransform): MapPoints {
  const lat = new Float64Array(data.n);
  const lon = new Float64Array(data.n);
  for (let i = 0; i < data.n; i++) {
    const [y, x] = transform.toDisplay(data.lat[i] as number, data.lon[i] as number);
    lat[i] = y;
    lon[i] = x;
  }
  return { data, lat, lon };
}

/**
 * The passing points grouped by exact position: the sites' members as one array in site order, with each site's
 * start in it (CSR layout: typed arrays instead of 100,000 small ones).
 */
export interface Sites {
  start: Int32Array;
  members: Int32Array;
  count: number;
  passing: number;
}

export interface SiteProps {
  site: number;
}

/** Institutions under a cluster or site: all of them, and the blacklisted, sanctioned and removed ones. */
export interface Counts {
  n: number;
  b: number;
  s: number;
  r: number;
}

/**
 * Positions are hashed into an open-addressing table: a Map keyed by number took 90 ms at 100,000 points, this
 * takes a few.
 */
export function groupSites(data: DecodedPoints, pass: (local: number) => boolean): Sites {
  const siteOf = new Int32Array(data.n).fill(-1);
  let size = 1024;
  while (size < data.n * 2) size *= 2;
  const mask = size - 1;
  const slotY = new Int32Array(size);
  const slotX = new Int32Array(size);
  const slotSite = new Int32Array(size).fill(-1);
  const sizes: number[] = [];
  let passing = 0;
  for (let i = 0; i < data.n; i++) {
    if (!pass(i)) continue;
    passing++;
    // Coordinates came as 10⁻⁵-degree integers: these are exact.
    const y = Math.round((data.lat[i] as number) * 1e5);
    const x = Math.round((data.lon[i] as number) * 1e5);
    let h = (Math.imul(y, 73856093) ^ Math.imul(x, 19349663)) & mask;
    while (slotSite[h] !== -1 && (slotY[h] !== y || slotX[h] !== x)) h = (h + 1) & mask;
    let s = slotSite[h] as number;
    if (s === -1) {
      s = sizes.length;
      slotSite[h] = s;
      slotY[h] = y;
      slotX[h] = x;
      sizes.push(0);
    }
    siteOf[i] = s;
    sizes[s] = (sizes[s] as number) + 1;
  }
  const start = new Int32Array(sizes.length + 1);
  for (let s = 0; s < sizes.length; s++) start[s + 1] = (start[s] as number) + (sizes[s] as number);
  const fill = start.slice(0, sizes.length);
  const members = new Int32Array(passing);
  for (let i = 0; i < data.n; i++) {
    const s = siteOf[i] as number;
    if (s >= 0) members[(fill[s] as number)++] = i;
  }
  return { start, members, count: sizes.length, passing };
}

export function siteCounts(data: DecodedPoints, sites: Sites, site: number): Counts {
  const c = { n: 0, b: 0, s: 0, r: 0 };
  const end = sites.start[site + 1] as number;
  for (let k = sites.start[site] as number; k < end; k++) {
    const s = data.status[sites.members[k] as number];
    c.n++;
    if (s === 0) c.b++;
    else if (s === 1) c.s++;
    else if (s === 2) c.r++;
  }
  return c;
}

export type ClusterIndex = Supercluster<SiteProps, Counts>;

/** A supercluster index over the sites, each standing at its first member's display position. */
export function clusterIndex(points: MapPoints, sites: Sites): ClusterIndex {
  const index = new Supercluster<SiteProps, Counts>({
    radius: CLUSTER_RADIUS,
    maxZoom: CLUSTER_MAX_ZOOM,
    map: (p) => siteCounts(points.data, sites, p.site),
    reduce: (acc, p) => {
      acc.n += p.n;
      acc.b += p.b;
      acc.s += p.s;
      acc.r += p.r;
    },
  });
  const features: PointFeature<SiteProps>[] = new Array(sites.count);
  for (let s = 0; s < sites.count; s++) {
    const first = sites.members[sites.start[s] as number] as number;
    features[s] = {
      type: 'Feature',
      properties: { site: s },
      geometry: { type: 'Point', coordinates: [points.lon[first] as number, points.lat[first] as number] },
    };
  }
  return index.load(features);
}

/** South, west, north, east of the sites' members, or null when there are none. */
export function boundsOf(points: MapPoints, sites: Sites): [number, number, number, number] | null {
  if (!sites.passing) return null;
  let s = 90;
  let w = 180;
  let n = -90;
  let e = -180;
  for (const i of sites.members) {
    const y = points.lat[i] as number;
    const x = points.lon[i] as number;
    if (y < s) s = y;
    if (y > n) n = y;
    if (x < w) w = x;
    if (x > e) e = x;
  }
  return [s, w, n, e];
}
