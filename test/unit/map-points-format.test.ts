import { describe, expect, it } from 'vitest';
import { SECTORS, STATUSES } from '../../src/lib/domain/rules/vocabularies.ts';
import {
  COORD_SCALE,
  DETAIL_CHUNK,
  decodePoints,
  detailAddress,
  encodeDetails,
  encodePoints,
  KIND_COUNT,
  kindCode,
  type PointInput,
  PointsFormatError,
} from '../../src/lib/map/points-format.ts';

const points: PointInput[] = [
  { lat: 30.593099, lon: 114.305393, status: 'listed', sector: 'childcare', approximate: false },
  { lat: 30.6, lon: 114.31, status: 'sanctioned', sector: 'postpartum', approximate: false },
  { lat: 26.566667, lon: 107.983333, status: 'blacklisted', sector: 'childcare', approximate: true },
  { lat: 29.883482, lon: 121.55308, status: 'removed', sector: 'postpartum', approximate: true },
];

describe('kindCode', () => {
  it.each([
    ['blacklisted', 'childcare', false, 0],
    ['sanctioned', 'childcare', false, 1],
    ['removed', 'childcare', false, 2],
    ['listed', 'childcare', false, 3],
    ['proposed', 'childcare', false, 4],
    ['listed', 'postpartum', false, 11],
    ['blacklisted', 'postpartum', true, 24],
    ['proposed', 'postpartum', true, 28],
  ] as const)('%s %s approximate=%s → %i', (status, sector, approximate, code) => {
    expect(kindCode({ status, sector, approximate })).toBe(code);
  });

  it('gives every status × sector × approximate its own code, below KIND_COUNT', () => {
    const codes = STATUSES.flatMap((status) =>
      SECTORS.flatMap((sector) =>
        [false, true].map((approximate) => kindCode({ status, sector, approximate })),
      ),
    );
    expect(new Set(codes).size).toBe(STATUSES.length * SECTORS.length * 2);
    for (const c of codes) expect(c).toBeLessThan(KIND_COUNT);
  });
});

describe('encodePoints / decodePoints', () => {
  const file = encodePoints(points, { asOf: '2026-11-24', unlocated: 7 });

  it('stores coordinates as 10⁻⁵-degree integers, the first absolute and the rest as differences', () => {
    expect(file.scale).toBe(COORD_SCALE);
    expect(file.lat[0]).toBe(3059310);
    expect(file.lon[0]).toBe(11430539);
    expect(file.lat[1]).toBe(3060000 - 3059310);
    expect(file.kind).toBe('39gq');
    expect(file.unlocated).toBe(7);
    expect(file.chunk).toBe(DETAIL_CHUNK);
  });

  it('round-trips within 10⁻⁵ degree (about a metre), with status, sector and the approximate flag', () => {
    const d = decodePoints(JSON.parse(JSON.stringify(file)));
    expect(d.n).toBe(points.length);
    points.forEach((p, i) => {
      expect(Math.abs((d.lat[i] as number) - p.lat)).toBeLessThanOrEqual(0.5e-5 + 1e-12);
      expect(Math.abs((d.lon[i] as number) - p.lon)).toBeLessThanOrEqual(0.5e-5 + 1e-12);
      expect(d.statuses[d.status[i] as number]).toBe(p.status);
      expect(d.sectors[d.sector[i] as number]).toBe(p.sector);
      expect(d.approximate[i]).toBe(p.approximate ? 1 : 0);
    });
  });

  it('round-trips every status, sector and approximate flag (a proposed institution once came back 黑名单)', () => {
    const every: PointInput[] = STATUSES.flatMap((status) =>
      SECTORS.flatMap((sector) =>
        [false, true].map((approximate) => ({ lat: 30, lon: 114, status, sector, approximate })),
      ),
    );
    const d = decodePoints(JSON.parse(JSON.stringify(encodePoints(every, { asOf: '2026-11-24' }))));
    const back = every.map((_, i) => ({
      status: d.statuses[d.status[i] as number],
      sector: d.sectors[d.sector[i] as number],
      approximate: d.approximate[i] === 1,
    }));
    expect(back).toEqual(every.map(({ status, sector, approximate }) => ({ status, sector, approximate })));
  });

  it('refuses a kind digit it cannot read rather than reading it as 黑名单', () => {
    for (const kind of ['w', 'z', '?']) {
      expect(() => decodePoints({ ...file, kind: kind + file.kind.slice(1) })).toThrow(PointsFormatError);
    }
  });

  it('keeps the offset of a region slice', () => {
    expect(decodePoints(encodePoints(points.slice(2), { asOf: '2026-11-24', offset: 2 })).offset).toBe(2);
  });

  it('encodes an empty map', () => {
    const d = decodePoints(encodePoints([], { asOf: '2026-11-24' }));
    expect(d.n).toBe(0);
  });

  it('rejects an unknown version and columns of different lengths', () => {
    expect(() => decodePoints({ ...file, v: 99 })).toThrow(PointsFormatError);
    expect(() => decodePoints({ ...file, kind: file.kind.slice(1) })).toThrow(PointsFormatError);
  });

  it('costs a few bytes a point', () => {
    const many: PointInput[] = Array.from({ length: 1000 }, (_, i) => ({
      lat: 30 + (i % 97) * 0.001,
      lon: 114 + (i % 89) * 0.001,
      status: 'listed',
      sector: 'childcare',
      approximate: false,
    }));
    expect(JSON.stringify(encodePoints(many, { asOf: '2026-11-24' })).length / 1000).toBeLessThan(16);
  });
});

describe('details', () => {
  it('finds a point in its chunk', () => {
    expect(detailAddress(0, 500)).toEqual({ file: 0, at: 0 });
    expect(detailAddress(499, 500)).toEqual({ file: 0, at: 499 });
    expect(detailAddress(500, 500)).toEqual({ file: 1, at: 0 });
    expect(detailAddress(1234, 500)).toEqual({ file: 2, at: 234 });
  });

  it('keeps names as text and nulls for what was not published', () => {
    const d = encodeDetails(
      [
        { id: 'a', name: '<script>alert(1)</script>托育', places: null, penalty: '2026-06-27' },
        { id: 'b', name: '乙', places: 20, penalty: null },
      ],
      500,
    );
    expect(d).toEqual({
      offset: 500,
      ids: ['a', 'b'],
      names: ['<script>alert(1)</script>托育', '乙'],
      places: [null, 20],
      penalty: ['2026-06-27', null],
    });
  });
});
