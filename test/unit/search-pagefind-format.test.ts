/**
 * pagefind-format.ts writes what Pagefind 1.4 writes for the same records: the installed Pagefind indexes a set of
 * generated records through its Node API, our encoder writes the same records, and the two outputs are compared file
 * by file after decompression. Fragments and word index chunks must be byte-identical (same names, same content,
 * same chunk boundaries); filter indexes equal as maps (Pagefind writes their values in hash order); the metadata
 * equal apart from the filter files' names. The records' text comes from indexText over field values with Traditional,
 * full-width, astral and non-Chinese letters in any case, punctuation and codes; meta and filter keys come in any
 * order, sort values with ties and numeric sorts, and there are enough words for several index chunks.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decode, encode } from 'cborg';
import fc from 'fast-check';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexText, useSimplifier } from '../../src/lib/search/normalise-query.ts';
import {
  canEncode,
  compareCodePoints,
  encodeBundle,
  type IndexRecord,
  pagefindHash,
} from '../../src/lib/search/pagefind-format.ts';
import { openccSimplify } from '../../src/lib/search/simplify-opencc.ts';

const LANGUAGE = 'und';
const SIGNATURE = 'pagefind_dcd';
const root = mkdtempSync(join(tmpdir(), 'pagefind-format-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Field values as publishers write them (Traditional and full-width forms, Latin brands in any case, punctuation,
// other scripts), turned into index text by the same indexText the build uses.
const pieces = [
  ...'托育服务有限公司宁波市鄞州区爱彩虹城堡深圳广东省龙华黔东南苗族侗族自治州锦屏县月子会所託嬰兒號'.split(
    '',
  ),
  'Baby',
  'KIDS',
  'iCare',
  'Été',
  'İstanbul',
  'ΟΔΟΣ',
  'ẞ',
  'Ⅻ',
  '２０２６',
  '𠀋',
  '168',
  '-',
  '（',
  '）',
  '〔',
  '〕',
  '·',
  ' ',
  '\u3000',
  '号',
  '罚',
  'A',
  'b',
];
const field = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 14 }).map((p) => p.join(''));
const uscc = fc.stringMatching(/^9[1-3][0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$/);
const documentNumber = fc
  .tuple(fc.constantFrom('黔卫健罚', '甬鄞卫罚', 'Q卫罚'), fc.integer({ min: 2020, max: 2026 }), fc.nat(999))
  .map(([a, y, n]) => `${a}〔${y}〕${n}号`);
const content = fc
  .record({
    names: fc.array(field, { minLength: 1, maxLength: 2 }),
    codes: fc.array(uscc, { maxLength: 1 }),
    documentNumbers: fc.array(documentNumber, { maxLength: 2 }),
    text: fc.array(field, { maxLength: 2 }),
  })
  .map((fields) => indexText(fields));
const record = (i: number) =>
  fc
    .record({
      content,
      title: fc.constantFrom('机构', '<b>名称</b>', 'Name "q"'),
      extraMeta: fc.boolean(),
      region: fc.constantFrom('330212', '522628', '440309'),
      facets: fc.uniqueArray(fc.constantFrom('childcare|listed', 'postpartum|sanctioned', 'a,b'), {
        maxLength: 2,
      }),
      date: fc.option(fc.constantFrom('2026-01-02', '2025-12-31', '2026-01-02', '2024-06-30'), {
        nil: undefined,
      }),
      rank: fc.option(fc.constantFrom('10', '9', '-1.5', '100', '0'), { nil: undefined }),
    })
    .map(
      (r): IndexRecord => ({
        url: `/institutions/r${i}/${i % 5 === 0 ? `#p-${i}` : ''}`,
        content: r.content,
        // Keys deliberately out of order: both writers must sort them.
        meta: r.extraMeta ? { title: r.title, kind: 'institution', alt: '' } : { title: r.title },
        filters: { region: [r.region], ...(r.facets.length ? { facets: r.facets } : {}) },
        sort: { ...(r.date ? { penalty: r.date } : {}), ...(r.rank ? { rank: r.rank } : {}) },
      }),
    );

useSimplifier(openccSimplify);
const RECORDS = 2500;
const records: IndexRecord[] = Array.from(
  { length: RECORDS },
  (_, i) => fc.sample(record(i), { numRuns: 1, seed: 42 + i })[0] as IndexRecord,
);

/** Every file of a bundle directory, decompressed and without Pagefind's signature (pf_ files only). */
function readBundle(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.includes('.pf_')) out.set(relative(dir, p), unwrap(readFileSync(p)));
    }
  };
  walk(dir);
  return out;
}

function unwrap(gz: Buffer): Buffer {
  const raw = gunzipSync(gz);
  expect(raw.subarray(0, SIGNATURE.length).toString('latin1')).toBe(SIGNATURE);
  return raw.subarray(SIGNATURE.length);
}

const ofKind = (files: Map<string, Buffer>, prefix: string) =>
  new Map([...files].filter(([p]) => p.startsWith(prefix)));

/** A filter index as [filter, sorted [value, pages] pairs]. */
function filterMap(bytes: Buffer): [string, [string, number[]][]] {
  const [filter, values] = decode(bytes) as [string, [string, number[]][]];
  return [filter, [...values].sort(([a], [b]) => compareCodePoints(a, b))];
}

let theirs: Map<string, Buffer>;
let theirEntry: { languages: Record<string, { page_count: number; wasm: string | null }> };
let ours: Map<string, Buffer>;
let ourPages = 0;

beforeAll(async () => {
  const dir = join(root, 'pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: LANGUAGE });
    if (!index) throw new Error(errors.join('; '));
    for (const r of records) {
      const added = await index.addCustomRecord({ ...r, language: LANGUAGE });
      if (added.errors.length) throw new Error(added.errors.join('; '));
    }
    await index.writeFiles({ outputPath: dir });
  } finally {
    await pagefind.close();
  }
  theirs = readBundle(dir);
  theirEntry = JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8'));
  const encoded = encodeBundle(records, LANGUAGE, '1.4.0');
  ours = new Map(encoded.files.map((f) => [f.path, unwrap(f.bytes)]));
  ourPages = encoded.pageCount;
}, 120_000);

describe('encodeBundle against Pagefind 1.4', () => {
  it('writes the same fragments, byte for byte and under the same names', () => {
    const a = ofKind(ours, 'fragment/');
    const b = ofKind(theirs, 'fragment/');
    expect(a.size).toBeGreaterThan(RECORDS * 0.9);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [path, bytes] of a) expect(bytes.equals(b.get(path) as Buffer), path).toBe(true);
  });

  it('writes the same word index chunks, split at the same words', () => {
    const a = ofKind(ours, 'index/');
    const b = ofKind(theirs, 'index/');
    expect(a.size).toBeGreaterThan(1);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [path, bytes] of a) expect(bytes.equals(b.get(path) as Buffer), path).toBe(true);
  });

  it('writes the same filter indexes', () => {
    const a = [...ofKind(ours, 'filter/').values()]
      .map(filterMap)
      .sort(([x], [y]) => compareCodePoints(x, y));
    const b = [...ofKind(theirs, 'filter/').values()]
      .map(filterMap)
      .sort(([x], [y]) => compareCodePoints(x, y));
    expect(a.map(([f]) => f)).toEqual(['facets', 'region']);
    expect(a).toEqual(b);
  });

  it('writes the same metadata: version, pages, chunks and sorts', () => {
    type Meta = [string, unknown, unknown, [string, string][], [string, number[]][]];
    const meta = (files: Map<string, Buffer>) =>
      decode([...ofKind(files, 'pagefind.').values()][0] as Buffer) as Meta;
    const [va, pagesA, chunksA, filtersA, sortsA] = meta(ours);
    const [vb, pagesB, chunksB, filtersB, sortsB] = meta(theirs);
    expect(va).toBe(vb);
    expect(pagesA).toEqual(pagesB);
    expect(chunksA).toEqual(chunksB);
    // Pagefind lists the sorts in hash order.
    const byKey = (sorts: [string, number[]][]) => [...sorts].sort(([a], [b]) => compareCodePoints(a, b));
    expect(byKey(sortsA).map(([k]) => k)).toEqual(['penalty', 'rank']);
    expect(byKey(sortsA)).toEqual(byKey(sortsB));
    expect(filtersA.map(([f]) => f).sort()).toEqual(filtersB.map(([f]) => f).sort());
    expect(ourPages).toBe(theirEntry.languages[LANGUAGE]?.page_count);
    expect(theirEntry.languages[LANGUAGE]?.wasm).toBeNull();
  });
});

describe('encodeBundle', () => {
  it('keeps every record, also records sharing a URL (Pagefind keeps one of them)', () => {
    const twins: IndexRecord[] = [
      { url: '/penalties/page/2/', content: '张三 托育' },
      { url: '/penalties/page/2/', content: '李四 托育' },
    ];
    expect(encodeBundle(twins, LANGUAGE, '1.4.0').pageCount).toBe(2);
  });

  it('drops a record without words, as Pagefind does', () => {
    const encoded = encodeBundle(
      [
        { url: '/a/', content: ' ' },
        { url: '/b/', content: '托育' },
      ],
      LANGUAGE,
      '1.4.0',
    );
    expect(encoded.pageCount).toBe(1);
  });

  it('refuses a word that is not lower-case letters and digits, naming the record', () => {
    for (const word of ['x-y', 'Baby', '（托育）', '_']) {
      expect(() => encodeBundle([{ url: '/r/', content: `托育 ${word}` }], LANGUAGE, '1.4.0'), word).toThrow(
        `搜索记录 /r/ 含有不能直接索引的词“${word}”`,
      );
    }
  });

  it('indexText gives only words it accepts', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 3 }), (texts) => {
        const text = indexText({ names: texts, codes: texts, documentNumbers: texts, text: texts });
        expect(() => encodeBundle([{ url: '/r/', content: text }], LANGUAGE, '1.4.0')).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('refuses languages Pagefind stems or segments', () => {
    expect(canEncode('und')).toBe(true);
    for (const l of ['en', 'en-GB', 'zh', 'zh-CN', 'ja', 'fr']) expect(canEncode(l), l).toBe(false);
    expect(() => encodeBundle([], 'en', '1.4.0')).toThrow(/词干|分词/);
  });

  it('writes every integer in its shortest form, as Pagefind does (RFC 8949, appendix A)', () => {
    // The comparison with Pagefind above has fewer than 65,536 pages; a national bundle has more.
    const cases: [number, string][] = [
      [0, '00'],
      [23, '17'],
      [24, '1818'],
      [255, '18ff'],
      [256, '190100'],
      [65_535, '19ffff'],
      [65_536, '1a00010000'],
      [1_000_000, '1a000f4240'],
      [-1, '20'],
      [-25, '3818'],
      [-1000, '3903e7'],
    ];
    for (const [n, hex] of cases) expect(Buffer.from(encode(n)).toString('hex'), String(n)).toBe(hex);
    expect(Buffer.from(encode(['托', []])).toString('hex')).toBe('8263e6899880');
  });

  it('spells hashes as Pagefind does, each byte without its leading zero', () => {
    // SHA-1('abc') = a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d
    expect(pagefindHash('abc')).toBe('a9993e36476816aba3e25717850c26c9cd0d89d');
  });
});
