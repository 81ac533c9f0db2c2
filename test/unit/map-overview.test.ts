/** The build's clusters of the first national view (src/lib/map/overview.ts). The browser side is in e2e/map.test.ts. */
import { describe, expect, it } from 'vitest';
import { syntheticPoints } from '../../scripts/bench-map.ts';
import { clusterIndex, groupSites, toMapPoints } from '../../src/lib/map/clusters.ts';
import {
  FIT_PADDING,
  fitZoom,
  OVERVIEW_FIELDS,
  OVERVIEW_MAX_ROWS,
  overviewFile,
  overviewMarkers,
} from '../../src/lib/map/overview.ts';
import { decodePoints, encodePoints, type PointInput } from '../../src/lib/map/points-format.ts';
import { displayTransform } from '../../src/lib/map/tiles.ts';

const mapPoints = (points: PointInput[], crs?: 'gcj02') =>
  toMapPoints(decodePoints(encodePoints(points, { asOf: '2026-11-24' })), displayTransform(crs));

describe('fitZoom', () => {
  // 952 pixels wide at zoom 5 (a 1,000-pixel map less the padding on both sides), a sliver high.
  const lonSpan = ((1000 - 2 * FIT_PADDING) / 32 / 256) * 360;
  const bounds = [30, 100, 30.001, 100 + lonSpan] as const;

  it('gives the zoom at which Leaflet fits the bounds with the map’s padding', () => {
    expect(fitZoom(bounds, [1000, 600])).toBe(5);
    expect(fitZoom(bounds, [2000, 600])).toBe(6);
  });

  it('rounds to hundredths of a level before taking the whole one, as Leaflet does', () => {
    expect(fitZoom(bounds, [999, 600])).toBe(5);
    expect(fitZoom(bounds, [995, 600])).toBe(4);
  });

  it('stays within the map’s zoom levels, a single place included', () => {
    expect(fitZoom([30, 100, 30, 100], [1000, 600])).toBe(14);
    expect(fitZoom([-60, -170, 70, 170], [300, 300])).toBe(3);
  });
});

describe('overviewFile', () => {
  const points = mapPoints(syntheticPoints(3000, 7));
  const file = overviewFile(points, '2026-11-24');

  it('clusters every zoom a map from a phone to a wide screen opens at, each standing for every point', () => {
    const zooms = Object.keys(file.zooms).map(Number);
    const [s, w, n, e] = file.bounds;
    expect(zooms[0]).toBe(fitZoom([s, w, n, e], [240, 320]));
    expect(zooms.at(-1)).toBe(fitZoom([s, w, n, e], [2560, 640]));
    for (const z of zooms) {
      const markers = overviewMarkers(file, z) ?? [];
      expect(
        markers.reduce((sum, m) => sum + m.counts.n, 0),
        `zoom ${z}`,
      ).toBe(3000);
    }
  });

  it('holds the clusters the page’s own index gives at those zooms, with their counts and expansion', () => {
    const sites = groupSites(points.data, () => true);
    const index = clusterIndex(points, sites);
    for (const z of Object.keys(file.zooms).map(Number)) {
      const own = index.getClusters([-180, -85, 180, 85], z);
      const built = overviewMarkers(file, z) ?? [];
      expect(built.length).toBe(own.length);
      own.forEach((f, k) => {
        const [lon, lat] = f.geometry.coordinates as [number, number];
        const m = built[k];
        expect(Math.abs((m?.lat ?? 0) - lat)).toBeLessThanOrEqual(0.5e-5);
        expect(Math.abs((m?.lon ?? 0) - lon)).toBeLessThanOrEqual(0.5e-5);
        const p = f.properties as { cluster?: boolean; cluster_id?: number; n?: number };
        if (p.cluster) {
          expect(m?.counts.n).toBe(p.n);
          expect(m?.expansion).toBe(index.getClusterExpansionZoom(p.cluster_id as number));
        } else expect(m?.expansion).toBe(0);
      });
    }
  });

  it('gives the status of a place with one institution, so that its marker can be drawn', () => {
    const lone: PointInput[] = [
      { lat: 30, lon: 114, status: 'proposed', sector: 'childcare', approximate: true },
      { lat: 40, lon: 90, status: 'sanctioned', sector: 'postpartum', approximate: false },
    ];
    const f = overviewFile(mapPoints(lone), '2026-11-24');
    const markers = overviewMarkers(f, Number(Object.keys(f.zooms)[0])) ?? [];
    expect(markers.map((m) => [m.lone, m.approximate, m.expansion]).sort()).toEqual([
      [1, false, 0],
      [4, true, 0],
    ]);
  });

  it('keeps its bounds in display coordinates, exactly as the page computes them (GCJ-02 tiles shift them)', () => {
    const shifted = mapPoints(syntheticPoints(50, 3), 'gcj02');
    const f = overviewFile(shifted, '2026-11-24');
    expect(f.bounds[0]).toBe(Math.min(...shifted.lat));
    expect(f.bounds[3]).toBe(Math.max(...shifted.lon));
    expect(f.bounds[0]).not.toBe(Math.min(...mapPoints(syntheticPoints(50, 3)).lat));
  });

  it('stops adding zoom levels past its row limit, keeping the lowest', () => {
    const many = overviewFile(mapPoints(syntheticPoints(60_000, 5)), '2026-11-24');
    const rows = Object.values(many.zooms).map((r) => r.length / OVERVIEW_FIELDS);
    expect(rows.length).toBeGreaterThan(0);
    if (rows.length > 1) expect(rows.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(OVERVIEW_MAX_ROWS);
  });

  it('draws nothing for an empty map, a zoom it does not have, or a file of another version', () => {
    const empty = overviewFile(mapPoints([]), '2026-11-24');
    expect(empty.zooms).toEqual({});
    expect(overviewMarkers(file, 13)).toBeNull();
    const z = Number(Object.keys(file.zooms)[0]);
    expect(overviewMarkers({ ...file, v: 99 }, z)).toBeNull();
  });
});
