/** The `_headers` rules: a folder of one type gets one rule, a folder mixing pages and data a rule per data file. */
import { describe, expect, it } from 'vitest';
import { headerRules, renderHeadersFile, ruleMatches } from '../../src/lib/site/static-headers.ts';

const FILES = [
  'index.html',
  'robots.txt',
  'sitemap.xml',
  'sitemaps/1.xml',
  'sitemaps/2.xml',
  'feeds/penalties.xml',
  'feeds/regions/420112/penalties.xml',
  'downloads/index.html',
  'downloads/institutions.csv',
  'downloads/institutions.json',
  'downloads/templates/index.html',
  'downloads/templates/penalties-template.xlsx',
  'map/index.html',
  'map/points.json',
  'map/details/0.json',
  'institutions/x/index.html',
];

describe('headerRules', () => {
  const rules = headerRules(FILES);

  it('covers every data file with a charset', () => {
    for (const f of FILES.filter((f) => /\.(csv|json|xml|txt)$/.test(f))) {
      const r = rules.filter((r) => ruleMatches(r, `/${f}`));
      expect(r, f).toHaveLength(1);
      expect(r[0]?.contentType, f).toMatch(/; charset=utf-8$/);
    }
  });

  it('serves feeds as Atom, sitemaps as XML', () => {
    expect(rules.find((r) => ruleMatches(r, '/feeds/penalties.xml'))?.contentType).toMatch(
      /^application\/atom\+xml/,
    );
    expect(rules.find((r) => ruleMatches(r, '/sitemaps/1.xml'))?.contentType).toMatch(/^application\/xml/);
  });

  it('never gives a page the type of a data file', () => {
    for (const f of FILES.filter((f) => f.endsWith('.html'))) {
      const page = `/${f.replace(/index\.html$/, '')}`;
      expect(
        rules.filter((r) => ruleMatches(r, `/${f}`) || ruleMatches(r, page)),
        f,
      ).toEqual([]);
    }
  });

  it('one rule for a folder of one type', () => {
    expect(rules.map((r) => r.pattern)).toContain('/feeds/*');
    expect(rules.map((r) => r.pattern)).toContain('/map/details/*');
  });

  it('prefixes the base path', () => {
    expect(headerRules(['feeds/a.xml'], '/register/').map((r) => r.pattern)).toEqual(['/register/feeds/*']);
    expect(renderHeadersFile(headerRules(['a.csv']))).toContain(
      '/a.csv\n  Content-Type: text/csv; charset=utf-8\n',
    );
  });
});
