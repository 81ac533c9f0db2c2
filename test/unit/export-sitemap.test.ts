import { describe, expect, it } from 'vitest';
import {
  buildSitemap,
  collectPagePaths,
  fillRoute,
  robotsTxt,
  routePattern,
} from '../../src/lib/site/export-sitemap.ts';
import { parseXml, xmllint } from './atom-check.ts';

describe('routePattern', () => {
  it.each([
    ['/src/pages/index.astro', '/'],
    ['/src/pages/about.astro', '/about/'],
    ['/src/pages/downloads/index.astro', '/downloads/'],
    ['/src/pages/institutions/[id].astro', '/institutions/[id]/'],
    ['/src/pages/institutions/status/[status]/[...page].astro', '/institutions/status/[status]/[...page]/'],
    ['./regions/[code]/index.astro', '/regions/[code]/'],
  ])('%s → %s', (file, pattern) => {
    expect(routePattern(file)).toBe(pattern);
  });
});

describe('fillRoute', () => {
  it('fills parameters and encodes them', () => {
    expect(fillRoute('/institutions/[id]/', { id: 'a b' })).toBe('/institutions/a%20b/');
    expect(fillRoute('/p/[n]/', { n: 3 })).toBe('/p/3/');
  });
  it('drops an empty rest parameter', () => {
    expect(fillRoute('/x/[s]/[...page]/', { s: 'listed', page: undefined })).toBe('/x/listed/');
    expect(fillRoute('/x/[s]/[...page]/', { s: 'listed', page: '2' })).toBe('/x/listed/2/');
  });
  it('refuses a missing ordinary parameter', () => {
    expect(() => fillRoute('/institutions/[id]/', {})).toThrow();
  });
});

describe('collectPagePaths', () => {
  it('expands dynamic routes, paginate included, and leaves out the 404 page', async () => {
    const mod = (m: unknown) => () => Promise.resolve(m);
    const paths = await collectPagePaths({
      '/src/pages/index.astro': mod({}),
      '/src/pages/404.astro': mod({}),
      '/src/pages/institutions/[id].astro': mod({
        getStaticPaths: () => [{ params: { id: 'b' } }, { params: { id: 'a' } }],
      }),
      '/src/pages/penalties/[...page].astro': mod({
        getStaticPaths: async ({ paginate }: { paginate: (d: unknown[], a: object) => unknown }) =>
          paginate(new Array(25).fill(0), { pageSize: 10 }),
      }),
    });
    expect(paths).toEqual([
      '/',
      '/institutions/a/',
      '/institutions/b/',
      '/penalties/',
      '/penalties/2/',
      '/penalties/3/',
    ]);
  });
});

describe('buildSitemap', () => {
  it('writes one urlset of absolute, escaped URLs', () => {
    const s = buildSitemap('https://example.org/reg/', ['/', '/a/', '/q/?x=1&y=2']);
    expect(s.parts.size).toBe(0);
    expect(s.urls).toBe(3);
    expect(xmllint(s.main) ?? null).toBeNull();
    const root = parseXml(s.main);
    expect(root.name).toBe('urlset');
    expect(root.children.map((u) => u.children[0]?.text)).toEqual([
      'https://example.org/reg/',
      'https://example.org/reg/a/',
      'https://example.org/reg/q/?x=1&y=2',
    ]);
  });

  it('splits into an index and parts above the limit', () => {
    const paths = Array.from({ length: 7 }, (_, i) => `/p/${i}/`);
    const s = buildSitemap('https://example.org/', paths, 3);
    expect([...s.parts.keys()]).toEqual([1, 2, 3]);
    const index = parseXml(s.main);
    expect(index.name).toBe('sitemapindex');
    expect(index.children.map((c) => c.children[0]?.text)).toEqual([
      'https://example.org/sitemaps/1.xml',
      'https://example.org/sitemaps/2.xml',
      'https://example.org/sitemaps/3.xml',
    ]);
    const counts = [...s.parts.values()].map((p) => parseXml(p).children.length);
    expect(counts).toEqual([3, 3, 1]);
  });
});

describe('robotsTxt', () => {
  it('allows everything and names the sitemap', () => {
    expect(robotsTxt('https://example.org/reg/sitemap.xml')).toBe(
      'User-agent: *\nAllow: /\n\nSitemap: https://example.org/reg/sitemap.xml\n',
    );
  });
});
