/**
 * The first national view, clustered at build time (overview.json): /map/ draws it as soon as its script runs, before
 * the points file is decoded and indexed, then swaps in its own clusters — the same ones, from the same code
 * (clusters.ts) — once they are ready. Only the unfiltered map opened without a view in its URL uses it; any other
 * view waits for the points as before.
 *
 * The zoom levels kept are those at which the page can open: Leaflet fits the points' bounds to the map, whose size
 * depends on the screen (map.css: 20–40rem high, as wide as the page), so every zoom fitZoom gives from a phone to a
 * wide screen is clustered. Each cluster or site is one row of OVERVIEW_FIELDS integers.
 */
import {
  boundsOf,
  CLUSTER_MAX_ZOOM,
  type Counts,
  clusterIndex,
  groupSites,
  type MapPoints,
  siteCounts,
} from './clusters.ts';

export const OVERVIEW_VERSION = 1;
/**
 * Fields of a row: latitude and longitude (10⁻⁵ degree, display coordinates); n, b, s, r (Counts); the zoom that
 * splits it (0: a site, institutions at one place); approximate (1: a county centre); the status index of a site's
 * only institution (-1: a cluster, or a site of several).
 */
export const OVERVIEW_FIELDS = 9;
/** Rows kept at most: zoom levels past it are left to the page's own clustering. */
export const OVERVIEW_MAX_ROWS = 6000;
/** The map's padding on each side when it fits the points (map.ts). */
export const FIT_PADDING = 24;
/** The smallest and largest map the page draws, in CSS pixels (map.css). */
const SMALLEST: [number, number] = [240, 320];
const LARGEST: [number, number] = [2560, 640];
const MIN_ZOOM = 3;

export interface OverviewFile {
  v: number;
  asOf: string;
  /** Points in the points file it was made from. */
  n: number;
  /** South, west, north, east of every point, in display coordinates, exactly as the page computes them. */
  bounds: [number, number, number, number];
  /** Rows by zoom level. */
  zooms: Record<string, number[]>;
}

export interface OverviewMarker {
  lat: number;
  lon: number;
  counts: Counts;
  /** The zoom level that splits the cluster, or 0 for a site (institutions at one place). */
  expansion: number;
  approximate: boolean;
  /** The status index (points-format) of a site's only institution, or -1. */
  lone: number;
}

const mercatorY = (lat: number) => {
  const s = Math.sin((Math.max(-85.0511287798, Math.min(85.0511287798, lat)) * Math.PI) / 180);
  return Math.log((1 + s) / (1 - s)) / 2;
};

/**
 * The zoom at which Leaflet's fitBounds shows the bounds in a map of that size (Map.getBoundsZoom, zoomSnap 1):
 * the largest whole zoom at which the bounds and the padding fit, after rounding the exact zoom to hundredths.
 */
export function fitZoom(
  bounds: readonly [number, number, number, number],
  size: readonly [number, number],
  maxZoom = CLUSTER_MAX_ZOOM,
): number {
  const [s, w, n, e] = bounds;
  // Pixels at zoom 0 (a 256-pixel world).
  const bx = ((e - w) / 360) * 256;
  const by = ((mercatorY(n) - mercatorY(s)) / (2 * Math.PI)) * 256;
  const pad = 2 * FIT_PADDING;
  const scale = Math.min((size[0] - pad) / bx, (size[1] - pad) / by);
  let zoom = Number.isFinite(scale) ? Math.log2(scale) : CLUSTER_MAX_ZOOM;
  zoom = Math.floor(Math.round(zoom * 100) / 100);
  return Math.max(MIN_ZOOM, Math.min(maxZoom, zoom));
}

export function overviewFile(points: MapPoints, asOf: string): OverviewFile {
  const data = points.data;
  const sites = groupSites(data, () => true);
  const bounds = boundsOf(points, sites);
  const file: OverviewFile = {
    v: OVERVIEW_VERSION,
    asOf,
    n: data.n,
    bounds: bounds ?? [0, 0, 0, 0],
    zooms: {},
  };
  if (!bounds) return file;
  const index = clusterIndex(points, sites);
  let rows = 0;
  for (let z = fitZoom(bounds, SMALLEST); z <= fitZoom(bounds, LARGEST); z++) {
    const row: number[] = [];
    for (const f of index.getClusters([-180, -85, 180, 85], z)) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      const p = f.properties as Partial<Counts> & { cluster?: boolean; cluster_id?: number; site?: number };
      let counts: Counts;
      let expansion = 0;
      let approximate = 0;
      let lone = -1;
      if (p.cluster) {
        counts = { n: p.n ?? 0, b: p.b ?? 0, s: p.s ?? 0, r: p.r ?? 0 };
        expansion = index.getClusterExpansionZoom(p.cluster_id as number);
      } else {
        const site = p.site as number;
        counts = siteCounts(data, sites, site);
        const members = sites.members.subarray(sites.start[site] as number, sites.start[site + 1] as number);
        approximate = members.every((i) => data.approximate[i] === 1) ? 1 : 0;
        if (members.length === 1) lone = data.status[members[0] as number] as number;
      }
      row.push(
        Math.round(lat * 1e5),
        Math.round(lon * 1e5),
        counts.n,
        counts.b,
        counts.s,
        counts.r,
        expansion,
        approximate,
        lone,
      );
    }
    rows += row.length / OVERVIEW_FIELDS;
    // The lowest level is always kept; a level that would take the file past the limit ends it.
    if (Object.keys(file.zooms).length > 0 && rows > OVERVIEW_MAX_ROWS) break;
    file.zooms[z] = row;
  }
  return file;
}

/** The markers of one zoom level, or null when the file does not have it (or is not one this page reads). */
export function overviewMarkers(file: OverviewFile, zoom: number): OverviewMarker[] | null {
  if (file.v !== OVERVIEW_VERSION) return null;
  const row = file.zooms[zoom];
  if (!row || row.length % OVERVIEW_FIELDS !== 0) return null;
  const out: OverviewMarker[] = [];
  for (let k = 0; k < row.length; k += OVERVIEW_FIELDS) {
    const at = (j: number) => row[k + j] as number;
    out.push({
      lat: at(0) / 1e5,
      lon: at(1) / 1e5,
      counts: { n: at(2), b: at(3), s: at(4), r: at(5) },
      expansion: at(6),
      approximate: at(7) === 1,
      lone: at(8),
    });
  }
  return out;
}
