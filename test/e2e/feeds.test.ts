/**
 * The Atom feeds of the built sample site: well-formed, valid by RFC 4287's rules, the right entries in the right
 * order, links that resolve to built pages, and nothing hidden or private.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REGION_FEED_LIMIT, SITE_FEED_LIMIT } from '../../src/lib/site/atom-feeds.ts';
import { atomProblems, parseXml, type XmlElement, xmllint } from '../unit/atom-check.ts';
import { AS_OF, builtSite, fileForUrl, filesUnder, siteRoot } from './downloads-site.ts';
import { buildSite } from './helpers/build.ts';

interface Region {
  code: string;
  parent: string | null;
}

interface Records {
  records: Record<string, unknown>[];
}

const expected = JSON.parse(readFileSync(resolve('test/fixtures/samples/expect.json'), 'utf8')) as {
  privacy: { forbidden_strings: { value: string }[] };
  hostile: { raw_markup_never_in_html_or_xml: string[] };
};

let dist = '';
let root = '';

beforeAll(() => {
  dist = builtSite();
  root = siteRoot(dist);
});

const feedFiles = () => filesUnder(join(dist, 'feeds')).map((f) => join('feeds', f));
const read = (f: string) => readFileSync(join(dist, f), 'utf8');
const entries = (feed: XmlElement) => feed.children.filter((c) => c.name === 'entry');
const child = (el: XmlElement | undefined, name: string) => el?.children.find((c) => c.name === name);
const download = (id: string) => JSON.parse(read(`downloads/${id}.json`)) as Records;

function regions(): Region[] {
  // Region pages are the ones the site builds; their codes and parents come from the data the build used.
  const file = process.env.E2E_DIST
    ? resolve(process.env.CACHE_DIR ?? '.cache', 'data.json')
    : buildSite().dataFile;
  const data = JSON.parse(readFileSync(file, 'utf8')) as {
    regions: Region[];
  };
  return data.regions;
}

function within(all: Region[], code: string, target: string): boolean {
  const byCode = new Map(all.map((r) => [r.code, r]));
  for (let r = byCode.get(code); r; r = r.parent ? byCode.get(r.parent) : undefined) {
    if (r.code === target) return true;
  }
  return false;
}

describe('every feed', () => {
  it('is well-formed XML (xmllint and a strict reader) and valid Atom', () => {
    const files = feedFiles();
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) {
      const xml = read(f);
      const verdict = xmllint(xml);
      if (verdict !== undefined) expect(verdict, f).toBeNull();
      expect(atomProblems(parseXml(xml)), f).toEqual([]);
    }
  });

  it('is dated with the as-of date and points at itself with an absolute URL', () => {
    for (const f of feedFiles()) {
      const feed = parseXml(read(f));
      expect(child(feed, 'updated')?.text, f).toBe(`${AS_OF}T00:00:00+08:00`);
      const self = feed.children.find((c) => c.name === 'link' && c.attrs.rel === 'self');
      expect(self?.attrs.href, f).toBe(root + f);
      const alternate = feed.children.find((c) => c.name === 'link' && c.attrs.rel === 'alternate');
      const page = fileForUrl(dist, root, alternate?.attrs.href ?? '');
      expect(page && existsSync(page), `${f} alternate ${alternate?.attrs.href}`).toBe(true);
    }
  });

  it('links every entry to a page that exists', () => {
    for (const f of feedFiles()) {
      for (const e of entries(parseXml(read(f)))) {
        const href = child(e, 'link')?.attrs.href ?? '';
        const page = fileForUrl(dist, root, href);
        expect(page && existsSync(page), `${f}: ${href}`).toBe(true);
      }
    }
  });

  it('has no raw markup, private strings, or hidden decisions', () => {
    for (const f of feedFiles()) {
      const xml = read(f);
      for (const m of expected.hostile.raw_markup_never_in_html_or_xml)
        expect(xml.includes(m), f).toBe(false);
      for (const { value } of expected.privacy.forbidden_strings)
        expect(xml.includes(value), `${value} in ${f}`).toBe(false);
      for (const n of [
        '甬市监罚〔2026〕29号',
        '甬市监罚〔2023〕7号',
        '甬市监罚〔2026〕26号',
        '凯卫罚〔2022〕11号',
      ]) {
        expect(xml.includes(n), `${n} in ${f}`).toBe(false);
      }
    }
  });
});

describe('site-wide feeds', () => {
  it('penalties: the newest visible decisions, newest first', () => {
    const feed = parseXml(read('feeds/penalties.xml'));
    const penalties = download('penalties').records;
    const got = entries(feed);
    expect(got).toHaveLength(Math.min(SITE_FEED_LIMIT, penalties.length));
    const dates = got.map((e) => child(e, 'updated')?.text ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
    const numbers = got.map((e) => child(e, 'title')?.text ?? '');
    for (const [i, p] of penalties.slice(0, SITE_FEED_LIMIT).entries()) {
      expect(numbers[i]).toContain(String(p.documentNumber));
    }
  });

  it('list changes: the hostile name arrives as text', () => {
    for (const f of ['feeds/list-changes.xml', 'feeds/regions/420112/list-changes.xml']) {
      expect(read(f), f).toContain(
        '&lt;script&gt;alert(1)&lt;/script&gt;武汉市童乐汇托育服务有限公司东西湖分公司',
      );
    }
  });

  it('list changes: every list event up to the as-of date, newest first', () => {
    const feed = parseXml(read('feeds/list-changes.xml'));
    const events = download('list-history').records;
    const got = entries(feed);
    expect(got).toHaveLength(Math.min(SITE_FEED_LIMIT, events.length));
    const dates = got.map((e) => child(e, 'updated')?.text ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(dates.every((d) => d <= `${AS_OF}T00:00:00+08:00`)).toBe(true);
    const titles = got.map((e) => child(e, 'title')?.text ?? '');
    expect(titles.some((t) => t.endsWith('列入黑名单'))).toBe(true);
    expect(titles.some((t) => /：(?:注销|撤销)/.test(t))).toBe(true);
  });
});

describe('region feeds', () => {
  it('exist for every region page, two per region', () => {
    const pages = filesUnder(join(dist, 'regions'))
      .map((f) => /^(\d{6})\/index\.html$/.exec(f)?.[1])
      .filter((c): c is string => Boolean(c))
      .sort();
    expect(pages.length).toBeGreaterThan(0);
    expect(
      regions()
        .map((r) => r.code)
        .sort(),
    ).toEqual(pages);
    for (const code of pages) {
      expect(existsSync(join(dist, `feeds/regions/${code}/penalties.xml`)), code).toBe(true);
      expect(existsSync(join(dist, `feeds/regions/${code}/list-changes.xml`)), code).toBe(true);
    }
  });

  it('hold the region’s own and its sub-regions’ records, at most 50 each', () => {
    const all = regions();
    const penalties = download('penalties').records;
    const events = download('list-history').records;
    for (const { code } of all) {
      const p = entries(parseXml(read(`feeds/regions/${code}/penalties.xml`)));
      const wantP = penalties.filter((r) => within(all, String(r.region), code));
      expect(p, `${code} penalties`).toHaveLength(Math.min(REGION_FEED_LIMIT, wantP.length));
      const l = entries(parseXml(read(`feeds/regions/${code}/list-changes.xml`)));
      const wantL = events.filter((r) => within(all, String(r.region), code));
      expect(l, `${code} list changes`).toHaveLength(Math.min(REGION_FEED_LIMIT, wantL.length));
    }
  });

  it('are announced on the downloads page', () => {
    const html = read('downloads/index.html');
    for (const { code } of regions()) expect(html).toContain(`/feeds/regions/${code}/penalties.xml`);
  });
});

describe('feed discovery', () => {
  it('every region page announces and links its two feeds', () => {
    for (const r of regions()) {
      const page = read(join('regions', r.code, 'index.html'));
      for (const feed of ['penalties.xml', 'list-changes.xml']) {
        const path = `${new URL(root).pathname}feeds/regions/${r.code}/${feed}`;
        expect(page, `${r.code} ${feed}`).toContain(`<link rel="alternate" type="application/atom+xml"`);
        expect(page.split(`href="${path}"`).length - 1, `${r.code} ${feed}`).toBe(2);
        expect(existsSync(join(dist, 'feeds', 'regions', r.code, feed))).toBe(true);
      }
    }
  });
  it('the home page announces the site-wide feeds', () => {
    const home = read('index.html');
    expect(home).toContain(`href="${new URL(root).pathname}feeds/penalties.xml"`);
    expect(home).toContain(`href="${new URL(root).pathname}feeds/list-changes.xml"`);
  });
});
