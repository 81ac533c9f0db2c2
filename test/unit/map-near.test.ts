import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPlaces,
  distanceKm,
  findPlaces,
  formatDistance,
  placesInAddress,
  pointsWithin,
} from '../../src/lib/map/near.ts';

describe('distanceKm', () => {
  it('measures known distances: 天安门 to 上海人民广场 about 1,067 km; 0.01° of latitude about 1.11 km', () => {
    expect(distanceKm(39.9087, 116.3975, 31.2304, 121.4737)).toBeCloseTo(1067, -1);
    expect(distanceKm(30, 120, 30.01, 120)).toBeCloseTo(1.112, 2);
  });

  it('is symmetric, zero on the spot, and obeys the triangle inequality', () => {
    const pos = fc.record({
      lat: fc.double({ min: 18, max: 53, noNaN: true }),
      lon: fc.double({ min: 73, max: 135, noNaN: true }),
    });
    fc.assert(
      fc.property(pos, pos, pos, (a, b, c) => {
        const ab = distanceKm(a.lat, a.lon, b.lat, b.lon);
        expect(ab).toBeCloseTo(distanceKm(b.lat, b.lon, a.lat, a.lon), 9);
        expect(distanceKm(a.lat, a.lon, a.lat, a.lon)).toBe(0);
        expect(ab).toBeLessThanOrEqual(
          distanceKm(a.lat, a.lon, c.lat, c.lon) + distanceKm(c.lat, c.lon, b.lat, b.lon) + 1e-9,
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('pointsWithin', () => {
  it('returns exactly the passing points within the radius, nearest first, whatever the points', () => {
    const pts = fc.array(
      fc.record({
        lat: fc.double({ min: 29.9, max: 30.1, noNaN: true }),
        lon: fc.double({ min: 119.9, max: 120.1, noNaN: true }),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(pts, fc.constantFrom(1, 3, 5), fc.integer({ min: 1, max: 3 }), (list, km, mod) => {
        const data = { n: list.length, lat: list.map((p) => p.lat), lon: list.map((p) => p.lon) };
        const centre = { lat: 30, lon: 120 };
        const pass = (i: number) => i % mod === 0;
        const hits = pointsWithin(data, centre, km, pass);
        const expected = list
          .map((p, i) => ({ i, d: distanceKm(30, 120, p.lat, p.lon) }))
          .filter((x) => x.d <= km && pass(x.i));
        expect(hits.map((h) => h.local).sort((a, b) => a - b)).toEqual(expected.map((x) => x.i));
        for (let k = 1; k < hits.length; k++)
          expect(hits[k]?.km).toBeGreaterThanOrEqual(hits[k - 1]?.km as number);
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatDistance', () => {
  it.each([
    [0.0004, '10 米'],
    [0.853, '850 米'],
    [0.996, '1000 米'],
    [1, '1.0 公里'],
    [2.345, '2.3 公里'],
  ])('%s km → %s', (km, text) => {
    expect(formatDistance(km)).toBe(text);
  });
});

describe('placesInAddress', () => {
  const regions = ['浙江省宁波市海曙区', '宁波市', '海曙区', '浙江省', '海曙', '宁波'];
  it.each([
    ['宁波市海曙区中山西路123号', ['中山西路']],
    ['海曙区集士港镇万众村88号', ['集士港镇']],
    ['浙江省宁波市海曙区南门街道解放南路5弄3号', ['南门街道', '解放南路']],
    ['宁波市 海曙区　望春路 2 号', ['望春路']],
    ['解放大道100号', ['解放大道']],
    ['某某大厦3楼', []],
  ])('%s', (address, places) => {
    expect(placesInAddress(address, regions)).toEqual(places);
  });
});

describe('buildPlaces and findPlaces', () => {
  const county = (code: string, name: string, label: string) => ({ code, name, label });
  const haishu = county('330203', '海曙区', '宁波市海曙区');
  const gulou = county('320106', '鼓楼区', '南京市鼓楼区');
  const file = buildPlaces(
    [
      { county: haishu, address: '海曙区中山西路1号', lat: 29.87, lon: 121.54 },
      { county: haishu, address: '海曙区中山西路9号', lat: 29.88, lon: 121.56 },
      { county: haishu, address: '海曙区中山西路5号', lat: 29.9, lon: 121.5 },
      { county: gulou, address: '鼓楼区中山西路2号', lat: 32.06, lon: 118.77 },
      { county: gulou, address: '鼓楼区湖南路2号', lat: 32.07, lon: 118.78 },
    ],
    new Map([['330203', { lat: 29.86, lon: 121.55 }]]),
    (code) => (code === '330203' ? ['海曙区'] : ['鼓楼区']),
  );

  it('places each road at the median of its institutions, each county with a centre at its centre', () => {
    const at = (name: string, c: number) => {
      const i = file.names.findIndex((n, k) => n === name && file.county[k] === c);
      return [file.lat[i], file.lon[i]];
    };
    const hs = file.counties.indexOf('海曙区');
    expect(at('中山西路', hs)).toEqual([2988000, 12154000]);
    expect(at('海曙区', hs)).toEqual([2986000, 12155000]);
    // 鼓楼区 has no centre (too few institutions): not a place of its own.
    expect(file.names).not.toContain('鼓楼区');
  });

  it('a road the text names in a county it names is the one place; a bare road name offers every county', () => {
    expect(findPlaces(file, '宁波市海曙区中山西路100号').map((p) => [p.name, p.county])).toEqual([
      ['中山西路', '海曙区'],
    ]);
    expect(
      findPlaces(file, '中山西路')
        .map((p) => p.county)
        .sort(),
    ).toEqual(['海曙区', '鼓楼区']);
    expect(findPlaces(file, '湖南').map((p) => p.name)).toEqual(['湖南路']);
    expect(findPlaces(file, '火星路')).toEqual([]);
  });

  it('the same data gives the same file whatever the order of the institutions', () => {
    const rows = [
      { county: haishu, address: '海曙区中山西路1号', lat: 29.87, lon: 121.54 },
      { county: gulou, address: '鼓楼区湖南路2号', lat: 32.07, lon: 118.78 },
      { county: haishu, address: '海曙区望春路3号', lat: 29.89, lon: 121.52 },
    ];
    const names = () => ['海曙区', '鼓楼区'];
    expect(JSON.stringify(buildPlaces([...rows].reverse(), new Map(), names))).toBe(
      JSON.stringify(buildPlaces(rows, new Map(), names)),
    );
  });
});
