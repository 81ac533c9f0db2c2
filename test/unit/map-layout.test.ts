import { describe, expect, it } from 'vitest';
import type { Institution, Region, SiteData, Status } from '../../src/lib/domain/schemas.ts';
import { SECTORS, STATUSES } from '../../src/lib/domain/schemas.ts';
import { countyCentres, layoutMap } from '../../src/lib/map/locate-institutions.ts';
import { detailChunkCount, detailsFile, pointsFile, regionPointsFile } from '../../src/lib/map/map-data.ts';
import { listGroups } from '../../src/lib/map/map-list.ts';
import { decodePoints } from '../../src/lib/map/points-format.ts';
import { clusterCountText, clusterLabel, strongestStatus } from '../../src/lib/map/status-marks.ts';
import { MAP_SECTORS, MAP_STATUSES } from '../../src/lib/map/values.ts';
import { buildSiteIndex } from '../../src/lib/site/site-index.ts';

const region = (code: string, name: string, level: Region['level'], parent: string | null): Region => ({
  code,
  name,
  level,
  parent,
  fullName: name,
});

let n = 0;
/** An institution with only what the map reads; the rest empty. */
function inst(
  name: string,
  regionCode: string,
  coordinates: [number, number] | 'approx' | null,
  status: Status = 'listed',
): Institution {
  n++;
  return {
    id: `id${String(n).padStart(3, '0')}`,
    uscc: null,
    name,
    nameKey: name,
    otherNames: [],
    sector: n % 2 ? 'childcare' : 'postpartum',
    region: regionCode,
    address: null,
    capacity: n % 3 ? n * 10 : null,
    serviceTypes: [],
    operator: null,
    fees: null,
    filed: null,
    coordinates:
      coordinates === null
        ? null
        : coordinates === 'approx'
          ? { lat: 30.5, lon: 114.2, crs: 'wgs84', approximate: true }
          : { lat: coordinates[0], lon: coordinates[1], crs: 'wgs84', approximate: false },
    lists: ['备案'],
    status,
    statusSince: null,
    activePenalties: 0,
    latestPenalty: status === 'sanctioned' ? '2026-06-27' : null,
    penaltyIds: [],
    inspectionIds: [],
    events: [],
    provenance: [],
  } as unknown as Institution;
}

/**
 * Two provinces. 东西湖区 has three published coordinates (so a centre), 凯里市 one (no centre); one institution is
 * filed at city level; one has coordinates the data marks approximate.
 */
function fixture(): SiteData {
  const regions = [
    region('420000', '湖北省', 'province', null),
    region('420100', '武汉市', 'city', '420000'),
    region('420112', '东西湖区', 'county', '420100'),
    region('420106', '武昌区', 'county', '420100'),
    region('520000', '贵州省', 'province', null),
    region('522600', '黔东南州', 'city', '520000'),
    region('522601', '凯里市', 'county', '522600'),
  ];
  const institutions = [
    inst('甲托育', '420112', [30.62, 114.13]),
    inst('乙托育', '420112', [30.64, 114.1], 'sanctioned'),
    inst('丙托育', '420112', [30.7, 114.2], 'blacklisted'),
    inst('丁托育', '420112', null),
    inst('戊托育', '420106', 'approx', 'removed'),
    inst('己托育', '420100', [30.59, 114.3]),
    inst('庚托育', '522601', [26.58, 107.98]),
    inst('辛托育', '522601', null),
    inst('壬托育', '420106', null),
  ];
  return {
    asOf: '2026-11-24',
    institutions,
    penalties: [],
    inspections: [],
    sources: [],
    regions,
  } as SiteData;
}

describe('browser lists match the schema', () => {
  it('MAP_STATUSES and MAP_SECTORS are STATUSES and SECTORS, in order', () => {
    expect(MAP_STATUSES).toEqual(STATUSES);
    expect(MAP_SECTORS).toEqual(SECTORS);
  });
});

describe('layoutMap', () => {
  const site = buildSiteIndex(fixture());
  const layout = layoutMap(site);

  it('places a county with three published coordinates at their median, and not one with a single one', () => {
    expect(countyCentres(site.regions.values())).toEqual(
      new Map([['420112', { lat: 30.64, lon: 114.13, basis: 3 }]]),
    );
  });

  it('counts every institution once: published, approximate or not on the map', () => {
    expect(layout.counts).toEqual({
      published: 5,
      approximate: 2,
      countyCentre: 1,
      withoutCoordinates: 4,
      unlocated: 2,
    });
    expect(layout.located.length + layout.unlocated.length).toBe(site.institutions.length);
    expect(layout.unlocated.map((i) => i.name).sort()).toEqual(['壬托育', '辛托育']);
    const centred = layout.located.find((l) => l.institution.name === '丁托育');
    expect(centred).toMatchObject({ placement: 'county-centre', lat: 30.64, lon: 114.13 });
    expect(layout.located.find((l) => l.institution.name === '戊托育')?.placement).toBe('approximate');
  });

  it('orders points depth-first so that every region is one contiguous range', () => {
    for (const [code, [from, to]] of layout.ranges) {
      const node = site.regions.get(code);
      const inRange = new Set(layout.located.slice(from, to).map((l) => l.institution.id));
      const located = node?.institutions.filter((i) => layout.pointById.has(i.id)).map((i) => i.id) ?? [];
      expect(inRange, code).toEqual(new Set(located));
    }
    expect(layout.ranges.get('420000')).toEqual([0, 6]);
    expect(layout.ranges.get('520000')).toEqual([6, 7]);
    // A region with nobody on the map has no range (and no file).
    expect(layout.ranges.has('420106')).toBe(true);
    expect(layout.located[0]?.institution.name).toBe('己托育');
  });

  it('can leave institutions without coordinates off the map', () => {
    const plain = layoutMap(site, { countyCentres: false });
    expect(plain.counts.countyCentre).toBe(0);
    expect(plain.counts.unlocated).toBe(3);
  });

  it('writes points, region slices and details that agree', () => {
    const all = decodePoints(pointsFile(site, layout));
    expect(all.n).toBe(layout.located.length);
    expect(all.unlocated).toBe(2);
    const slice = regionPointsFile(site, layout, '420112');
    if (!slice) throw new Error('no slice');
    const part = decodePoints(slice);
    const [from] = layout.ranges.get('420112') ?? [0];
    expect(part.offset).toBe(from);
    for (let i = 0; i < part.n; i++) {
      expect(part.lat[i]).toBeCloseTo(all.lat[from + i] as number, 9);
      expect(part.status[i]).toBe(all.status[from + i]);
    }
    expect(regionPointsFile(site, layout, '999999')).toBeNull();
    expect(detailChunkCount(layout)).toBe(1);
    const d = detailsFile(layout, 0);
    expect(d.ids).toEqual(layout.located.map((l) => l.institution.id));
    const sanctioned = d.ids.indexOf(
      layout.located.find((l) => l.institution.status === 'sanctioned')?.institution.id ?? '',
    );
    expect(d.penalty[sanctioned]).toBe('2026-06-27');
  });

  it('lists every institution under the region it is filed in, in point order', () => {
    const groups = listGroups(site, layout);
    expect(groups.map((g) => g.node.region.code)).toEqual(['420100', '420106', '420112', '522601']);
    const listed = groups.flatMap((g) => [
      ...g.located.map((e) => e.institution.id),
      ...g.unlocated.map((i) => i.id),
    ]);
    expect(new Set(listed)).toEqual(new Set(site.institutions.map((i) => i.id)));
    expect(groups.flatMap((g) => g.located.map((e) => e.point))).toEqual(layout.located.map((_, i) => i));
  });
});

describe('status marks', () => {
  it('names the strongest status in a cluster', () => {
    expect(strongestStatus([0, 2, 1, 5])).toBe('sanctioned');
    expect(strongestStatus([1, 0, 0, 0])).toBe('blacklisted');
    expect(strongestStatus([0, 0, 0, 3])).toBe('listed');
    expect(strongestStatus([0, 0, 0, 0])).toBeNull();
  });

  it('says what a cluster holds', () => {
    expect(clusterLabel(12, [1, 3, 0], true)).toBe(
      '12 家机构，其中 黑名单 1 家、处罚公示中 3 家；按回车放大',
    );
    expect(clusterLabel(5, [0, 0, 0], false)).toBe('5 家机构；按回车列出');
  });

  it.each([
    [7, '7'],
    [9999, '9999'],
    [10000, '1万'],
    [12345, '1.2万'],
    [123456, '12万'],
  ])('%i → %s', (count, text) => {
    expect(clusterCountText(count)).toBe(text);
  });
});

describe('cluster labels for approximate places', () => {
  it('say the place is a county centre', () => {
    expect(clusterLabel(61, [0, 2, 0], false, true)).toBe(
      '61 家机构（位置为区县中心，近似），其中 处罚公示中 2 家；按回车列出',
    );
  });
});
