/** From what a reader types and ticks to what Pagefind is asked and which bundles are opened. */
import { describe, expect, it } from 'vitest';
import { useSimplifier } from '../../src/lib/search/normalise-query.ts';
import { planQuery } from '../../src/lib/search/plan-query.ts';
import { exactFirst, exactMatch } from '../../src/lib/search/rank-results.ts';
import { RegionTree, shortRegionName } from '../../src/lib/search/region-tree.ts';
import type { SearchManifest } from '../../src/lib/search/search-manifest.ts';
import type { SearchMeta } from '../../src/lib/search/search-meta.ts';
import { EMPTY_STATE, stateFromParams, stateToParams } from '../../src/lib/search/search-state.ts';
import { openccSimplify } from '../../src/lib/search/simplify-opencc.ts';

useSimplifier(openccSimplify);

const manifest: SearchManifest = {
  version: 1,
  language: 'en',
  records: 30,
  t2s: '',
  words: null,
  facets: [
    'childcare|listed|备案|全日托',
    'childcare|sanctioned|备案,普惠|全日托,半日托',
    'postpartum|listed|登记|',
    'postpartum|sanctioned|登记|',
    'childcare||||',
  ],
  shards: [
    { id: '330000', path: '330000/', count: 10, regions: ['330203', '330281'] },
    { id: '420100-1', path: '420100-1/', count: 12, regions: ['420112'] },
    { id: '522601', path: '522601/', count: 8, regions: ['522601'] },
  ],
  regions: {
    '330000': ['浙江省', null, 10],
    '330200': ['宁波市', '330000', 10],
    '330203': ['海曙区', '330200', 6],
    '330281': ['余姚市', '330200', 4],
    '420000': ['湖北省', null, 12],
    '420100': ['武汉市', '420000', 12],
    '420112': ['东西湖区', '420100', 12],
    '520000': ['贵州省', null, 8],
    '522600': ['黔东南苗族侗族自治州', '520000', 8],
    '522601': ['凯里市', '522600', 8],
  },
};
const tree = new RegionTree(manifest);
const plan = (q: string, extra: Partial<typeof EMPTY_STATE> = {}) =>
  planQuery({ ...EMPTY_STATE, q, ...extra }, tree);

describe('shortRegionName', () => {
  it.each([
    ['黔东南苗族侗族自治州', '黔东南'],
    ['东西湖区', '东西湖'],
    ['湖北省', '湖北'],
    ['凯里市', '凯里'],
    ['新区', null],
  ])('%s → %s', (name, short) => expect(shortRegionName(name)).toBe(short));
});

describe('planQuery', () => {
  it('reads a region word as a region filter and opens only its bundles', () => {
    const p = plan('宁波 月子会所');
    expect(p.recordRegions).toEqual(['330203', '330281']);
    // The bundle holds exactly 宁波's records, so the region filter would only cost its index.
    expect(p.filters.region).toBeUndefined();
    expect(p.terms).toBe('月子 会所');
    expect(p.shards.map((s) => s.id)).toEqual(['330000']);
    expect(p.namedRegions).toEqual(['330200']);
  });

  it('reads a chain of region names (武汉市东西湖区, Traditional too) as the innermost region', () => {
    for (const q of ['武汉市东西湖区 贝贝熊', '東西湖區 贝贝熊', '湖北武汉 贝贝熊']) {
      const p = plan(q);
      expect(p.recordRegions, q).toEqual(['420112']);
      expect(p.terms, q).toBe('贝贝 贝熊');
    }
  });

  it('lists a region when the query is only its name', () => {
    const p = plan('凯里');
    expect(p.terms).toBeNull();
    expect(p.filters.region).toEqual({ any: ['522601'] });
  });

  it('searches a full name by its distinctive words', () => {
    const p = plan('武汉市东西湖区小蚂蚁托育服务有限公司');
    expect(p.focused).toBe(true);
    expect(p.terms).toBe('小蚂 蚂蚁 东西');
    expect(p.filters.region).toBeUndefined();
    expect(plan('黔东南苗族侗族自治州童真托育有限公司凯里分公司').terms).toBe('童真 黔东');
    expect(plan('初见（宁波）母婴护理中心有限公司').terms).toBe('初见');
  });

  it('searches a full name where its own region words point first', () => {
    const p = plan('宁波市和颐月子会所');
    expect(p.terms).toBe('和颐 宁波');
    expect(p.shards.map((s) => s.id)).toEqual(['330000']);
    expect(p.widen.map((t) => t.map((s) => s.id))).toEqual([['420100-1', '522601']]);
    expect(p.filters.region).toBeUndefined();
  });

  it('routes a USCC to its registration county, then city and province, then everywhere', () => {
    const p = plan('91330203MA0JH0G68Q');
    expect(p.shards.map((s) => s.id)).toEqual(['330000']);
    expect(p.widen.map((t) => t.map((s) => s.id))).toEqual([['420100-1', '522601']]);
    // A county with no records: its city's bundles first.
    expect(plan('91330299MA0JH0G68Q').shards.map((s) => s.id)).toEqual(['330000']);
    // A region not in the register: everywhere at once.
    expect(plan('91110108551385082Q').shards).toHaveLength(3);
  });

  it('combines the chosen region, filters and sort', () => {
    const p = plan('托育', { region: '330200', sector: ['childcare'], list: ['普惠'], sort: 'penalty' });
    expect(p.filters).toEqual({ facets: { any: ['childcare|sanctioned|备案,普惠|全日托,半日托'] } });
    // Each chosen filter is counted without its own choice.
    expect(p.filtersWithout.list).toEqual({
      facets: {
        any: [
          'childcare|listed|备案|全日托',
          'childcare|sanctioned|备案,普惠|全日托,半日托',
          'childcare||||',
        ],
      },
    });
    expect(p.filtersWithout.sector).toEqual({
      facets: { any: ['childcare|sanctioned|备案,普惠|全日托,半日托'] },
    });
    expect(plan('托育', { status: ['removed'] }).filters).toEqual({ facets: { any: ['-'] } });
    expect(p.recordRegions).toEqual(['330203', '330281']);
    // A region that is part of a bundle keeps its filter.
    expect(plan('托育', { region: '330203' }).filters.region).toEqual({ any: ['330203'] });
    expect(p.sort).toEqual({ penalty: 'desc' });
    expect(p.shards.map((s) => s.id)).toEqual(['330000']);
  });

  it('reads two regions that exclude each other as text', () => {
    const p = plan('宁波 凯里');
    expect(p.recordRegions).toEqual(['330203', '330281']);
    expect(p.terms).toBe('凯里');
  });
});

describe('exact matches first', () => {
  const meta = (m: Partial<SearchMeta>): SearchMeta => ({
    title: '',
    kind: 'institution',
    sector: 'childcare',
    status: 'listed',
    unlisted: '',
    region: '',
    latest: '',
    uscc: '',
    docs: '',
    alt: '',
    rank: '',
    ...m,
  });

  it('recognises a name, USCC or 文号 in any form typed', () => {
    expect(exactMatch(plan('寧波市 和頤月子會所').parsed, meta({ title: '宁波市和颐月子会所' }))).toBe(
      'name',
    );
    expect(
      exactMatch(plan('９１３３０２０３ｍａ０ｊｈ０ｇ６８ｑ').parsed, meta({ uscc: '91330203MA0JH0G68Q' })),
    ).toBe('uscc');
    expect(
      exactMatch(plan('凯卫罚[2026]18号').parsed, meta({ docs: '凯卫罚〔2026〕17号；凯卫罚〔2026〕18号' })),
    ).toBe('document');
    expect(exactMatch(plan('和颐').parsed, meta({ title: '宁波市和颐月子会所' }))).toBeNull();
  });

  it('moves exact matches ahead and keeps the order otherwise', () => {
    expect(exactFirst([1, 2, 3, 4], (n) => n % 2 === 0)).toEqual([2, 4, 1, 3]);
  });
});

describe('search state in the URL', () => {
  it('round-trips and ignores what it does not know', () => {
    const state = stateFromParams(
      new URLSearchParams(
        'q=小树苗&region=330200&status=sanctioned&status=listed&sort=penalty&x=1&list=普惠',
      ),
    );
    expect(state).toEqual({
      q: '小树苗',
      region: '330200',
      sector: [],
      status: ['listed', 'sanctioned'],
      list: ['普惠'],
      service: [],
      sort: 'penalty',
    });
    expect(stateToParams(state).toString()).toBe(
      new URLSearchParams([
        ['q', '小树苗'],
        ['region', '330200'],
        ['status', 'listed'],
        ['status', 'sanctioned'],
        ['list', '普惠'],
        ['sort', 'penalty'],
      ]).toString(),
    );
    expect(stateFromParams(new URLSearchParams('region=abc&sort=random')).region).toBe('');
    expect(stateFromParams(new URLSearchParams('sort=random')).sort).toBe('relevance');
  });
});

describe('文号 routing', () => {
  it('opens the bundles holding the agency’s 文号 first', () => {
    const p = planQuery({ ...EMPTY_STATE, q: '凯卫罚〔2026〕18号' }, tree, {
      documents: { 凯卫罚: ['522601'] },
    });
    expect(p.shards.map((s) => s.id)).toEqual(['522601']);
    expect(p.widen.map((t) => t.map((s) => s.id))).toEqual([['330000', '420100-1']]);
    expect(planQuery({ ...EMPTY_STATE, q: '凯卫罚〔2026〕18号' }, tree).shards).toHaveLength(3);
  });
});
