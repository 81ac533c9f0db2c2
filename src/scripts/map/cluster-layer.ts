/**
 * Clustered markers with supercluster: the index is built once per filter, and only the clusters and points in view
 * are Leaflet markers, so 100,000 institutions cost a few hundred DOM nodes. Markers are keyboard-reachable buttons
 * whose accessible name says what they hold; Enter opens a point's popup or zooms into a cluster.
 *
 * Institutions at exactly the same place (one address, or one county centre) are indexed once, as a site: they can
 * never be told apart by zooming, so their marker lists them. Clusters are built up to CLUSTER_MAX_ZOOM only: above
 * it a screen holds a few square kilometres and every site is drawn, and each zoom level clustered costs about as
 * much as the first render's whole budget at 100,000 distinct points.
 */
import L from 'leaflet';
import Supercluster, { type ClusterFeature, type ClusterProperties, type PointFeature } from 'supercluster';
import type { DecodedPoints } from '../../lib/map/points-format.ts';
import type { BaseMap } from './base-map.ts';
import { type ClusterCounts, clusterIcon, pointIcon, pointLabel } from './markers.ts';
import { type DetailSource, listPopup, pointPopup } from './popups.ts';

export const CLUSTER_MAX_ZOOM = 14;
const LIST_MAX = 30;

export interface MapPoints {
  data: DecodedPoints;
  /** Display coordinates (shifted to GCJ-02 when the tiles need it). */
  lat: Float64Array;
  lon: Float64Array;
}

interface SiteProps {
  site: number;
}
/** Institutions under a cluster or site: all of them, and the blacklisted, sanctioned and removed ones. */
type Counts = ClusterCounts & { n: number };

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

/**
 * Group the passing points by exact position. Returns the sites' members as one array in site order, with each
 * site's start in it (CSR layout: typed arrays instead of 100,000 small ones). Positions are hashed into an
 * open-addressing table: a Map keyed by number took 90 ms at 100,000 points, this takes a few.
 */
function groupSites(data: DecodedPoints, pass: (local: number) => boolean) {
  const siteOf = new Int32Array(data.n).fill(-1);
  let size = 1024;
  while (size < data.n * 2) size *= 2;
  const mask = size - 1;
  const slotY = new Int32Array(size);
  const slotX = new Int32Array(size);
  const slotSite = new Int32Array(size).fill(-1);
  const sizes: number[] = [];
  let passing = 0;
  for (let i = 0; i < data.n; i++) {
    if (!pass(i)) continue;
    passing++;
    // Coordinates came as 10⁻⁵-degree integers: these are exact.
    const y = Math.round((data.lat[i] as number) * 1e5);
    const x = Math.round((data.lon[i] as number) * 1e5);
    let h = (Math.imul(y, 73856093) ^ Math.imul(x, 19349663)) & mask;
    while (slotSite[h] !== -1 && (slotY[h] !== y || slotX[h] !== x)) h = (h + 1) & mask;
    let s = slotSite[h] as number;
    if (s === -1) {
      s = sizes.length;
      slotSite[h] = s;
      slotY[h] = y;
      slotX[h] = x;
      sizes.push(0);
    }
    siteOf[i] = s;
    sizes[s] = (sizes[s] as number) + 1;
  }
  const start = new Int32Array(sizes.length + 1);
  for (let s = 0; s < sizes.length; s++) start[s + 1] = (start[s] as number) + (sizes[s] as number);
  const fill = start.slice(0, sizes.length);
  const members = new Int32Array(passing);
  for (let i = 0; i < data.n; i++) {
    const s = siteOf[i] as number;
    if (s >= 0) members[(fill[s] as number)++] = i;
  }
  return { start, members, count: sizes.length, passing };
}

export function createClusterLayer(base: BaseMap, points: MapPoints, src: DetailSource): ClusterLayer {
  const { map } = base;
  const layer = L.layerGroup().addTo(map);
  const data = points.data;
  let markers = new Map<string, L.Marker>();
  let sites = groupSites(data, () => false);
  let loaded = false;
  let keyboardOpen = false;

  const membersOf = (site: number): Int32Array =>
    sites.members.subarray(sites.start[site] as number, sites.start[site + 1] as number);

  const siteCounts = (p: SiteProps): Counts => {
    const c = { n: 0, b: 0, s: 0, r: 0 };
    const end = sites.start[p.site + 1] as number;
    for (let k = sites.start[p.site] as number; k < end; k++) {
      const s = data.status[sites.members[k] as number];
      c.n++;
      if (s === 0) c.b++;
      else if (s === 1) c.s++;
      else if (s === 2) c.r++;
    }
    return c;
  };

  const index = new Supercluster<SiteProps, Counts>({
    radius: 56,
    maxZoom: CLUSTER_MAX_ZOOM,
    map: siteCounts,
    reduce: (acc, p) => {
      acc.n += p.n;
      acc.b += p.b;
      acc.s += p.s;
      acc.r += p.r;
    },
  });

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
      const p = f.properties as Partial<ClusterProperties> & Partial<SiteProps> & Counts;
      const key = p.cluster ? `c${p.cluster_id}` : `s${p.site}`;
      let m = markers.get(key);
      if (m) markers.delete(key);
      else {
        const [lon, lat] = f.geometry.coordinates as [number, number];
        if (p.cluster) {
          const id = p.cluster_id as number;
          const expansion = index.getClusterExpansionZoom(id);
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
                  siteCounts({ site }),
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
      const features: PointFeature<SiteProps>[] = new Array(sites.count);
      for (let s = 0; s < sites.count; s++) {
        const first = sites.members[sites.start[s] as number] as number;
        features[s] = {
          type: 'Feature',
          properties: { site: s },
          geometry: {
            type: 'Point',
            coordinates: [points.lon[first] as number, points.lat[first] as number],
          },
        };
      }
      const t1 = performance.now();
      index.load(features);
      loaded = true;
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
      if (!sites.passing) return null;
      let s = 90;
      let w = 180;
      let n = -90;
      let e = -180;
      for (const i of sites.members) {
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
