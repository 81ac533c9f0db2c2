/**
 * Clustered markers with supercluster: the index is built once per filter, and only the clusters and points in view
 * are Leaflet markers, so 100,000 institutions cost a few hundred DOM nodes. Markers are keyboard-reachable buttons
 * whose accessible name says what they hold; Enter opens a point's popup or zooms into a cluster.
 */
import L from 'leaflet';
import Supercluster, { type ClusterFeature, type ClusterProperties, type PointFeature } from 'supercluster';
import type { DecodedPoints } from '../../lib/map/points-format.ts';
import type { BaseMap } from './base-map.ts';
import { type ClusterCounts, clusterIcon, pointIcon, pointLabel } from './markers.ts';
import { type DetailSource, listPopup, pointPopup } from './popups.ts';

export interface MapPoints {
  data: DecodedPoints;
  /** Display coordinates (shifted to GCJ-02 when the tiles need it). */
  lat: Float64Array;
  lon: Float64Array;
}

interface PointProps {
  i: number;
}
type ClusterProps = ClusterCounts;

export interface ClusterLayer {
  /** Rebuild the clusters from the points that pass; returns how many there are. */
  setFilter(pass: (local: number) => boolean): number;
  /** Zoom to a point and open its popup, moving focus into it. */
  showPoint(local: number): void;
  /** Bounds of the points that pass the filter, or null when none do. */
  bounds(): L.LatLngBounds | null;
  render(): void;
}

const LIST_MAX = 30;

export function toMapPoints(data: DecodedPoints, base: BaseMap): MapPoints {
  const lat = new Float64Array(data.n);
  const lon = new Float64Array(data.n);
  for (let i = 0; i < data.n; i++) {
    const [y, x] = base.toDisplay(data.lat[i] as number, data.lon[i] as number);
    lat[i] = y;
    lon[i] = x;
  }
  return { data, lat, lon };
}

export function createClusterLayer(base: BaseMap, points: MapPoints, src: DetailSource): ClusterLayer {
  const { map } = base;
  const layer = L.layerGroup().addTo(map);
  const data = points.data;
  let markers = new Map<string, L.Marker>();
  let passing: number[] = [];
  let loaded = false;
  let keyboardOpen = false;

  const index = new Supercluster<PointProps, ClusterProps>({
    radius: 56,
    // Up to the last zoom, so institutions at one address (or one county centre) stay one cluster that lists them.
    maxZoom: base.maxZoom,
    map: (p) => {
      const s = data.status[p.i];
      return { b: s === 0 ? 1 : 0, s: s === 1 ? 1 : 0, r: s === 2 ? 1 : 0 };
    },
    reduce: (acc, p) => {
      acc.b += p.b;
      acc.s += p.s;
      acc.r += p.r;
    },
  });

  /** Focus the first link of an open popup once its content has arrived (for keyboard users). */
  const focusPopup = (popup: L.Popup) => {
    const link = popup.getElement()?.querySelector<HTMLElement>('.map-popup a, .map-popup');
    link?.focus();
  };

  const onKey = (marker: L.Marker, action: () => void) => {
    marker.on('keypress', (e: L.LeafletKeyboardEvent) => {
      if (e.originalEvent.key === 'Enter') {
        keyboardOpen = true;
        action();
      }
    });
  };

  const pointMarker = (local: number): L.Marker => {
    const status = data.statuses[data.status[local] ?? 3] ?? 'listed';
    const approximate = data.approximate[local] === 1;
    const marker = L.marker([points.lat[local] as number, points.lon[local] as number], {
      icon: pointIcon(status, approximate, pointLabel(status, approximate)),
      keyboard: true,
      riseOnHover: true,
    });
    marker.bindPopup(
      () =>
        pointPopup(points, local, src, () => {
          const popup = marker.getPopup();
          popup?.update();
          if (popup && keyboardOpen) focusPopup(popup);
          keyboardOpen = false;
        }),
      { maxWidth: 300, minWidth: 200 },
    );
    // Leaflet opens bound popups on Enter itself; remember that it was the keyboard.
    marker.on('keypress', (e: L.LeafletKeyboardEvent) => {
      if (e.originalEvent.key === 'Enter') keyboardOpen = true;
    });
    marker.on('click', () => {
      keyboardOpen = false;
    });
    return marker;
  };

  const openList = (latlng: L.LatLng, clusterId: number, count: number) => {
    const leaves = index.getLeaves(clusterId, LIST_MAX).map((f) => f.properties.i);
    const popup = L.popup({ maxWidth: 320, minWidth: 220 }).setLatLng(latlng);
    const wasKeyboard = keyboardOpen;
    keyboardOpen = false;
    popup.setContent(
      listPopup(points, leaves, count, src, () => {
        popup.update();
        if (wasKeyboard) focusPopup(popup);
      }),
    );
    popup.openOn(map);
  };

  const clusterMarker = (f: ClusterFeature<ClusterProps>): L.Marker => {
    const [lon, lat] = f.geometry.coordinates as [number, number];
    const id = f.properties.cluster_id;
    const count = f.properties.point_count;
    const expansion = index.getClusterExpansionZoom(id);
    const expandable = expansion <= base.maxZoom;
    const marker = L.marker([lat, lon], {
      icon: clusterIcon(count, f.properties, expandable),
      keyboard: true,
    });
    const act = () => {
      if (expandable) {
        keyboardOpen = false;
        map.setView([lat, lon], expansion);
      } else openList(L.latLng(lat, lon), id, count);
    };
    marker.on('click', act);
    onKey(marker, act);
    return marker;
  };

  const render = () => {
    if (!loaded) return;
    const b = map.getBounds();
    const zoom = Math.round(map.getZoom());
    const west = Math.max(-180, b.getWest());
    const east = Math.min(180, b.getEast());
    const feats = index.getClusters(
      [west, Math.max(-85, b.getSouth()), east, Math.min(85, b.getNorth())],
      zoom,
    );
    const next = new Map<string, L.Marker>();
    for (const f of feats) {
      const p = f.properties as Partial<ClusterProperties> & Partial<PointProps> & ClusterProps;
      const key = p.cluster ? `c${p.cluster_id}` : `p${p.i}`;
      let m = markers.get(key);
      if (m) markers.delete(key);
      else {
        m = p.cluster ? clusterMarker(f as ClusterFeature<ClusterProps>) : pointMarker(p.i as number);
        layer.addLayer(m);
      }
      next.set(key, m);
    }
    for (const m of markers.values()) layer.removeLayer(m);
    markers = next;
  };

  map.on('moveend', render);

  return {
    render,
    setFilter(pass) {
      passing = [];
      const features: PointFeature<PointProps>[] = [];
      for (let i = 0; i < data.n; i++) {
        if (!pass(i)) continue;
        passing.push(i);
        features.push({
          type: 'Feature',
          properties: { i },
          geometry: { type: 'Point', coordinates: [points.lon[i] as number, points.lat[i] as number] },
        });
      }
      index.load(features);
      loaded = true;
      layer.clearLayers();
      markers = new Map();
      render();
      return passing.length;
    },
    bounds() {
      if (!passing.length) return null;
      let s = 90;
      let w = 180;
      let n = -90;
      let e = -180;
      for (const i of passing) {
        const y = points.lat[i] as number;
        const x = points.lon[i] as number;
        if (y < s) s = y;
        if (y > n) n = y;
        if (x < w) w = x;
        if (x > e) e = x;
      }
      return L.latLngBounds([s, w], [n, e]);
    },
    showPoint(local) {
      const ll = L.latLng(points.lat[local] as number, points.lon[local] as number);
      map.setView(ll, Math.max(map.getZoom(), Math.min(base.maxZoom, 16)), { animate: false });
      const popup = L.popup({ maxWidth: 300, minWidth: 200 }).setLatLng(ll);
      popup.setContent(
        pointPopup(points, local, src, () => {
          popup.update();
          focusPopup(popup);
        }),
      );
      popup.openOn(map);
    },
  };
}
