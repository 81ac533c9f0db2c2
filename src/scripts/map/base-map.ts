/**
 * A Leaflet map with the deployment's tiles, Chinese control labels and an attribution that inserts no markup from
 * configuration, and the coordinate shift the tiles need (displayTransform in tiles.ts).
 */
import L from 'leaflet';
import {
  type DisplayTransform,
  displayTransform,
  escapeHtml,
  type TileSettings,
} from '../../lib/map/tiles.ts';

export interface BaseMap extends DisplayTransform {
  map: L.Map;
  maxZoom: number;
}

export interface BaseMapOptions {
  label: string;
  /** Small maps on institution and region pages: no scroll-wheel zoom, so the page scrolls past them. */
  compact?: boolean;
  /** Called once when the tiles cannot be loaded (offline, blocked, provider down). */
  onTileError?: () => void;
}

export function createBaseMap(el: HTMLElement, tiles: TileSettings | null, opts: BaseMapOptions): BaseMap {
  const maxZoom = tiles?.maxZoom ?? 18;
  el.setAttribute('role', 'region');
  el.setAttribute('aria-label', opts.label);
  const map = L.map(el, {
    zoomControl: false,
    minZoom: 3,
    maxZoom,
    scrollWheelZoom: !opts.compact,
    worldCopyJump: false,
  });
  L.control.zoom({ zoomInTitle: '放大', zoomOutTitle: '缩小' }).addTo(map);
  // The default prefix carries an inline-styled SVG, which the CSP would block.
  map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
  if (tiles) {
    const layer = L.tileLayer(tiles.url, {
      subdomains: tiles.subdomains.length ? tiles.subdomains : 'abc',
      maxZoom,
      attribution: escapeHtml(tiles.attribution),
    });
    let reported = false;
    layer.on('tileerror', () => {
      if (reported) return;
      reported = true;
      opts.onTileError?.();
    });
    layer.addTo(map);
  } else {
    map.attributionControl.addAttribution('本站未配置底图');
  }
  return { map, ...displayTransform(tiles?.crs), maxZoom };
}
