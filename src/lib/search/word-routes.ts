/**
 * Which bundles can hold a query's words. A split index (plan-shards.ts) routes a search by region where the query
 * names or implies one; a name searched across the whole country would otherwise open every bundle — each costing
 * its page list and an index chunk per word, 1.1–1.3 MB at 100,000 institutions. Pagefind ANDs the words of a query
 * and matches each as a word start, so a bundle none of whose words start like one of the query's words has no
 * result to give.
 *
 * The build records, for every two-character start of an indexed word, the bundles with a word starting so (a hex
 * bit mask over the manifest's bundles), spread over small files by a hash of the start. The browser fetches the
 * file of each query word's start (a few KB each) and opens only the bundles every word allows — none at all when no
 * bundle has them all. A one-character word does not narrow the bundles. Pure.
 */
import { WHITE_SPACE } from '../domain/whitespace.ts';

const WORD_GAP = new RegExp(`[${WHITE_SPACE}]+`);

export const WORDS_DIR = 'words';
/** Starts per file: at 100,000 institutions a file is a few KB compressed. */
const STARTS_PER_FILE = 500;

export interface WordRoutesManifest {
  /** Number of files under words/. */
  files: number;
  /** Bundle ids in bit order. */
  bundles: string[];
}

/** The first two characters (code points) of a word, or null for a shorter one. */
export function wordStart(word: string): string | null {
  const chars = [...word];
  return chars.length >= 2 ? `${chars[0]}${chars[1]}` : null;
}

/** FNV-1a over the UTF-16 units, for spreading starts over files the same way in the build and the browser. */
export function routeFile(start: string, files: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < start.length; i++) {
    h ^= start.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % files;
}

function toHex(bits: readonly number[]): string {
  const digits: number[] = [];
  for (const b of bits) digits[b >> 2] = (digits[b >> 2] ?? 0) | (1 << (b & 3));
  return Array.from(digits, (d) => (d ?? 0).toString(16))
    .reverse()
    .join('');
}

/** Whether bit `i` is set in a hex mask. */
export function hasBit(hex: string, i: number): boolean {
  const digit = hex[hex.length - 1 - (i >> 2)];
  return digit !== undefined && ((Number.parseInt(digit, 16) >> (i & 3)) & 1) === 1;
}

/**
 * The routing files for bundles given as lists of their records' index texts (space-separated words), in manifest
 * order: file name → JSON content, and the manifest entry.
 */
export function buildWordRoutes(bundles: readonly { id: string; texts: Iterable<string> }[]): {
  manifest: WordRoutesManifest;
  files: Map<string, string>;
} {
  const starts = new Map<string, number[]>();
  bundles.forEach((bundle, i) => {
    for (const text of bundle.texts) {
      for (const word of text.split(' ')) {
        const start = wordStart(word);
        if (start === null) continue;
        const list = starts.get(start);
        if (!list) starts.set(start, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    }
  });
  const count = Math.max(1, Math.ceil(starts.size / STARTS_PER_FILE));
  const byFile: Record<string, string>[] = Array.from({ length: count }, () => ({}));
  for (const start of [...starts.keys()].sort()) {
    (byFile[routeFile(start, count)] as Record<string, string>)[start] = toHex(starts.get(start) as number[]);
  }
  const files = new Map(byFile.map((content, i) => [`${i}.json`, JSON.stringify(content)]));
  return { manifest: { files: count, bundles: bundles.map((b) => b.id) }, files };
}

/** The words of Pagefind terms (`a b "c"`). */
export function termWords(terms: string): string[] {
  return terms.replaceAll('"', ' ').split(WORD_GAP).filter(Boolean);
}

/**
 * Of `bundles`, those every word may be found in, given each word start's mask (undefined: the start is in no
 * bundle). Words shorter than two characters do not narrow.
 */
export function bundlesWithAll<T extends { id: string }>(
  bundles: readonly T[],
  words: readonly string[],
  maskOf: (start: string) => string | undefined,
  routes: WordRoutesManifest,
): T[] {
  let out = [...bundles];
  for (const word of words) {
    const start = wordStart(word);
    if (start === null) continue;
    const mask = maskOf(start) ?? '';
    out = out.filter((b) => {
      const i = routes.bundles.indexOf(b.id);
      return i < 0 || hasBit(mask, i);
    });
  }
  return out;
}
