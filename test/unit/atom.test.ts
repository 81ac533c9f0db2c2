import { describe, expect, it } from 'vitest';
import {
  type AtomFeed,
  dateToTimestamp,
  renderAtom,
  stripIllegalXml,
  tagUri,
  xmlEscape,
} from '../../src/lib/site/atom.ts';
import { atomProblems, parseXml, xmllint } from './atom-check.ts';

describe('xmlEscape', () => {
  it('escapes the five XML specials', () => {
    expect(xmlEscape(`<script>alert("x" & 'y')</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot; &amp; &apos;y&apos;)&lt;/script&gt;',
    );
  });
  it('escapes an ampersand that already looks like an entity', () => {
    expect(xmlEscape('&amp;')).toBe('&amp;amp;');
  });
  it('drops characters XML 1.0 forbids and keeps tab, LF, CR', () => {
    expect(xmlEscape('a\u0000b\u0007c\u000Bd\u001Fe\tf\ng\rh\uFFFEi\uFFFF')).toBe('abcde\tf\ng\rhi');
  });
});

describe('stripIllegalXml', () => {
  it('keeps surrogate pairs and drops lone halves', () => {
    expect(stripIllegalXml('𠀀托育')).toBe('𠀀托育');
    expect(stripIllegalXml('a\uD800b\uDC00c')).toBe('abc');
  });
});

describe('dateToTimestamp', () => {
  it('writes midnight China time', () => {
    expect(dateToTimestamp('2026-11-24')).toBe('2026-11-24T00:00:00+08:00');
  });
  it('refuses anything but an ISO date', () => {
    expect(() => dateToTimestamp('2026/11/24')).toThrow();
  });
});

describe('tagUri', () => {
  it('percent-encodes what a tag URI may not hold', () => {
    expect(tagUri('example.org', '2026', 'penalty/甬市监罚〔2026〕13号')).toBe(
      'tag:example.org,2026:penalty/%E7%94%AC%E5%B8%82%E7%9B%91%E7%BD%9A%E3%80%942026%E3%80%9513%E5%8F%B7',
    );
    expect(tagUri('example.org', '2026', 'p/a b#c')).toBe('tag:example.org,2026:p/a%20b%23c');
  });
});

const hostile: AtomFeed = {
  id: 'tag:example.org,2026:feeds/penalties',
  title: '新公示的行政处罚 & <更新>',
  subtitle: '数据截至 2026-11-24',
  updated: '2026-11-24',
  selfUrl: 'https://example.org/reg/feeds/penalties.xml?a=1&b=2',
  alternateUrl: 'https://example.org/reg/penalties/',
  author: '编辑组 "A" & \'B\'',
  rights: 'CC BY 4.0',
  entries: [
    {
      id: 'tag:example.org,2026:penalty/p1',
      title: '<script>alert(1)</script>武汉市童乐汇托育服务有限公司东西湖分公司',
      updated: '2026-07-12',
      link: 'https://example.org/reg/institutions/a&b/',
      summary: '违法事实：<b>未备案</b> & "超收费"\u0001\u0008；罚款 5,000 元。',
      categories: ['罚款', '没收违法所得'],
    },
    {
      id: 'tag:example.org,2026:penalty/p2',
      title: '凯里市苗苗托育服务中心',
      updated: '2026-06-01',
      link: 'https://example.org/reg/institutions/b/',
      summary: '',
    },
  ],
};

describe('renderAtom', () => {
  const xml = renderAtom(hostile);

  it('is well-formed', () => {
    expect(() => parseXml(xml)).not.toThrow();
    const verdict = xmllint(xml);
    if (verdict !== undefined) expect(verdict).toBeNull();
  });

  it('follows RFC 4287', () => {
    expect(atomProblems(parseXml(xml))).toEqual([]);
  });

  it('never lets markup through', () => {
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<b>');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('reads back every text exactly, minus forbidden characters', () => {
    const feed = parseXml(xml);
    const entry = feed.children.filter((c) => c.name === 'entry')[0];
    const text = (el: typeof feed | undefined, name: string) =>
      el?.children.find((c) => c.name === name)?.text;
    expect(text(feed, 'title')).toBe(hostile.title);
    expect(feed.children.find((c) => c.name === 'author')?.children[0]?.text).toBe(hostile.author);
    expect(text(entry, 'title')).toBe(hostile.entries[0]?.title);
    expect(text(entry, 'summary')).toBe('违法事实：<b>未备案</b> & "超收费"；罚款 5,000 元。');
    const self = feed.children.find((c) => c.name === 'link' && c.attrs.rel === 'self');
    expect(self?.attrs.href).toBe(hostile.selfUrl);
    expect(entry?.children.find((c) => c.name === 'link')?.attrs.href).toBe(
      'https://example.org/reg/institutions/a&b/',
    );
  });

  it('takes dates from the data, not the clock', () => {
    expect(xml).toContain('<updated>2026-11-24T00:00:00+08:00</updated>');
    expect(renderAtom(hostile)).toBe(xml);
  });

  it('writes a valid feed with no entries', () => {
    const empty = renderAtom({ ...hostile, entries: [] });
    expect(atomProblems(parseXml(empty))).toEqual([]);
  });
});

describe('parseXml (the checker itself)', () => {
  it.each([
    ['<a><b></a>', 'mismatched tags'],
    ['<a>&nbsp;</a>', 'undeclared entity'],
    ['<a>x < y</a>', 'raw <'],
    ['<a x="1" x="2"/>', 'duplicate attribute'],
    ['<a>\u0001</a>', 'control character'],
    ['<a/><b/>', 'two roots'],
  ])('rejects %j (%s)', (xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});
