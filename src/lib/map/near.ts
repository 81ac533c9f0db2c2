/**
 * 附近: institutions within a radius of a place, and the places a reader can type. Shared by the build (the places
 * file) and the map script (the search around a point). Nothing here leaves the browser: the reader's position is
 * used in the page only, and a typed place is looked up in a file the site itself publishes.
 *
 * Places are what the register's own data can place without a geocoder: each county with a centre (the median of
 * its institutions' published coordinates, as for approximate positions), and each road, street, town or township
 * named in the addresses of institutions with published coordinates, at the median of those institutions.
 */
import { withoutBlanks } from '../domain/whitespace.ts';
import { COORD_SCALE } from './points-format.ts';

/** The radii offered, in kilometres. */
export const RADII_KM = [1, 3, 5] as const;
export const DEFAULT_RADIUS_KM = 3;

const EARTH_KM = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine), between WGS-84 positions. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface NearHit {
  /** The point's index in the points file. */
  local: number;
  km: number;
}

/**
 * The points within `km` of the centre that pass the filter, nearest first (ties by point order, so the list is the
 * same on every run). A bounding box rules out most points before the exact distance.
 */
export function pointsWithin(
  points: { n: number; lat: ArrayLike<number>; lon: ArrayLike<number> },
  centre: { lat: number; lon: number },
  km: number,
  pass: (local: number) => boolean = () => true,
): NearHit[] {
  const dLat = (km / EARTH_KM) * (180 / Math.PI);
  const dLon = dLat / Math.max(Math.cos(rad(centre.lat)), 1e-6);
  const out: NearHit[] = [];
  for (let i = 0; i < points.n; i++) {
    const lat = points.lat[i] as number;
    const lon = points.lon[i] as number;
    if (Math.abs(lat - centre.lat) > dLat || Math.abs(lon - centre.lon) > dLon || !pass(i)) continue;
    const d = distanceKm(centre.lat, centre.lon, lat, lon);
    if (d <= km) out.push({ local: i, km: d });
  }
  return out.sort((a, b) => a.km - b.km || a.local - b.local);
}

/** 850 米, 2.3 公里: metres under one kilometre (to ten metres), else kilometres to one decimal. */
export function formatDistance(km: number): string {
  if (km < 1) return `${Math.max(10, Math.round((km * 1000) / 10) * 10)} 米`;
  return `${(Math.round(km * 10) / 10).toFixed(1)} 公里`;
}

/** The places file: columns, coordinates as 10⁻⁵-degree integers like the points file (not delta-coded). */
export interface PlacesFile {
  v: 1;
  /** County names, as shown (e.g. 海曙区), indexed by `county`. */
  counties: string[];
  /** Fuller county labels for telling places of the same name apart (宁波市海曙区). */
  countyLabels: string[];
  names: string[];
  county: number[];
  lat: number[];
  lon: number[];
}

export interface Place {
  name: string;
  county: string;
  countyLabel: string;
  lat: number;
  lon: number;
}

/** Roads, streets and towns in an address: 中山西路, 解放大道, 集士港镇, 南门街道. */
const PLACE_WORD = /\p{Script=Han}{1,10}?(?:大道|大街|路|街道|街|巷|胡同|弄|镇|乡)/gu;
/** What follows a road name in an address and is no part of one. */
const NOT_A_PLACE = /^(?:中路|东路|西路|南路|北路|[一二三四五六七八九十\d]+路)$/u;

/**
 * The places an address names, after the region names it starts with (the caller passes them, longest first):
 * "宁波市海曙区中山西路123号" → ["中山西路"]; "集士港镇万众村" → ["集士港镇"].
 */
export function placesInAddress(address: string, regionNames: readonly string[]): string[] {
  let rest = withoutBlanks(address.normalize('NFKC'));
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of regionNames) {
      if (n && rest.startsWith(n)) {
        rest = rest.slice(n.length);
        changed = true;
      }
    }
  }
  const out: string[] = [];
  for (const m of rest.matchAll(PLACE_WORD)) {
    const name = m[0];
    if (name.length >= 2 && !NOT_A_PLACE.test(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export interface PlaceInput {
  /** The county's code, name and fuller label. */
  county: { code: string; name: string; label: string };
  address: string | null;
  lat: number;
  lon: number;
}

/**
 * The places file from institutions with published coordinates and the counties' centres. Sorted by county code
 * and name, so the same data gives the same bytes.
 */
export function buildPlaces(
  located: readonly PlaceInput[],
  centres: ReadonlyMap<string, { lat: number; lon: number }>,
  regionNames: (countyCode: string) => readonly string[],
): PlacesFile {
  const counties = new Map<string, { name: string; label: string }>();
  const byPlace = new Map<string, { lat: number[]; lon: number[] }>();
  for (const l of located) {
    counties.set(l.county.code, { name: l.county.name, label: l.county.label });
    if (!l.address) continue;
    for (const name of placesInAddress(l.address, regionNames(l.county.code))) {
      const key = `${l.county.code}\u0000${name}`;
      const p = byPlace.get(key) ?? { lat: [], lon: [] };
      p.lat.push(l.lat);
      p.lon.push(l.lon);
      byPlace.set(key, p);
    }
  }
  const codes = [...counties.keys()].sort();
  const index = new Map(codes.map((c, i) => [c, i]));
  const rows: Array<[number, string, number, number]> = [];
  for (const code of codes) {
    const c = centres.get(code);
    if (c) rows.push([index.get(code) as number, counties.get(code)?.name ?? code, c.lat, c.lon]);
  }
  for (const [key, p] of byPlace) {
    const [code, name] = key.split('\u0000') as [string, string];
    rows.push([index.get(code) as number, name, median(p.lat), median(p.lon)]);
  }
  rows.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return {
    v: 1,
    counties: codes.map((c) => counties.get(c)?.name ?? c),
    countyLabels: codes.map((c) => counties.get(c)?.label ?? c),
    names: rows.map((r) => r[1]),
    county: rows.map((r) => r[0]),
    lat: rows.map((r) => Math.round(r[2] * COORD_SCALE)),
    lon: rows.map((r) => Math.round(r[3] * COORD_SCALE)),
  };
}

/**
 * The places a typed text may mean, best first: places whose name the text contains (the longest name first, and
 * among them those whose county the text names too), or, failing that, places whose name contains the text.
 * "海曙区中山西路100号" → 中山西路 in 海曙区; "中山西路" → every 中山西路, for the reader to choose.
 */
export function findPlaces(file: PlacesFile, typed: string, limit = 8): Place[] {
  const q = withoutBlanks(typed.normalize('NFKC'));
  if (q.length < 2) return [];
  const place = (i: number): Place => {
    const c = file.county[i] as number;
    return {
      name: file.names[i] as string,
      county: file.counties[c] as string,
      countyLabel: file.countyLabels[c] as string,
      lat: (file.lat[i] as number) / COORD_SCALE,
      lon: (file.lon[i] as number) / COORD_SCALE,
    };
  };
  const scored: Array<{ i: number; score: number }> = [];
  for (let i = 0; i < file.names.length; i++) {
    const name = file.names[i] as string;
    const county = file.counties[file.county[i] as number] as string;
    const isCounty = name === county;
    if (q.includes(name)) {
      // A road in the county the text names beats the county itself; a longer name beats a shorter one.
      const inCounty = !isCounty && q.includes(county) ? 100 : 0;
      scored.push({ i, score: 1000 + inCounty + name.length * 2 + (isCounty ? 0 : 1) });
    } else if (name.includes(q)) scored.push({ i, score: q.length });
  }
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  const best = scored[0]?.score ?? 0;
  // A text that names a place outright keeps only the places named as well as the best; a fragment keeps them all.
  const kept = best >= 1000 ? scored.filter((s) => s.score === best) : scored;
  return kept.slice(0, limit).map((s) => place(s.i));
}
