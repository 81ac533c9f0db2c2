/**
 * A folded view of a text for finding personal names in it, with the way back to the published text: compatibility
 * forms to plain ones (NFKC), Traditional to Simplified character by character (OpenCC's table), accents off, lower
 * case, and optionally every kind of space and invisible character dropped. Each folded character remembers the span
 * of the published text it came from, so a match in the folded view replaces exactly that span. Pure.
 */
import TSCharacters from 'opencc-js/dict/TSCharacters';
import { isBlankChar, isWhiteSpaceChar } from '../domain/whitespace.ts';

let simplified: Map<string, string> | undefined;

/** OpenCC's one-character Traditional → Simplified conversions. */
function simplifiedTable(): Map<string, string> {
  if (simplified) return simplified;
  simplified = new Map();
  for (const entry of (TSCharacters as string).split('|')) {
    const [from, to] = entry.split(' ');
    if (from && to && [...from].length === 1 && [...to].length === 1 && from !== to) simplified.set(from, to);
  }
  return simplified;
}

export interface Folded {
  text: string;
  /** For each code unit of `text`, the start and end of the published span it came from. */
  starts: number[];
  ends: number[];
}

const folded = new Map<string, string>();

/** One character folded: NFKC, Simplified, no accents, lower case. */
export function foldChar(c: string): string {
  if (c.length === 1 && c.charCodeAt(0) < 0x80) return c.toLowerCase();
  let f = folded.get(c);
  if (f === undefined) {
    f = foldUncached(c);
    if (folded.size < 50_000) folded.set(c, f);
  }
  return f;
}

function foldUncached(c: string): string {
  let n = c.normalize('NFKC');
  if (/[\u0300-\u036F]/.test(n.normalize('NFD'))) n = n.normalize('NFD').replace(/[\u0300-\u036F]/g, '');
  let out = '';
  for (const ch of n) out += simplifiedTable().get(ch) ?? ch;
  return out.toLowerCase();
}

export function fold(text: string, opts: { dropSpaces: boolean }): Folded {
  const starts: number[] = [];
  const ends: number[] = [];
  let out = '';
  for (let i = 0; i < text.length; ) {
    const c = String.fromCodePoint(text.codePointAt(i) as number);
    const end = i + c.length;
    // Invisible characters always go; whitespace goes only when asked, and is one space otherwise.
    const space = isWhiteSpaceChar(c);
    if (isBlankChar(c) && (opts.dropSpaces || !space)) {
      i = end;
      continue;
    }
    const f = space ? ' ' : foldChar(c);
    for (let k = 0; k < f.length; k++) {
      starts.push(i);
      ends.push(end);
    }
    out += f;
    i = end;
  }
  return { text: out, starts, ends };
}

/** A name or word in its folded form (no spaces), as names are looked up. */
export function foldKey(s: string): string {
  return fold(s, { dropSpaces: true }).text;
}

/** Replace spans of the folded view (sorted, not overlapping) in the published text. */
export function replaceSpans(
  text: string,
  folded: Folded,
  spans: ReadonlyArray<{ from: number; to: number; by: string }>,
): string {
  let out = '';
  let last = 0;
  for (const s of spans) {
    const start = folded.starts[s.from] as number;
    const end = folded.ends[s.to - 1] as number;
    if (start < last) continue;
    out += text.slice(last, start) + s.by;
    last = end;
  }
  return out + text.slice(last);
}
