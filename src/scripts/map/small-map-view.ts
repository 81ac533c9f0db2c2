/**
 * One small map: a single institution from data-* attributes, or a region's points from its slice of the map data
 * (map/regions/<code>.json), clustered like the full map.
 */
import L from 'leaflet';
import type { Status } from '../../lib/domain/schemas.ts';
import { toMapPoints } from '../../lib/map/clusters.ts';
import { decodePoints, type PointsFile } from '../../lib/map/points-format.ts';
import { readTiles } from '../../lib/map/tiles.ts';
import { createBaseMap } from './base-map.ts';
import { createClusterLayer } from './cluster-layer.ts';
import { pointIcon } from './markers.ts';
import { mapStylesheets } from './stylesheets.ts';

export async function showSmallMap(figure: HTMLElement): Promise<void> {
  const canvas = figure.querySelector<HTMLElement>('.small-map-canvas');
  if (!canvas || figure.dataset.state) return;
  figure.dataset.state = 'loading';
  await mapStylesheets();
  const base = createBaseMap(canvas, readTiles(figure.dataset), {
    label: figure.dataset.label ?? '位置地图',
    compact: true,
  });
  const { map } = base;
  const lat = Number(figure.dataset.lat);
  const lon = Number(figure.dataset.lon);
  if (Number.isFinite(lat) && Number.isFinite(lon) && figure.dataset.lat) {
    const status = (figure.dataset.status ?? 'listed') as Status;
    const approximate = figure.dataset.approx === '1';
    const at = base.toDisplay(lat, lon);
    map.setView(at, approximate ? 12 : 15);
    // The page itself is this marker's popup: it is a picture, not a control.
    L.marker(at, { icon: pointIcon(status, approximate), keyboard: false, interactive: false }).addTo(map);
  } else if (figure.dataset.points) {
    const r = await fetch(figure.dataset.points);
    if (!r.ok) throw new Error(`${figure.dataset.points}: ${r.status}`);
    const points = toMapPoints(decodePoints((await r.json()) as PointsFile), base);
    const layer = createClusterLayer(base, points, {
      base: figure.dataset.details ?? '',
      institutions: figure.dataset.institutions ?? '',
      chunk: points.data.chunk,
    });
    map.setView([35, 105], 4);
    layer.setFilter(() => true);
    const b = layer.bounds();
    if (b) map.fitBounds(b, { padding: [20, 20], maxZoom: 15, animate: false });
    layer.render();
  }
  figure.dataset.state = 'ready';
}
