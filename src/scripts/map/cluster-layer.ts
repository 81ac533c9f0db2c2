/**
 * Clustered markers with supercluster (the index and sites: src/lib/map/clusters.ts): the index is built once per
 * filter, and only the clusters and points in view are Leaflet markers, so 100,000 institutions cost a few hundred DOM
 * nodes. Markers are keyboard-reachable buttons whose accessible name says what they hold; Enter opens a point's popup
 * or zooms into a cluster.
 */
import L from 'leaflet';
import type { ClusterFeature, ClusterProperties } from 'supercluster';
import {
  boundsOf,
  type ClusterIndex,
  type Counts,
  clusterIndex,
  groupSites,
  type MapPoints,
  type SiteProps,
  siteCounts,
} from '../../lib/map/clusters.ts';
import type { BaseMap } from './base-map.ts';
import { clusterIcon, pointIcon, pointLabel } from './markers.ts';
import { type DetailSource, listPopup, pointPopup } from './popups.ts';

const LIST_MAX = 30;

export interface ClusterLayer {
  /** Rebuild the clusters from the points that pass; returns how many there are. */
  setFilter(pass: (local: number) => boolean): number;
  /** Zoom to a point and open its popup, moving focus into it. */
  showPoint(local: number): void;
  /** Bounds of the points that pass the filter, or null when none do. */
  bounds(): L.LatLngBounds | null;
  render(): void;
  /** Milliseconds the last setFilter spent grouping sites, building the index and drawing. */
  timing: { groupMs: number; indexMs: number; drawMs: number };
}

export function createClusterLayer(base: BaseMap, points: MapPoints, src: DetailSource): ClusterLayer {
  const { map } = base;
  const layer = L.layerGroup().addTo(map);
  const data = points.data;
  let markers = new Map<string, L.Marker>();
  let sites = groupSites(data, () => false);
  let index: ClusterIndex | null = null;
  let keyboardOpen = false;

  const membersOf = (site: number): Int32Array =>
    sites.members.subarray(sites.start[site] as number, sites.start[site + 1] as number);

  /** Focus the first link of an open popup once its content has arrived (for keyboard users). */
  const focusPopup = (popup: L.Popup) => {
    popup.getElement()?.querySelector<HTMLElement>('.map-popup a')?.focus();
  };

  const onEnter = (marker: L.Marker, action: () => void) => {
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
    // Built on first opening, then kept: Leaflet calls a content function again on every update().
    let content: HTMLElement | undefined;
    marker.bindPopup(
      () => {
        content ??= pointPopup(points, local, src, () => {
          const popup = marker.getPopup();
          popup?.update();
          if (popup && keyboardOpen) focusPopup(popup);
          keyboardOpen = false;
        });
        return content;
      },
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

  const openList = (latlng: L.LatLng, locals: number[], total: number) => {
    const popup = L.popup({ maxWidth: 320, minWidth: 220 }).setLatLng(latlng);
    const wasKeyboard = keyboardOpen;
    keyboardOpen = false;
    popup.setContent(
      listPopup(points, locals, total, src, () => {
        popup.update();
        if (wasKeyboard) focusPopup(popup);
      }),
    );
    popup.openOn(map);
  };

  /** The first LIST_MAX institutions under a cluster. */
  const clusterMembers = (clusterId: number): number[] => {
    const out: number[] = [];
    if (!index) return out;
    for (const leaf of index.getLeaves(clusterId, LIST_MAX)) {
      for (const i of membersOf(leaf.properties.site)) {
        if (out.length >= LIST_MAX) return out;
        out.push(i);
      }
    }
    return out;
  };

  /** A marker for several institutions: a cluster to zoom into, or a site to list. */
  const groupMarker = (
    lat: number,
    lon: number,
    counts: Counts,
    open: (() => void) | null,
    list: () => number[],
    approximate = false,
  ) => {
    const marker = L.marker([lat, lon], {
      icon: clusterIcon(counts.n, counts, open !== null, approximate),
      keyboard: true,
    });
    const act = () => {
      if (open) {
        keyboardOpen = false;
        open();
      } else openList(L.latLng(lat, lon), list(), counts.n);
    };
    marker.on('click', act);
    onEnter(marker, act);
    return marker;
  };

  const render = () => {
    if (!index) return;
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
      const p = f.properties as Partial<ClusterProperties> & Partial<SiteProps> & Counts;
      const key = p.cluster ? `c${p.cluster_id}` : `s${p.site}`;
      let m = markers.get(key);
      if (m) markers.delete(key);
      else {
        const [lon, lat] = f.geometry.coordinates as [number, number];
        if (p.cluster) {
          const id = p.cluster_id as number;
          const expansion = (index as ClusterIndex).getClusterExpansionZoom(id);
          m = groupMarker(
            lat,
            lon,
            (f as ClusterFeature<Counts>).properties,
            expansion <= base.maxZoom ? () => map.setView([lat, lon], expansion) : null,
            () => clusterMembers(id),
          );
        } else {
          const site = p.site as number;
          const members = membersOf(site);
          m =
            members.length === 1
              ? pointMarker(members[0] as number)
              : groupMarker(
                  lat,
                  lon,
                  siteCounts(data, sites, site),
                  null,
                  () => Array.from(members.subarray(0, LIST_MAX)),
                  members.every((i) => data.approximate[i] === 1),
                );
        }
        layer.addLayer(m);
      }
      next.set(key, m);
    }
    for (const m of markers.values()) layer.removeLayer(m);
    markers = next;
  };

  map.on('moveend', render);

  const timing = { groupMs: 0, indexMs: 0, drawMs: 0 };
  return {
    render,
    timing,
    setFilter(pass) {
      const t0 = performance.now();
      sites = groupSites(data, pass);
      const t1 = performance.now();
      index = clusterIndex(points, sites);
      const t2 = performance.now();
      layer.clearLayers();
      markers = new Map();
      render();
      timing.groupMs = Math.round(t1 - t0);
      timing.indexMs = Math.round(t2 - t1);
      timing.drawMs = Math.round(performance.now() - t2);
      return sites.passing;
    },
    bounds() {
      const b = boundsOf(points, sites);
      return b ? L.latLngBounds([b[0], b[1]], [b[2], b[3]]) : null;
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
