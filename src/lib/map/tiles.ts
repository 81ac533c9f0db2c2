/**
 * Tile settings as the browser receives them: data-* attributes on the map element (the CSP allows no inline
 * script), read back by readTiles. The CSP side is src/lib/site/csp.ts.
 */

export type TileCrs = 'wgs84' | 'gcj02';

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
