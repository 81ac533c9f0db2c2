/**
 * The map's view and filters in the URL, so a link shows what its sender saw.
 *
 * View: `#map=zoom/lat/lon` (as openstreetmap.org writes it), in WGS-84 whatever the tiles use.
 * Filters: `?sector=…&status=…` with the same names and values as search (schema slugs; repeated or comma-separated);
 * `approx=0` hides approximate positions. No parameter means no restriction; a parameter with no known value
 * (`status=`) means nothing passes, which is what a reader who unticks every box expects to see.
 */
import type { Sector, Status } from '../domain/schemas.ts';
import { MAP_SECTORS as SECTORS, MAP_STATUSES as STATUSES } from './values.ts';

export interface MapView {
  zoom: number;
  lat: number;
  lon: number;
}

export interface MapFilters {
  /** The sectors shown, in schema order. */
  sectors: Sector[];
  /** The statuses shown, in schema order. */
  statuses: Status[];
  approximate: boolean;
}

export const NO_FILTERS: MapFilters = { sectors: [...SECTORS], statuses: [...STATUSES], approximate: true };

const MAX_ZOOM = 22;

export function parseView(hash: string): MapView | null {
  const m = /(?:^#|&)map=(\d{1,2})\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)(?:&|$)/.exec(hash);
  if (!m) return null;
  const zoom = Number(m[1]);
  const lat = Number(m[2]);
  const lon = Number(m[3]);
  if (zoom > MAX_ZOOM || Math.abs(lat) > 85.06 || Math.abs(lon) > 180) return null;
  return { zoom, lat, lon };
}

/** Decimals growing with the zoom as openstreetmap.org writes them (5 at street level, about a metre). */
export function formatView(v: MapView): string {
  const zoom = Math.max(0, Math.min(MAX_ZOOM, Math.round(v.zoom)));
  const d = zoom < 1 ? 0 : Math.min(5, Math.ceil(Math.log2(zoom)));
  const fix = (x: number) => {
    const s = x.toFixed(d);
    return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
  };
  return `#map=${zoom}/${fix(v.lat)}/${fix(v.lon)}`;
}

function values<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T[] {
  if (!params.has(name)) return [...allowed];
  const seen = new Set<T>();
  for (const v of params.getAll(name)) {
    for (const part of v.split(',')) {
      const t = part.trim() as T;
      if (allowed.includes(t)) seen.add(t);
    }
  }
  return allowed.filter((a) => seen.has(a));
}

export function parseFilters(search: string | URLSearchParams): MapFilters {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  return {
    sectors: values(params, 'sector', SECTORS),
    statuses: values(params, 'status', STATUSES),
    approximate: params.get('approx') !== '0',
  };
}

/** The query string for the filters, keeping any other parameters; '' when nothing is left. */
export function formatFilters(f: MapFilters, keep: string | URLSearchParams = ''): string {
  const params = new URLSearchParams(keep);
  for (const name of ['sector', 'status', 'approx']) params.delete(name);
  const write = <T extends string>(name: string, chosen: readonly T[], all: readonly T[]) => {
    if (chosen.length === all.length) return;
    if (chosen.length === 0) params.set(name, '');
    for (const v of all) if (chosen.includes(v)) params.append(name, v);
  };
  write('sector', f.sectors, SECTORS);
  write('status', f.statuses, STATUSES);
  if (!f.approximate) params.set('approx', '0');
  const q = params.toString();
  return q ? `?${q}` : '';
}

/** Whether a point with these codes passes the filters. */
export function passes(f: MapFilters, status: Status, sector: Sector, approximate: boolean): boolean {
  if (approximate && !f.approximate) return false;
  return f.sectors.includes(sector) && f.statuses.includes(status);
}

export interface Bounds {
  south: number;
  west: number;
  north: number;
  east: number;
}

const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
const unMercY = (y: number) => ((2 * Math.atan(Math.exp(y)) - Math.PI / 2) * 180) / Math.PI;

/** The view that fits the bounds in a width × height pixel map (Web Mercator, 256-pixel tiles), for static links. */
export function viewForBounds(b: Bounds, width = 800, height = 500, minZoom = 3, maxZoom = 16): MapView {
  const fx = Math.max((b.east - b.west) / 360, 1e-9);
  const fy = Math.max((mercY(b.north) - mercY(b.south)) / (2 * Math.PI), 1e-9);
  const z = Math.floor(Math.min(Math.log2(width / (256 * fx)), Math.log2(height / (256 * fy))));
  return {
    zoom: Math.max(minZoom, Math.min(maxZoom, z)),
    lat: unMercY((mercY(b.north) + mercY(b.south)) / 2),
    lon: (b.west + b.east) / 2,
  };
}
