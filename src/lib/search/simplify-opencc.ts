/**
 * Traditional → Simplified with OpenCC's phrase and character tables, for the build (Node). The browser gets only a
 * character table derived from the same dictionary ({@link characterPairs}, simplify-table.ts).
 */
import { ConverterFactory } from 'opencc-js/core';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';

export const openccSimplify: (s: string) => string = ConverterFactory([TSPhrases, TSCharacters]);

/** OpenCC's one-character conversions, [Traditional, Simplified]. */
export function characterPairs(): [string, string][] {
  const out: [string, string][] = [];
  for (const entry of TSCharacters.split('|')) {
    const [from, to] = entry.split(' ');
    if (from && to && [...from].length === 1 && [...to].length === 1 && from !== to) out.push([from, to]);
  }
  return out;
}
