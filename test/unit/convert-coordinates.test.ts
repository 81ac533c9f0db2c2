import fc from 'fast-check';
import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { toWgs84 } from '../../src/lib/ingest/convert-coordinates.ts';

describe('toWgs84', () => {
  it.each<[string, unknown, unknown, { lat: number; lon: number }]>([
    ['wgs84-numbers-from-xlsx', 121.557461, 29.840462, { lat: 29.840462, lon: 121.557461 }],
    ['text-cells', '121.557461', '29.840462', { lat: 29.840462, lon: 121.557461 }],
    ['full-width-digits', '１２１．５５７４６１', '２９．８４０４６２', { lat: 29.840462, lon: 121.557461 }],
    ['padded-with-spaces', ' 121.557461\u3000', '29.840462 ', { lat: 29.840462, lon: 121.557461 }],
    ['degree-sign', '121.557461°', '29.840462°', { lat: 29.840462, lon: 121.557461 }],
    ['rounded-to-six-decimals', 121.12345678, 29.98765432, { lat: 29.987654, lon: 121.123457 }],
  ])('%s', (_name, lon, lat, coords) => {
    expect(toWgs84(lon, lat, 'wgs84')).toEqual({ ok: true, coords, problem: null });
  });

  it('gcj02-is-converted-to-wgs84', () => {
    const r = toWgs84(121.562, 29.874, 'gcj02');
    const [lon, lat] = gcoord.transform([121.562, 29.874], gcoord.GCJ02, gcoord.WGS84);
    expect(r.problem).toBeNull();
    expect(r.coords?.lon).toBeCloseTo(lon ?? 0, 6);
    expect(r.coords?.lat).toBeCloseTo(lat ?? 0, 6);
    // The GCJ-02 offset in Ningbo is a few hundred metres, mostly westwards.
    expect(Math.abs((r.coords?.lon ?? 0) - 121.562)).toBeGreaterThan(0.003);
  });

  it('swapped-columns-are-swapped-back-with-a-warning', () => {
    const r = toWgs84(29.840462, 121.557461, 'wgs84');
    expect(r.coords).toEqual({ lat: 29.840462, lon: 121.557461 });
    expect(r.problem).toMatchObject({ code: 'invalid-coordinates', severity: 'warning' });
    expect(r.problem?.message).toContain('互换');
  });

  it('both-empty-is-no-coordinates-and-no-problem', () => {
    expect(toWgs84(null, '', 'wgs84')).toEqual({ ok: true, coords: null, problem: null });
    expect(toWgs84(undefined, ' \u3000', 'gcj02')).toEqual({ ok: true, coords: null, problem: null });
  });

  it.each<[string, unknown, unknown]>([
    ['zero-zero', 0, 0],
    ['zero-zero-text', '0', '0.000000'],
    ['latitude-missing', 121.5, null],
    ['longitude-missing', '', 29.8],
    ['outside-china', 10.5, 51.2],
    ['southern-hemisphere', 121.5, -29.8],
    ['not-a-number', '东经121度', '北纬29度'],
    ['infinity', Number.POSITIVE_INFINITY, 29.8],
    ['object', { lon: 121 }, 29.8],
  ])('dropped with a warning: %s', (_name, lon, lat) => {
    const r = toWgs84(lon, lat, 'wgs84');
    expect(r.coords).toBeNull();
    expect(r.problem).toMatchObject({ code: 'invalid-coordinates', severity: 'warning' });
  });

  it('never crashes; coordinates returned are inside China with at most six decimals', () => {
    const coordinate = fc.oneof(
      fc.anything(),
      fc.double(),
      fc.double({ min: -200, max: 200, noNaN: true }),
      fc.string({ unit: 'binary', maxLength: 12 }),
    );
    fc.assert(
      fc.property(
        coordinate,
        coordinate,
        fc.constantFrom('wgs84' as const, 'gcj02' as const),
        (lon, lat, crs) => {
          const r = toWgs84(lon, lat, crs);
          if (r.coords) {
            expect(r.coords.lon).toBeGreaterThanOrEqual(72.9);
            expect(r.coords.lon).toBeLessThanOrEqual(136.1);
            expect(r.coords.lat).toBeGreaterThanOrEqual(2.9);
            expect(r.coords.lat).toBeLessThanOrEqual(54.1);
            expect(Math.round(r.coords.lat * 1e6) / 1e6).toBe(r.coords.lat);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
