/**
 * Tile settings as the browser receives them: data-* attributes on the map element (the CSP allows no inline
 * script), read back by readTiles. The CSP side is src/lib/site/csp.ts.
 */

import gcoord from 'gcoord';
import type { Crs } from '../domain/rules/vocabularies.ts';

export type TileCrs = Crs;

export interface TileSettings {
  url: string;
  subdomains: string[];
  maxZoom: number;
  attribution: string;
  crs: TileCrs;
}

export function tileAttributes(tiles: TileSettings | null): Record<string, string> {
  if (!tiles) return {};
  return {
    'data-tile-url': tiles.url,
    'data-tile-subdomains': tiles.subdomains.join(','),
    'data-tile-max-zoom': String(tiles.maxZoom),
    'data-tile-attribution': tiles.attribution,
    'data-tile-crs': tiles.crs,
  };
}

export function readTiles(dataset: DOMStringMap): TileSettings | null {
  const url = dataset.tileUrl;
  if (!url || !/^https?:\/\//.test(url)) return null;
  const maxZoom = Number(dataset.tileMaxZoom);
  return {
    url,
    subdomains: (dataset.tileSubdomains ?? '').split(',').filter(Boolean),
    maxZoom: Number.isInteger(maxZoom) && maxZoom > 0 ? maxZoom : 18,
    attribution: dataset.tileAttribution ?? '',
    crs: dataset.tileCrs === 'gcj02' ? 'gcj02' : 'wgs84',
  };
}

/** Attribution is configured as plain text; Leaflet inserts attributions as HTML, so escape it. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface DisplayTransform {
  /** WGS-84 → the tiles' coordinates. */
  toDisplay(lat: number, lon: number): [number, number];
  /** The tiles' coordinates → WGS-84. */
  toWgs84(lat: number, lon: number): [number, number];
}

const identity = (lat: number, lon: number): [number, number] => [lat, lon];

/**
 * How markers are shifted for the tiles. GCJ-02 tiles (Amap and other Chinese providers) are drawn offset from
 * WGS-84 by a few hundred metres; the data stays WGS-84 and is shifted in the browser, and the view written to the
 * URL is shifted back, so a link means the same place on every deployment.
 */
export function displayTransform(crs: TileCrs | undefined): DisplayTransform {
  if (crs !== 'gcj02') return { toDisplay: identity, toWgs84: identity };
  return {
    toDisplay(lat, lon) {
      const [x, y] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
      return [y, x];
    },
    toWgs84(lat, lon) {
      const [x, y] = gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
      return [y, x];
    },
  };
}
