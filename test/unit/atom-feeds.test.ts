import { describe, expect, it } from 'vitest';
import { SiteDataSchema } from '../../src/lib/domain/schemas.ts';
import {
  feedEntryCounts,
  feedRegions,
  listChangesFeed,
  penaltiesFeed,
  REGION_FEED_LIMIT,
  regionListChangesFeed,
  regionPenaltiesFeed,
  SITE_FEED_LIMIT,
} from '../../src/lib/site/atom-feeds.ts';
import { atomProblems, parseXml, type XmlElement, xmllint } from './atom-check.ts';
import { fixtureData } from './export-fixture.ts';

const opts = {
  siteRoot: 'https://example.org/reg/',
  siteName: '托育与母婴护理机构公示名录',
  publisher: '编辑组',
  rights: 'CC BY 4.0',
};

function check(xml: string): XmlElement {
  const verdict = xmllint(xml);
  if (verdict !== undefined) expect(verdict).toBeNull();
  const root = parseXml(xml);
  expect(atomProblems(root)).toEqual([]);
  return root;
}

const entries = (root: XmlElement) => root.children.filter((c) => c.name === 'entry');
const child = (el: XmlElement | undefined, name: string) => el?.children.find((c) => c.name === name);

describe('site-wide penalties feed', () => {
  const xml = penaltiesFeed(fixtureData(), opts);
  const root = check(xml);

  it('lists visible penalties newest first, never the expired one', () => {
    expect(entries(root).map((e) => child(e, 'title')?.text)).toEqual([
      '贾某：罚款（东卫罚〔2026〕31号）',
      '<script>alert(1)</script>武汉市童乐汇托育服务有限公司东西湖分公司：罚款、没收违法所得（东卫罚〔2026〕21号）',
    ]);
    expect(xml).not.toContain('〔2023〕11号');
  });

  it('escapes the hostile name', () => {
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('dates the feed with the as-of date and entries with the decision date', () => {
    expect(child(root, 'updated')?.text).toBe('2026-11-24T00:00:00+08:00');
    expect(child(entries(root)[0], 'updated')?.text).toBe('2026-08-01T00:00:00+08:00');
  });

  it('links entries to the institution, or to the region for a natural person', () => {
    const links = entries(root).map((e) => child(e, 'link')?.attrs.href);
    expect(links).toEqual([
      'https://example.org/reg/regions/420106/',
      'https://example.org/reg/institutions/91420112MA39TKFL0H/',
    ]);
  });

  it('gives absolute self and alternate links and tag ids', () => {
    const links = root.children.filter((c) => c.name === 'link');
    expect(links.map((l) => [l.attrs.rel, l.attrs.href])).toEqual([
      ['self', 'https://example.org/reg/feeds/penalties.xml'],
      ['alternate', 'https://example.org/reg/penalties/'],
    ]);
    expect(child(root, 'id')?.text).toBe('tag:example.org,2026:feeds/penalties.xml');
    expect(child(entries(root)[0], 'id')?.text).toBe('tag:example.org,2026:penalty/p-person');
  });

  it('summarises amounts in yuan and says when the window was derived', () => {
    const s = child(entries(root)[1], 'summary')?.text ?? '';
    expect(s).toContain('罚款 100,000 元');
    expect(s).toContain('没收 1,200 元');
    expect(s).toContain('公示截止期 2029-07-12（推算）');
  });

  it('is byte-identical on a rebuild', () => {
    expect(penaltiesFeed(fixtureData(), opts)).toBe(xml);
  });
});

describe('list changes feed', () => {
  const xml = listChangesFeed(fixtureData(), opts);
  const root = check(xml);

  it('holds events up to the as-of date, newest first', () => {
    expect(entries(root).map((e) => child(e, 'title')?.text)).toEqual([
      '武昌区小雏菊托育园：列入黑名单',
      '<script>alert(1)</script>武汉市童乐汇托育服务有限公司东西湖分公司：列入备案名单',
    ]);
    expect(child(entries(root)[0], 'summary')?.text).toContain('原因 虐待婴幼儿 & 拒不整改');
  });
});

describe('region feeds', () => {
  const data = fixtureData();

  it('exist for every region, counties rolled up into city and province', () => {
    expect(feedRegions(data)).toEqual(['420000', '420100', '420106', '420112']);
    const counts = feedEntryCounts(data);
    expect(Object.fromEntries(counts.regions)).toEqual({
      '420000': { penalties: 2, listChanges: 2 },
      '420100': { penalties: 2, listChanges: 2 },
      '420106': { penalties: 1, listChanges: 1 },
      '420112': { penalties: 1, listChanges: 1 },
    });
    for (const code of feedRegions(data)) {
      const p = check(regionPenaltiesFeed(data, code, opts));
      expect(entries(p)).toHaveLength(counts.regions.get(code)?.penalties ?? -1);
      const l = check(regionListChangesFeed(data, code, opts));
      expect(entries(l)).toHaveLength(counts.regions.get(code)?.listChanges ?? -1);
    }
  });

  it('name the region and link to its page', () => {
    const root = check(regionPenaltiesFeed(data, '420112', opts));
    expect(child(root, 'title')?.text).toBe('湖北省武汉市东西湖区行政处罚 — 托育与母婴护理机构公示名录');
    const alt = root.children.find((c) => c.name === 'link' && c.attrs.rel === 'alternate');
    expect(alt?.attrs.href).toBe('https://example.org/reg/regions/420112/');
  });
});

describe('limits', () => {
  it(`keep ${SITE_FEED_LIMIT} entries site-wide and ${REGION_FEED_LIMIT} per region`, () => {
    const base = fixtureData();
    const template = base.penalties[0];
    if (!template) throw new Error('fixture');
    const many = Array.from({ length: 130 }, (_, i) => ({
      ...template,
      id: `p-${String(i).padStart(3, '0')}`,
      documentNumber: `东卫罚〔2026〕${i}号`,
      decided: `2026-0${1 + (i % 9)}-1${i % 10}`,
    }));
    const data = SiteDataSchema.parse({ ...base, penalties: many });
    const site = entries(check(penaltiesFeed(data, opts)));
    expect(site).toHaveLength(SITE_FEED_LIMIT);
    const dates = site.map((e) => child(e, 'updated')?.text ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(entries(check(regionPenaltiesFeed(data, '420112', opts)))).toHaveLength(REGION_FEED_LIMIT);
    expect(entries(check(regionPenaltiesFeed(data, '420106', opts)))).toHaveLength(0);
  });
});

describe('entry summaries', () => {
  it('name the subject as 行政相对人名称 and do not double the punctuation', () => {
    const data = fixtureData();
    const p = data.penalties[1];
    if (!p) throw new Error('fixture');
    p.facts = '贾某无证开展母婴护理。';
    const root = parseXml(penaltiesFeed(data, opts));
    const summary = child(entries(root)[0], 'summary')?.text ?? '';
    expect(summary).toContain('行政相对人名称 贾某');
    expect(summary).toContain('违法事实 贾某无证开展母婴护理；');
    expect(summary).not.toMatch(/[。；]{2}/);
    expect(summary.endsWith('。')).toBe(true);
  });
});
