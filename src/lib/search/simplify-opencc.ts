/**
 * Traditional → Simplified for the build (Node): the project's one conversion (toSimplified, OpenCC t2s). The
 * browser gets only a character table derived from the same dictionary ({@link characterPairs}, simplify-table.ts).
 */
import TSCharacters from 'opencc-js/dict/TSCharacters';
import { toSimplified } from '../ingest/normalise-text.ts';

export const openccSimplify: (s: string) => string = toSimplified;

/** OpenCC's one-character conversions, [Traditional, Simplified]. */
export function characterPairs(): [string, string][] {
  const out: [string, string][] = [];
  for (const entry of TSCharacters.split('|')) {
    const [from, to] = entry.split(' ');
    if (from && to && [...from].length === 1 && [...to].length === 1 && from !== to) out.push([from, to]);
  }
  return out;
}
