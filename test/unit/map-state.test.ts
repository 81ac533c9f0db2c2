import { describe, expect, it } from 'vitest';
import {
  formatFilters,
  formatView,
  NO_FILTERS,
  parseFilters,
  parseView,
  passes,
  viewForBounds,
} from '../../src/lib/map/map-state.ts';

describe('parseView', () => {
  it.each([
    ['#map=12/30.59310/114.30539', { zoom: 12, lat: 30.5931, lon: 114.30539 }],
    ['#map=4/35/105', { zoom: 4, lat: 35, lon: 105 }],
    ['#x=1&map=5/-10.5/-70.25', { zoom: 5, lat: -10.5, lon: -70.25 }],
    ['', null],
    ['#map=', null],
    ['#map=12/30.5', null],
    ['#map=40/30/114', null],
    ['#map=12/95/114', null],
    ['#map=12/30/200', null],
    ['#map=12/abc/114', null],
  ])('%s', (hash, view) => {
    expect(parseView(hash)).toEqual(view);
  });
});

describe('formatView', () => {
  it.each([
    [{ zoom: 4, lat: 35.123456, lon: 105.987654 }, '#map=4/35.12/105.99'],
    [{ zoom: 2, lat: 35.123456, lon: 105.987654 }, '#map=2/35.1/106'],
    [{ zoom: 12, lat: 30.5931234, lon: 114.3053912 }, '#map=12/30.5931/114.3054'],
    [{ zoom: 17.4, lat: 30.5931234, lon: 114.3053912 }, '#map=17/30.59312/114.30539'],
    [{ zoom: 0, lat: 0, lon: 0 }, '#map=0/0/0'],
  ])('%o → %s', (view, hash) => {
    expect(formatView(view)).toBe(hash);
  });

  it('round-trips through parseView', () => {
    const v = parseView(formatView({ zoom: 15, lat: 29.883482, lon: 121.55308 }));
    expect(v?.zoom).toBe(15);
    expect(v?.lat).toBeCloseTo(29.883482, 4);
    expect(v?.lon).toBeCloseTo(121.55308, 4);
  });
});

describe('filters in the query string (the same names as search)', () => {
  it('reads no parameter as everything', () => {
    expect(parseFilters('')).toEqual(NO_FILTERS);
    expect(parseFilters('?q=托育')).toEqual(NO_FILTERS);
  });

  it.each([
    ['?status=sanctioned&status=blacklisted', ['blacklisted', 'sanctioned']],
    ['?status=sanctioned,blacklisted', ['blacklisted', 'sanctioned']],
    ['?status=listed&status=bogus', ['listed']],
    ['?status=', []],
    ['?status=bogus', []],
  ])('status: %s', (q, statuses) => {
    expect(parseFilters(q).statuses).toEqual(statuses);
  });

  it('reads sector and approx', () => {
    expect(parseFilters('?sector=postpartum&approx=0')).toEqual({
      sectors: ['postpartum'],
      statuses: NO_FILTERS.statuses,
      approximate: false,
    });
  });

  it('writes only what restricts, keeping other parameters', () => {
    expect(formatFilters(NO_FILTERS)).toBe('');
    expect(formatFilters(NO_FILTERS, '?q=x&status=listed')).toBe('?q=x');
    expect(
      formatFilters(
        { sectors: ['childcare'], statuses: ['sanctioned', 'blacklisted'], approximate: false },
        '?q=x',
      ),
    ).toBe('?q=x&sector=childcare&status=blacklisted&status=sanctioned&approx=0');
    expect(formatFilters({ ...NO_FILTERS, statuses: [] })).toBe('?status=');
  });

  it('round-trips', () => {
    for (const f of [
      NO_FILTERS,
      { sectors: ['postpartum' as const], statuses: ['listed' as const], approximate: true },
      { sectors: [], statuses: [], approximate: false },
    ]) {
      expect(parseFilters(formatFilters(f))).toEqual(f);
    }
  });

  it('decides which points pass', () => {
    const f = parseFilters('?status=sanctioned&approx=0');
    expect(passes(f, 'sanctioned', 'childcare', false)).toBe(true);
    expect(passes(f, 'sanctioned', 'childcare', true)).toBe(false);
    expect(passes(f, 'listed', 'childcare', false)).toBe(false);
    expect(passes(NO_FILTERS, 'removed', 'postpartum', true)).toBe(true);
  });
});

describe('viewForBounds', () => {
  it('centres on the bounds and zooms so they fit', () => {
    const v = viewForBounds({ south: 29.8, west: 121.4, north: 30.0, east: 121.7 });
    expect(v.lon).toBeCloseTo(121.55, 5);
    expect(v.lat).toBeGreaterThan(29.8);
    expect(v.lat).toBeLessThan(30.0);
    expect(v.zoom).toBe(11);
  });

  it('clamps a single point to the maximum zoom and a country to the minimum', () => {
    expect(viewForBounds({ south: 30, west: 114, north: 30, east: 114 }).zoom).toBe(16);
    expect(viewForBounds({ south: -80, west: -180, north: 80, east: 180 }).zoom).toBe(3);
  });
});
