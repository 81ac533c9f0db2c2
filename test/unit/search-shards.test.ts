/** How the index is split into bundles by region. */
import { describe, expect, it } from 'vitest';
import { planShards, type RegionLink } from '../../src/lib/search/plan-shards.ts';

const regions: RegionLink[] = [
  { code: '420000', parent: null },
  { code: '420100', parent: '420000' },
  { code: '420102', parent: '420100' },
  { code: '420103', parent: '420100' },
  { code: '420112', parent: '420100' },
  { code: '420500', parent: '420000' },
  { code: '420502', parent: '420500' },
  { code: '330000', parent: null },
  { code: '330200', parent: '330000' },
  { code: '330203', parent: '330200' },
  { code: '520000', parent: null },
  { code: '522601', parent: '520000' },
];

const counts = (o: Record<string, number>) => new Map(Object.entries(o));

describe('planShards', () => {
  it('keeps one bundle while the register fits', () => {
    expect(planShards(counts({ '420102': 5, '330203': 5 }), regions, 10)).toEqual([
      { id: 'all', regions: ['330203', '420102'], count: 10 },
    ]);
  });

  it('splits a large province by city and county, packing small neighbours together', () => {
    const plan = planShards(
      counts({ '420102': 6, '420103': 3, '420112': 2, '420000': 1, '420502': 4, '330203': 5, '522601': 3 }),
      regions,
      10,
    );
    // Every record region in exactly one bundle, no bundle over the limit.
    const all = plan.flatMap((s) => s.regions).sort();
    expect(all).toEqual(['330203', '420000', '420102', '420103', '420112', '420502', '522601']);
    for (const s of plan) expect(s.count).toBeLessThanOrEqual(10);
    expect(plan.reduce((a, s) => a + s.count, 0)).toBe(24);
    // 浙江 and 贵州 are small: they share a bundle instead of one each.
    expect(plan.find((s) => s.regions.includes('330203'))?.regions).toContain('522601');
    // 武汉 (11) is over the limit: its districts are packed into bundles of at most 10.
    const wuhan = plan.filter((s) => s.regions.some((r) => r.startsWith('4201')));
    expect(wuhan.length).toBe(2);
  });

  it('gives a county over the limit a bundle of its own', () => {
    const plan = planShards(counts({ '420102': 30, '420103': 1 }), regions, 10);
    expect(plan.find((s) => s.regions.includes('420102'))).toEqual({
      id: '420102',
      regions: ['420102'],
      count: 30,
    });
  });
});
