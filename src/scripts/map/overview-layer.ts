/**
 * The build's clusters of the first national view (src/lib/map/overview.ts), drawn while the page decodes and
 * indexes the points. They are pictures only, neither focusable nor clickable: the cluster layer draws the same
 * markers, as controls, a moment later and this layer goes. A reader who pans or zooms before then sees the build's
 * markers of that zoom level, or none when the file does not have it.
 */
import L from 'leaflet';
import { type OverviewFile, overviewMarkers } from '../../lib/map/overview.ts';
import { MAP_STATUSES } from '../../lib/map/values.ts';
import type { BaseMap } from './base-map.ts';
import { clusterIcon, pointIcon } from './markers.ts';

export interface OverviewLayer {
  remove(): void;
}

/** Draws the file's markers for the map's zoom; null (nothing drawn) when the file does not have that zoom. */
export function drawOverview(base: BaseMap, file: OverviewFile): OverviewLayer | null {
  const { map } = base;
  if (!overviewMarkers(file, map.getZoom())) return null;
  const group = L.layerGroup().addTo(map);
  const draw = () => {
    group.clearLayers();
    const markers = overviewMarkers(file, map.getZoom()) ?? [];
    const bounds = map.getBounds();
    for (const m of markers) {
      if (!bounds.contains([m.lat, m.lon])) continue;
      const lone = m.lone >= 0 ? MAP_STATUSES[m.lone] : undefined;
      const icon = lone
        ? pointIcon(lone, m.approximate)
        : clusterIcon(m.counts.n, m.counts, m.expansion > 0 && m.expansion <= base.maxZoom, m.approximate);
      group.addLayer(L.marker([m.lat, m.lon], { icon, interactive: false, keyboard: false }));
    }
  };
  draw();
  map.on('moveend', draw);
  return {
    remove() {
      map.off('moveend', draw);
      group.remove();
    },
  };
}
