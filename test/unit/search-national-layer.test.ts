/**
 * The national layer (src/lib/search/national-layer.ts): entries survive encoding, and for any records and query the
 * layer answers what Pagefind would (the records having, for every word, a word starting with it — or that word for
 * a quoted term), whether a word's entries are inline, in a file of their own, or left out as too common.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildNationalLayer,
  COMMON_FIRST,
  decodeEntries,
  encodeEntries,
  type LayerEntry,
  layerStart,
  NationalLayer,
} from '../../src/lib/search/national-layer.ts';
import { encodeBundle, fragmentNames } from '../../src/lib/search/pagefind-format.ts';

const layout = { fragmentPrefix: 'und_', regionWidth: 2, facetWidth: 1 };

const entry = fc.record({
  order: fc.nat({ max: 200_000 }),
  region: fc.nat({ max: 36 * 36 - 1 }),
  facet: fc.nat({ max: 35 }),
  words: fc.nat({ max: 36 * 36 - 1 }),
  fragment: fc.stringMatching(/^[0-9a-f]{7,9}$/).map((h) => `und_${h}`),
});

describe('entries', () => {
  it('decode to what was encoded, in name order', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), (list) => {
        const sorted = [...list].sort((a, b) => a.order - b.order);
        expect(decodeEntries(encodeEntries(sorted, layout), layout)).toEqual(sorted);
      }),
    );
  });

  it('refuse entries out of name order or with another fragment prefix', () => {
    const e: LayerEntry = { order: 5, region: 1, facet: 0, words: 3, fragment: 'und_abcdef1' };
    expect(() => encodeEntries([e, { ...e, order: 4 }], layout)).toThrow(/顺序/);
    expect(() => encodeEntries([{ ...e, fragment: 'zh_abcdef1' }], layout)).toThrow(/und_/);
  });
});

// Records over small alphabets, so that words share starts and queries find something: Chinese words, codes, and
// short words of letters and digits that the layer does not hold (they start too few characters to pick a file).
const run = (chars: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...chars), { minLength: min, maxLength: max }).map((a) => a.join(''));
const word = fc.oneof(
  fc.tuple(run('甲乙', 1, 1), run('甲乙丙', 1, 3)).map(([a, b]) => a + b),
  run('ab1', 8, 10),
  run('ab1', 1, 3),
);
const records = fc.array(
  fc.record({
    region: fc.nat({ max: 3 }),
    facet: fc.nat({ max: 2 }),
    words: fc.uniqueArray(word, { minLength: 1, maxLength: 6 }),
  }),
  { minLength: 1, maxLength: 40 },
);

/** Pagefind's answer: records with a word starting with each query word (quoted: equal to it). */
function expected(recs: { words: string[] }[], terms: string): number[] {
  const quoted = /^"(.*)"$/.exec(terms);
  const q = quoted ? [quoted[1] as string] : terms.split(' ');
  const out: number[] = [];
  recs.forEach((r, i) => {
    if (q.every((w) => r.words.some((t) => (quoted ? t === w : t.startsWith(w))))) out.push(i);
  });
  return out;
}

describe('answers', () => {
  it('find exactly the records Pagefind finds, inline, in own files or with common words checked later', async () => {
    await fc.assert(
      fc.asyncProperty(
        records,
        fc.array(
          word.filter((w) => [...w].length >= 2),
          { minLength: 1, maxLength: 3 },
        ),
        fc.boolean(),
        fc.constantFrom(1, 3, 1000),
        fc.constantFrom(2, 8, 1000),
        async (recs, query, quote, inline, cap) => {
          const built = buildNationalLayer(
            recs.map((r, i) => ({
              region: r.region,
              facet: r.facet,
              content: r.words.join(' '),
              fragment: `und_${i.toString(16).padStart(7, '0')}`,
            })),
            { regions: 4, facets: 3, fragmentPrefix: 'und_', cap, inline },
          );
          const layer = new NationalLayer(built.manifest, async (path) => {
            const text = built.files.get(path);
            if (text === undefined) throw new Error(`no file ${path}`);
            return JSON.parse(text) as Record<string, string | number>;
          });
          const terms = quote ? `"${query[0]}"` : [...new Set(query)].join(' ');
          const answer = await layer.answer(terms);
          const want = expected(recs, terms);
          if (answer === null) {
            // Only when every word matches a word too common to list.
            const held = (t: string) => recs.filter((r) => r.words.includes(t)).length;
            const everyCommon = (quote ? [query[0] as string] : query).every((w) =>
              recs.some((r) => r.words.some((t) => (quote ? t === w : t.startsWith(w)) && held(t) > cap)),
            );
            const unheld = query.some((w) => layerStart(w) === null);
            expect(everyCommon || unheld).toBe(true);
            return;
          }
          const matches = [...answer.matches];
          if (answer.common) {
            // A common word alone: its ranked files hold every record it matches, in rank order, counted right.
            for (let k = 1; k < answer.common.chunks; k++) matches.push(...(await answer.common.chunk(k)));
            expect(answer.common.total).toBe(want.length);
            expect(answer.common.tally.reduce((n, [, , c]) => n + c, 0)).toBe(want.length);
          }
          const ranked = [...matches].sort(
            (a, b) => b.whole - a.whole || a.words - b.words || a.order - b.order,
          );
          expect(matches).toEqual(ranked);
          const got = matches.map((m) => m.order).sort((a, b) => a - b);
          if (answer.complete) expect(got).toEqual(want);
          // A word left out only widens the answer: every record Pagefind finds is among the candidates.
          else for (const w of want) expect(got).toContain(w);
          for (const m of matches) {
            const r = recs[m.order];
            expect(m.fragment).toBe(`und_${m.order.toString(16).padStart(7, '0')}`);
            expect([m.region, m.facet, m.words]).toEqual([r?.region, r?.facet, r?.words.length]);
          }
        },
      ),
    );
  });

  it('ranks words matched whole first, then shorter records, then name order', async () => {
    const built = buildNationalLayer(
      [
        { region: 0, facet: 0, content: '甲乙丙 丙丁 丁戊 戊己', fragment: 'und_0000001' },
        { region: 0, facet: 0, content: '甲乙 丙丁 丁戊 戊己', fragment: 'und_0000002' },
        { region: 0, facet: 0, content: '甲乙 丙丁', fragment: 'und_0000003' },
        { region: 0, facet: 0, content: '甲乙丙', fragment: 'und_0000004' },
      ],
      { regions: 1, facets: 1, fragmentPrefix: 'und_' },
    );
    const layer = new NationalLayer(built.manifest, async (p) => JSON.parse(built.files.get(p) ?? '{}'));
    expect((await layer.answer('甲乙'))?.matches.map((m) => m.order)).toEqual([2, 1, 3, 0]);
  });

  it('answers a common word alone from its ranked files: the first page first, every record in rank order', async () => {
    // 甲乙 in 6,000 records (over the cap of 1,000), 甲乙丙 in every third; 2,000 hold only 甲乙丁.
    const recs = Array.from({ length: 8000 }, (_, i) => ({
      region: i % 4,
      facet: i % 3,
      content: i < 6000 ? `甲乙 ${i % 3 === 0 ? '甲乙丙 ' : ''}x${'w '.repeat(i % 5)}` : '甲乙丁',
      fragment: `und_${i.toString(16).padStart(7, '0')}`,
    }));
    const built = buildNationalLayer(recs, { regions: 4, facets: 3, fragmentPrefix: 'und_', cap: 1000 });
    const asked: string[] = [];
    const layer = new NationalLayer(built.manifest, async (p) => {
      asked.push(p);
      return JSON.parse(built.files.get(p) ?? '{}');
    });
    const answer = await layer.answer('甲乙');
    const common = answer?.common;
    if (!answer || !common) throw new Error('no ranked answer for a common word');
    // The start file and the first ranked file only: a few KB.
    expect(asked).toHaveLength(2);
    expect(Buffer.byteLength(built.files.get(asked[1] as string) ?? '')).toBeLessThan(20_000);
    expect(common.total).toBe(8000);
    expect(answer.matches).toHaveLength(COMMON_FIRST);
    const all = [...answer.matches];
    for (let k = 1; k < common.chunks; k++) all.push(...(await common.chunk(k)));
    expect(all.map((m) => m.order).sort((a, b) => a - b)).toEqual(recs.map((_, i) => i));
    // Whole-word matches first (the 6,000 holding 甲乙), shorter records before longer, then name order.
    expect(all.slice(0, 6000).every((m) => m.whole === 1)).toBe(true);
    expect(all.slice(6000).every((m) => m.whole === 0)).toBe(true);
    expect(all.slice(0, 3).map((m) => m.order)).toEqual([1, 5, 10]);
    const perRegion = new Map<number, number>();
    for (const [r, , n] of common.tally) perRegion.set(r, (perRegion.get(r) ?? 0) + n);
    expect([...perRegion.values()]).toEqual([2000, 2000, 2000, 2000]);
    // Quoted, or with another common word, it is not answered from the ranked files.
    expect((await layer.answer('"甲乙"'))?.common).toBeUndefined();
  });

  it('cannot answer a one-character word', async () => {
    const built = buildNationalLayer([{ region: 0, facet: 0, content: '甲乙', fragment: 'und_0000001' }], {
      regions: 1,
      facets: 1,
      fragmentPrefix: 'und_',
    });
    const layer = new NationalLayer(built.manifest, async (p) => JSON.parse(built.files.get(p) ?? '{}'));
    expect(await layer.answer('甲')).toBeNull();
    expect((await layer.answer('甲乙'))?.matches.length).toBe(1);
  });

  it('cannot answer a code-like word of fewer than eight characters, and finds a code by its first eight', async () => {
    const built = buildNationalLayer(
      [{ region: 0, facet: 0, content: 'ma1fpawd6 91330203ma1fpawd63', fragment: 'und_0000001' }],
      { regions: 1, facets: 1, fragmentPrefix: 'und_' },
    );
    const layer = new NationalLayer(built.manifest, async (p) => JSON.parse(built.files.get(p) ?? '{}'));
    expect(await layer.answer('ma1fpaw')).toBeNull();
    expect((await layer.answer('ma1fpawd'))?.matches.length).toBe(1);
    expect((await layer.answer('"91330203ma1fpawd63"'))?.matches.length).toBe(1);
    expect((await layer.answer('"91330203ma1fpawd6"'))?.matches.length).toBe(0);
  });
});

describe('reading', () => {
  // Two codes sharing their first eight characters, each held by more records than are listed inline: a query of
  // those eight characters needs both words' own files.
  const built = buildNationalLayer(
    Array.from({ length: 6 }, (_, i) => ({
      region: 0,
      facet: 0,
      content: i % 2 ? 'ab11ab11x 甲乙' : 'ab11ab11y 甲乙',
      fragment: `und_${i.toString(16).padStart(7, '0')}`,
    })),
    { regions: 1, facets: 1, fragmentPrefix: 'und_', inline: 1 },
  );
  /** A loader that counts requests and answers only when told to. */
  function pending() {
    const asked: string[] = [];
    const waiting: (() => void)[] = [];
    const layer = new NationalLayer(built.manifest, (path) => {
      asked.push(path);
      return new Promise((ok) => waiting.push(() => ok(JSON.parse(built.files.get(path) ?? '{}'))));
    });
    const settle = async () => {
      for (let i = 0; i < 20; i++) {
        for (const w of waiting.splice(0)) w();
        await new Promise((ok) => setTimeout(ok, 0));
      }
    };
    return { layer, asked, waiting, settle };
  }

  it("asks for every own file of a word's matches at once, not one after another", async () => {
    const { layer, asked, waiting, settle } = pending();
    const answer = layer.answer('ab11ab11');
    await new Promise((ok) => setTimeout(ok, 0));
    expect(asked).toHaveLength(1);
    waiting.splice(0).forEach((w) => {
      w();
    });
    for (let i = 0; i < 5 && waiting.length < 2; i++) await new Promise((ok) => setTimeout(ok, 0));
    // Both own files are asked for while neither has arrived.
    expect(asked.filter((p) => p.startsWith('w/'))).toHaveLength(2);
    await settle();
    expect((await answer)?.matches).toHaveLength(6);
  });

  it('reads nothing twice: the same terms share one answer, other terms the words already read', async () => {
    const { layer, asked, settle } = pending();
    const first = layer.answer('ab11ab11 甲乙');
    const again = layer.answer('ab11ab11 甲乙');
    expect(again).toBe(first);
    await settle();
    const read = asked.length;
    const other = layer.answer('ab11ab11');
    await settle();
    expect((await other)?.matches).toHaveLength(6);
    // The start file is the loader's to cache; the layer asks for no own file again.
    expect(asked.slice(read).filter((p) => p.startsWith('w/'))).toEqual([]);
  });
});

describe('fragment names', () => {
  it('are the names of the fragments the bundle is written with, null for a record with no word', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            content: fc
              .array(fc.stringMatching(/^[a-z0-9甲乙]{1,4}$/), { maxLength: 4 })
              .map((w) => w.join(' ')),
            title: fc.constantFrom('甲', '乙', ''),
          }),
          { maxLength: 30 },
        ),
        (list) => {
          const records = list.map((r, i) => ({
            url: `/r/${i}/`,
            content: r.content,
            meta: { title: r.title },
          }));
          const names = fragmentNames(records, 'und');
          const written = encodeBundle(records, 'und', '1.4.0')
            .files.filter((f) => f.path.startsWith('fragment/'))
            .map((f) => f.path.slice('fragment/'.length, -'.pf_fragment'.length));
          expect(names.filter((n) => n !== null)).toEqual(written);
          expect(names.map((n) => n === null)).toEqual(records.map((r) => r.content === ''));
        },
      ),
    );
  });
});
