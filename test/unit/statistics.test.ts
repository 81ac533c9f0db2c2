/**
 * The enforcement statistics (src/lib/site/statistics.ts) against a recount from the fixture's raw records: per year,
 * per sector and per 处罚类别, fines and 黑名单 entries, for the whole register and every region; the as-of cut (a
 * penalty or list event the public could not yet see is not counted); the average a region is compared with; births
 * ratios; and the bar geometry the charts draw.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import raw from '../../site.config.mjs';
import { publish } from '../../src/lib/domain/rules/publish.ts';
import { type Penalty, type SiteData, SiteDataSchema } from '../../src/lib/domain/schemas.ts';
import { layoutBarChart, textWidth } from '../../src/lib/site/bar-chart.ts';
import { parseSiteConfig } from '../../src/lib/site/config.ts';
import { formatWan } from '../../src/lib/site/format.ts';
import { buildSiteIndex, type SiteIndex } from '../../src/lib/site/site-index.ts';
import {
  birthsFigures,
  compareRegion,
  enforcementStatistics,
  nationalStatistics,
  regionStatistics,
} from '../../src/lib/site/statistics.ts';

const merged = (): SiteData =>
  SiteDataSchema.parse(
    JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/site-data.json'), 'utf8')),
  );

const siteAsOf = (asOf: string): SiteIndex => {
  const m = merged();
  return buildSiteIndex(publish(m, asOf));
};

/** The words of 行政处罚法 art. 9 the fixture uses, and their slugs, written out here rather than imported. */
const SLUG: Record<string, string> = {
  罚款: 'fine',
  没收违法所得: 'confiscate-income',
  通报批评: 'criticism',
};

interface Recount {
  years: Record<
    string,
    { penalties: number; childcare: number; postpartum: number; fine: number; bl: number }
  >;
  categories: Record<string, number>;
}

/** Counted straight from the raw records, with none of the site's grouping code. */
function recount(data: SiteData, inRegion: (code: string) => boolean): Recount {
  const out: Recount = { years: {}, categories: {} };
  const year = (y: string) => {
    out.years[y] ??= { penalties: 0, childcare: 0, postpartum: 0, fine: 0, bl: 0 };
    return out.years[y];
  };
  for (const p of data.penalties) {
    if (!inRegion(p.region)) continue;
    const y = year(p.decided.slice(0, 4));
    y.penalties++;
    y[p.sector]++;
    y.fine += p.fineYuan;
    for (const c of new Set(p.categories)) {
      const slug = SLUG[c] ?? 'unexpected';
      out.categories[slug] = (out.categories[slug] ?? 0) + 1;
    }
  }
  for (const i of data.institutions) {
    if (!inRegion(i.region)) continue;
    for (const e of i.events)
      if (e.list === '黑名单' && e.action === '列入') year((e.date ?? e.published).slice(0, 4)).bl++;
  }
  return out;
}

function asRecount(s: ReturnType<typeof enforcementStatistics>): Recount {
  const out: Recount = { years: {}, categories: {} };
  for (const y of s.years) {
    if (y.penalties === 0 && y.blacklistings === 0) continue;
    out.years[y.year] = {
      penalties: y.penalties,
      childcare: y.bySector.childcare,
      postpartum: y.bySector.postpartum,
      fine: y.fineYuan,
      bl: y.blacklistings,
    };
  }
  for (const slug of s.categories) out.categories[slug] = s.total.byCategory[slug] ?? 0;
  return out;
}

/** A region and everything below it, by the parent links of the raw regions. */
function within(data: SiteData, code: string): (c: string) => boolean {
  const parent = new Map(data.regions.map((r) => [r.code, r.parent]));
  return (c) => {
    for (let x: string | null | undefined = c; x; x = parent.get(x)) if (x === code) return true;
    return false;
  };
}

describe('enforcement statistics of the fixture as of its date', () => {
  const data = publish(merged(), '2026-11-24');
  const site = buildSiteIndex(data);

  it('counts the whole register as a recount of its raw penalties and list events does', () => {
    const want = recount(data, () => true);
    expect(asRecount(nationalStatistics(site))).toEqual(want);
    // The fixture has penalties in two years, both sectors, three categories and two 黑名单 entries.
    expect(Object.keys(want.years).sort()).toEqual(['2024', '2025', '2026']);
    expect(Object.keys(want.categories).sort()).toEqual(['confiscate-income', 'criticism', 'fine']);
    const total = nationalStatistics(site).total;
    expect(total.penalties).toBe(data.penalties.length);
    expect(total.fineYuan).toBe(data.penalties.reduce((n, p) => n + p.fineYuan, 0));
    expect(total.fined).toBe(data.penalties.filter((p) => p.fineYuan > 0).length);
  });

  it.each(['420000', '420112', '522601', '330000', '330200', '330212'])(
    'counts region %s as a recount does',
    (code) => {
      const node = site.regions.get(code);
      if (!node) throw new Error(code);
      expect(asRecount(regionStatistics(node))).toEqual(recount(data, within(data, code)));
    },
  );

  it('fills the years between the first and the last with zeros, oldest first', () => {
    const years = nationalStatistics(site).years.map((y) => y.year);
    expect(years).toEqual(['2024', '2025', '2026']);
    expect(nationalStatistics(site).years[0]?.penalties).toBe(0);
    expect(nationalStatistics(site).years[0]?.blacklistings).toBe(2);
  });

  it('counts a decision with several categories once in each, and once in the total', () => {
    const s = enforcementStatistics(
      [{ ...(data.penalties[0] as Penalty), categories: ['罚款', '没收违法所得', '罚款'] }],
      [],
    );
    expect(s.total.penalties).toBe(1);
    expect(s.total.byCategory).toEqual({ fine: 1, 'confiscate-income': 1 });
    expect(s.categories).toEqual(['fine', 'confiscate-income']);
  });
});

describe('the as-of cut', () => {
  it.each([
    ['2025-01-01', { penalties: 0, bl: 0 }],
    ['2025-12-31', { penalties: 0, bl: 2 }],
    ['2026-10-25', { penalties: 0, bl: 2 }],
    ['2026-11-06', { penalties: 2, bl: 2 }],
    ['2026-11-12', { penalties: 3, bl: 2 }],
    ['2026-11-24', { penalties: 7, bl: 2 }],
  ])('as of %s counts only what the public could see', (asOf, want) => {
    const s = nationalStatistics(siteAsOf(asOf)).total;
    expect({ penalties: s.penalties, bl: s.blacklistings }).toEqual(want);
    // The same numbers from the raw merged records and the rules as docs/rules.md states them.
    const m = merged();
    const out = new Set(m.sources.filter((src) => src.published > asOf).map((src) => src.id));
    const seen = m.penalties.filter(
      (p) => !out.has(p.provenance.source) && p.decided <= asOf && asOf <= p.publicUntil,
    );
    expect(s.penalties).toBe(seen.length);
    const bl = m.institutions.flatMap((i) =>
      i.events.filter(
        (e) =>
          e.list === '黑名单' &&
          e.action === '列入' &&
          e.published <= asOf &&
          (e.date ?? e.published) <= asOf,
      ),
    );
    expect(s.blacklistings).toBe(bl.length);
    for (const y of nationalStatistics(siteAsOf(asOf)).years) expect(y.year <= asOf.slice(0, 4)).toBe(true);
  });

  it('leaves out a penalty decided before the date whose notice came out after it', () => {
    // pen-dxh-2026-24 was decided on 2026-10-20 and published on 2026-11-05.
    const s = nationalStatistics(siteAsOf('2026-10-25'));
    expect(s.total.byCategory.criticism ?? 0).toBe(0);
    expect(nationalStatistics(siteAsOf('2026-11-05')).total.byCategory.criticism).toBe(1);
  });
});

describe('a region against the average of its province', () => {
  const site = siteAsOf('2026-11-24');
  const county = site.regions.get('330212');
  if (!county) throw new Error('330212');

  it('compares a county with the counties of its province and gives its place', () => {
    const c = compareRegion(site, county, {}, regionStatistics);
    expect(c.province).toBe('浙江省');
    expect(c.peers.map((p) => p.node.region.code)).toEqual(['330203', '330205', '330212']);
    const penalties = c.places.find((p) => p.metric === 'penalties');
    // 330203: 1, 330205: 0, 330212: 2 penalties.
    expect(penalties).toEqual({ metric: 'penalties', value: 2, average: 1, rank: 1, of: 3 });
    const per100 = c.places.find((p) => p.metric === 'per100');
    // 330203: 1 of 1 institution, 330205: 0 of 1, 330212: 2 of 2.
    expect(per100?.average).toBeCloseTo((100 + 0 + 100) / 3, 10);
    expect(per100?.rank).toBe(1);
    const fines = c.places.find((p) => p.metric === 'fineYuan');
    expect(fines?.average).toBeCloseTo((50000 + 0 + 13000) / 3, 10);
    // Without births, no ratio and no average of one.
    expect(c.places.find((p) => p.metric === 'childcarePerThousandBirths')).toMatchObject({
      value: null,
      of: 0,
    });
  });

  it('compares a province with every province', () => {
    const province = site.regions.get('420000');
    if (!province) throw new Error('420000');
    const c = compareRegion(site, province, {}, regionStatistics);
    expect(c.province).toBeNull();
    expect(c.peers.length).toBe(site.provinces.length);
    const inst = c.places.find((p) => p.metric === 'institutions');
    expect(inst?.average).toBeCloseTo(site.institutions.length / site.provinces.length, 10);
  });

  it('ranks ties at the same place', () => {
    const other = site.regions.get('330205');
    if (!other) throw new Error('330205');
    const bl = compareRegion(site, other, {}, regionStatistics).places.find(
      (p) => p.metric === 'blacklistings',
    );
    expect(bl).toEqual({ metric: 'blacklistings', value: 0, average: 0, rank: 1, of: 3 });
  });

  it('compares births ratios of the same year', () => {
    const births = { '330203': { 2025: 1000 }, '330205': { 2025: 500, 2024: 100 }, '330212': { 2025: 2000 } };
    const c = compareRegion(site, county, births, regionStatistics);
    expect(c.birthsYear).toBe('2025');
    const pp = c.places.find((p) => p.metric === 'postpartumPerThousandBirths');
    // On a list at the end of 2025: one 登记 centre in each county (330212's second is on no list).
    expect(pp?.value).toBeCloseTo(0.5, 10);
    expect(pp?.average).toBeCloseTo((1 + 2 + 0.5) / 3, 10);
    expect(pp?.rank).toBe(3);
  });
});

describe('institutions per 1,000 births', () => {
  const site = siteAsOf('2026-11-24');
  const node = site.regions.get('420112');
  if (!node) throw new Error('420112');

  it('counts the institutions on a list at the end of each year, not those removed by then, up to the as-of year', () => {
    const f = birthsFigures(node.institutions, { 2023: 4000, 2024: 3000, 2026: 1500, 2027: 1000 }, site.asOf);
    expect(f.map((x) => x.year)).toEqual(['2023', '2024', '2026']);
    // Four centres on the 备案 list at the end of 2023; one 注销 on 2024-03-15.
    expect(f.map((x) => x.institutions.childcare)).toEqual([4, 3, 3]);
    expect(f.map((x) => x.perThousand.childcare)).toEqual([1, 1, 2]);
    expect(f.every((x) => x.institutions.postpartum === 0)).toBe(true);
  });

  it('counts a list entry only once the public could see it', () => {
    const early = siteAsOf('2022-08-01').regions.get('420112');
    // The first 备案 list was published on 2022-08-16: nothing is on a list before.
    expect(early).toBeUndefined();
    const later = siteAsOf('2022-12-31').regions.get('420112');
    if (!later) throw new Error('420112');
    expect(birthsFigures(later.institutions, { 2022: 1000 }, '2022-12-31')[0]?.institutions.childcare).toBe(
      4,
    );
  });

  it('is configured per region and year, and a wrong key names the setting', () => {
    expect(parseSiteConfig({ ...raw, births: { 420112: { 2025: 100 } } }).births).toEqual({
      420112: { 2025: 100 },
    });
    expect(() => parseSiteConfig({ ...raw, births: { 420112: { '25': 100 } } })).toThrow(
      'site.config.mjs › births.420112.25',
    );
    expect(() => parseSiteConfig({ ...raw, births: { 4201: { 2025: 100 } } })).toThrow(
      'site.config.mjs › births.4201',
    );
    expect(() => parseSiteConfig({ ...raw, births: { 420112: { 2025: 0 } } })).toThrow('births.420112.2025');
  });
});

describe('bar chart geometry', () => {
  it('draws bars proportional to the values from one baseline', () => {
    const rows = [3, 0, 12, 7].map((v) => ({ label: `${2020 + v}`, values: [v], texts: [String(v)] }));
    const c = layoutBarChart(rows, ['处罚']);
    const bars = c.rows.flatMap((r) => r.bars);
    const max = Math.max(...bars.map((b) => b.width));
    for (const b of bars) {
      expect(b.x).toBe(c.labelWidth);
      expect(b.width / max).toBeCloseTo(b.value / 12, 3);
      expect(b.textX).toBeGreaterThan(b.x + b.width);
      expect(b.textX + textWidth(b.text)).toBeLessThanOrEqual(c.width);
    }
    expect(c.legend).toEqual([]);
  });

  it('draws all-zero values as empty bars, and gives each series and a marked row its own style and legend', () => {
    expect(layoutBarChart([{ label: 'a', values: [0], texts: ['0'] }], ['x']).rows[0]?.bars[0]?.width).toBe(
      0,
    );
    const two = layoutBarChart([{ label: '2025', values: [1, 2], texts: ['1', '2'] }], ['托育', '母婴护理']);
    expect(two.rows[0]?.bars.map((b) => b.style)).toEqual([0, 1]);
    expect(two.legend.map((l) => l.name)).toEqual(['托育', '母婴护理']);
    const marked = layoutBarChart(
      [
        { label: '甲', values: [1], texts: ['1'] },
        { label: '乙', values: [2], texts: ['2'], marked: true },
      ],
      ['其他地区'],
      '乙',
    );
    expect(marked.rows.map((r) => r.bars[0]?.style)).toEqual([0, 1]);
    expect(marked.legend.map((l) => l.name)).toEqual(['其他地区', '乙']);
  });

  it('writes fines in 万元 to two decimals', () => {
    expect([0, 3000, 10000, 123456, 12345678901].map(formatWan)).toEqual([
      '0',
      '0.3',
      '1',
      '12.35',
      '1,234,567.89',
    ]);
  });
});
