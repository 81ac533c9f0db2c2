import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCsp, tileOrigins } from '../../src/lib/site/csp.ts';
import { aliasLabel, relativeRegionName } from '../../src/lib/site/field-labels.ts';
import {
  attrText,
  formatCount,
  formatDate,
  formatYuan,
  placesPer1000,
  safeExternalUrl,
} from '../../src/lib/site/format.ts';
import { categoryForSlug, categorySlug, STATUS_INFO } from '../../src/lib/site/labels.ts';
import {
  laterPages,
  listPaths,
  pageCount,
  pageOf,
  pagePath,
  pagerWindow,
} from '../../src/lib/site/paginate.ts';
import { joinBase } from '../../src/lib/site/urls.ts';

describe('joinBase', () => {
  it.each([
    ['/', '/institutions/x/', '/institutions/x/'],
    ['/register', '/institutions/x/', '/register/institutions/x/'],
    ['/register/', '/institutions/x/', '/register/institutions/x/'],
    ['/register/', 'about/', '/register/about/'],
    ['/register/', '/', '/register/'],
  ])('%s + %s → %s', (base, path, out) => {
    expect(joinBase(base, path)).toBe(out);
  });
});

describe('formatting', () => {
  it.each([
    [50000, '50,000 元'],
    [3000, '3,000 元'],
    [0, '0 元'],
    [1234567, '1,234,567 元'],
  ])('formatYuan(%d) → %s', (n, s) => expect(formatYuan(n)).toBe(s));

  it('groups a count by hand exactly as the en-US number format does', () => {
    const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    fc.assert(
      fc.property(fc.oneof(fc.nat({ max: 10_000 }), fc.maxSafeNat(), fc.double({ noNaN: true })), (n) => {
        expect(formatCount(n)).toBe(intl.format(n));
      }),
    );
  });

  it('formats counts and dates', () => {
    expect(formatCount(100000)).toBe('100,000');
    // Found by the property above on CI's fixed seed.
    expect(formatCount(-0)).toBe(new Intl.NumberFormat('en-US').format(-0));
    expect(formatDate('2026-11-04')).toBe('2026年11月4日');
    expect(formatDate('2026-01-30')).toBe('2026年1月30日');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('gives places per 1,000 residents only for a known population', () => {
    expect(placesPer1000(300, 100000)).toBe('3.0');
    expect(placesPer1000(300, undefined)).toBeNull();
    expect(placesPer1000(300, 0)).toBeNull();
  });

  it.each([
    ['http://www.example.gov.cn/a.html', 'http://www.example.gov.cn/a.html'],
    ['https://example.org/x?y=1', 'https://example.org/x?y=1'],
    ['javascript:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['ftp://example.org/', null],
    ['not a url', null],
    [null, null],
    ['', null],
  ])('safeExternalUrl(%s) → %s', (u, out) => expect(safeExternalUrl(u)).toBe(out));

  it('keeps < and > out of attribute text', () => {
    expect(attrText('<script>alert(1)</script>托育\n中心')).toBe('＜script＞alert(1)＜/script＞托育 中心');
  });
});

describe('pagination', () => {
  const items = Array.from({ length: 450 }, (_, i) => i);
  it('slices pages', () => {
    expect(pageCount(0, 200)).toBe(1);
    expect(pageCount(450, 200)).toBe(3);
    const p3 = pageOf(items, 200, 3);
    expect(p3.items).toEqual(items.slice(400));
    expect([p3.from, p3.to, p3.last, p3.total]).toEqual([401, 450, 3, 450]);
    expect(pageOf([], 200, 1)).toMatchObject({ from: 0, to: 0, last: 1 });
    expect(() => pageOf(items, 200, 4)).toThrow(RangeError);
    expect(() => pageOf(items, 200, 0)).toThrow(RangeError);
  });

  it('names page paths', () => {
    expect(pagePath('/penalties/', 1)).toBe('/penalties/');
    expect(pagePath('/penalties/', 2)).toBe('/penalties/2/');
    expect(pagePath('/penalties', 3)).toBe('/penalties/3/');
  });

  it('lists later pages and rest-parameter values', () => {
    expect(laterPages(450, 200)).toEqual([2, 3]);
    expect(laterPages(200, 200)).toEqual([]);
    expect(listPaths(0, 200)).toEqual([]);
    expect(listPaths(1, 200)).toEqual([undefined]);
    expect(listPaths(401, 200)).toEqual([undefined, '2', '3']);
  });

  it.each([
    [1, 1, [1]],
    [1, 10, [1, 2, 3, null, 10]],
    [5, 10, [1, 2, 3, 4, 5, 6, 7, null, 10]],
    [10, 10, [1, null, 8, 9, 10]],
    [4, 7, [1, 2, 3, 4, 5, 6, 7]],
  ])('pager window at %d of %d', (current, last, out) => {
    expect(pagerWindow(current, last)).toEqual(out);
  });
});

describe('CSP', () => {
  it('allows only self without tiles', () => {
    const csp = buildCsp();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|https?:/);
  });

  it('adds the tile origins to img-src', () => {
    expect(tileOrigins('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toEqual([
      'https://tile.openstreetmap.org',
    ]);
    expect(tileOrigins('https://webrd0{s}.is.autonavi.com/appmaptile?x={x}', ['1', '2'])).toEqual([
      'https://webrd01.is.autonavi.com',
      'https://webrd02.is.autonavi.com',
    ]);
    const csp = buildCsp({
      tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      scriptSrc: ["'wasm-unsafe-eval'"],
    });
    expect(csp).toContain("img-src 'self' data: https://tile.openstreetmap.org");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });
});

describe('labels', () => {
  it('shows every status with a symbol and an explanation', () => {
    for (const info of Object.values(STATUS_INFO)) {
      expect(info.icon.length).toBeGreaterThan(0);
      expect(info.explanation.length).toBeGreaterThan(10);
    }
  });

  it('maps 处罚类别 to slugs and back', () => {
    expect(categorySlug('罚款')).toBe('fine');
    expect(categoryForSlug('fine')).toBe('罚款');
    expect(categorySlug('责令停止托育服务')).toBe('other');
  });

  it('accepts only labels the field dictionary knows', () => {
    expect(aliasLabel('name', '行政相对人名称')).toBe('行政相对人名称');
    expect(aliasLabel('authority', '检查机关')).toBe('检查机关');
    expect(() => aliasLabel('name', '不存在的标签')).toThrow();
  });

  it('names regions relative to the page region', () => {
    const r = { name: '东西湖区', fullName: '湖北省武汉市东西湖区' };
    expect(relativeRegionName(r, '湖北省')).toBe('武汉市东西湖区');
    expect(relativeRegionName(r, '湖北省武汉市东西湖区')).toBe('东西湖区');
    expect(relativeRegionName(r, '浙江省')).toBe('湖北省武汉市东西湖区');
    expect(relativeRegionName(r, null)).toBe('东西湖区');
  });
});
