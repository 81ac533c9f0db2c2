/**
 * Word routes never leave out a bundle that holds a record with every query word (as a word start, the way Pagefind
 * matches), and leave out the bundles where some word's first two characters start no word at all.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildWordRoutes,
  bundlesWithAll,
  hasBit,
  routeFile,
  termWords,
  wordStart,
} from '../../src/lib/search/word-routes.ts';

const alphabet = ['托', '育', '宁', '波', 'a', 'b', '1', '𠀋'];
const word = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 4 }).map((c) => c.join(''));
const text = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));

function route(bundles: { id: string; texts: string[] }[], words: string[]) {
  const { manifest, files } = buildWordRoutes(bundles);
  const tables = [...files.values()].map((t) => JSON.parse(t) as Record<string, string>);
  const maskOf = (start: string) => tables[routeFile(start, manifest.files)]?.[start];
  return bundlesWithAll(bundles, words, maskOf, manifest).map((b) => b.id);
}

describe('word routes', () => {
  it('keep every bundle with a record holding all query words, drop bundles lacking a word start', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(text, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 9 }),
        fc.array(word, { minLength: 1, maxLength: 3 }),
        (bundleTexts, query) => {
          const bundles = bundleTexts.map((texts, i) => ({ id: `b${i}`, texts }));
          const kept = new Set(route(bundles, query));
          for (const b of bundles) {
            const words = b.texts.flatMap((t) => t.split(' '));
            const holds = b.texts.some((t) => query.every((q) => t.split(' ').some((w) => w.startsWith(q))));
            if (holds) expect(kept.has(b.id)).toBe(true);
            const lacks = query.some((q) => {
              const s = wordStart(q);
              return s !== null && !words.some((w) => w.startsWith(s));
            });
            if (lacks) expect(kept.has(b.id)).toBe(false);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('narrows by two characters: a one-character word keeps every bundle', () => {
    const bundles = [
      { id: 'a', texts: ['托育 宁波'] },
      { id: 'b', texts: ['托管 波市'] },
    ];
    expect(route(bundles, ['托'])).toEqual(['a', 'b']);
    expect(route(bundles, ['托育'])).toEqual(['a']);
    expect(route(bundles, ['托育', '波市'])).toEqual([]);
  });

  it('spells masks in hex over any number of bundles', () => {
    const bundles = Array.from({ length: 70 }, (_, i) => ({
      id: `b${i}`,
      texts: i % 7 === 0 ? ['托育'] : ['宁波'],
    }));
    const { files } = buildWordRoutes(bundles);
    const mask = Object.assign({}, ...[...files.values()].map((t) => JSON.parse(t))).托育 as string;
    for (let i = 0; i < 70; i++) expect(hasBit(mask, i), String(i)).toBe(i % 7 === 0);
    expect(route(bundles, ['托育'])).toEqual(bundles.filter((_, i) => i % 7 === 0).map((b) => b.id));
  });

  it('reads the words of Pagefind terms, quoted codes included', () => {
    expect(termWords('托育 "91330212ma2kwrj91b"  宁波')).toEqual(['托育', '91330212ma2kwrj91b', '宁波']);
  });
});
