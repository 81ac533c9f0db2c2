/**
 * Page keys: the URL and file each route writes, and keys that change when what a page shows changes and stay when
 * only something it does not show changes. The whole-site check is test/e2e/incremental.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SiteData, SiteDataSchema } from '../../src/lib/domain/schemas.ts';
import { routeUrl, urlFile } from '../../src/lib/site/build-scope.ts';
import { SiteModel } from '../../src/lib/site/model.ts';

const data = SiteDataSchema.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/site-data.json'), 'utf8')),
);

describe('routeUrl and urlFile', () => {
  it.each([
    [
      '/regions/[code]/[...page]',
      { code: '420112', page: undefined },
      '/regions/420112/',
      'regions/420112/index.html',
    ],
    [
      '/regions/[code]/[...page]',
      { code: '420112', page: '3' },
      '/regions/420112/3/',
      'regions/420112/3/index.html',
    ],
    ['/institutions/[id]', { id: 'abc' }, '/institutions/abc/', 'institutions/abc/index.html'],
    [
      '/regions/[code]/[dataset].csv',
      { code: '42', dataset: 'penalties' },
      '/regions/42/penalties.csv',
      'regions/42/penalties.csv',
    ],
    ['/penalties/[...page]', { page: undefined }, '/penalties/', 'penalties/index.html'],
    ['/map/regions/[code].json', { code: '42' }, '/map/regions/42.json', 'map/regions/42.json'],
  ])('%s %j → %s', (route, params, url, file) => {
    expect(routeUrl(route, params)).toBe(url);
    expect(urlFile(url)).toBe(file);
  });

  it('names the folder of a folder keyed as a whole', () => {
    expect(urlFile('/pagefind/*')).toBe('pagefind');
  });
});

/** The data with one institution changed by `change`. */
function changed(change: (d: SiteData) => void): SiteModel {
  const copy = structuredClone(data);
  change(copy);
  return new SiteModel(copy);
}

describe('page keys', () => {
  const base = new SiteModel(structuredClone(data));
  const first = base.index.institutions[0];
  if (!first) throw new Error('fixture has no institution');
  const keyOf = (m: SiteModel) => m.pageKeys.institution(m.index.institutionById.get(first.id) as never);
  const regionOf = (m: SiteModel) => m.pageKeys.region(m.index.regions.get(first.region) as never);
  const listOf = (m: SiteModel) => m.pageKeys.institutionListPage(m.index.institutions, 1);

  it('are the same for the same data', () => {
    const again = new SiteModel(structuredClone(data));
    expect(keyOf(again)).toBe(keyOf(base));
    expect(regionOf(again)).toBe(regionOf(base));
    expect(listOf(again)).toBe(listOf(base));
  });

  it('change with an institution field its pages show, on its page, its regions and the lists it is on', () => {
    const m = changed((d) => {
      const i = d.institutions.find((x) => x.id === first.id);
      if (i) i.capacity = (i.capacity ?? 0) + 7;
    });
    expect(keyOf(m)).not.toBe(keyOf(base));
    expect(regionOf(m)).not.toBe(regionOf(base));
    expect(listOf(m)).not.toBe(listOf(base));
  });

  it('keep the pages of other regions when one institution changes', () => {
    const other = [...base.index.regions.values()].find(
      (n) =>
        n.region.level === 'county' &&
        !n.institutions.some((i) => i.id === first.id) &&
        n.institutions.length,
    );
    if (!other) throw new Error('fixture has one county only');
    const m = changed((d) => {
      const i = d.institutions.find((x) => x.id === first.id);
      if (i) i.capacity = (i.capacity ?? 0) + 7;
    });
    const code = other.region.code;
    expect(m.pageKeys.region(m.index.regions.get(code) as never)).toBe(base.pageKeys.region(other));
  });

  it('change on a list page when the list grows, though its rows stay the same', () => {
    const m = changed((d) => {
      const i = structuredClone(d.institutions[0]);
      if (!i) return;
      i.id = 'zzzzzzzzzzzzzzzzzz';
      i.name = `${i.name}（新）`;
      i.uscc = null;
      d.institutions.push(i);
    });
    expect(listOf(m)).not.toBe(listOf(base));
  });
});
