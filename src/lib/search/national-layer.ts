/**
 * The national layer: one word index over every bundle, small enough per word to answer a search without opening
 * any bundle. A split index (plan-shards.ts) costs each bundle a search opens its page list and an index chunk per
 * word — 1.1–1.3 MB when a national brand or a common name fragment opens all seven bundles of a 100,000-institution
 * register. The layer answers the same question Pagefind would (the records having, for every query word, a word
 * starting with it) and says where each record's fragment is, so the page fetches the layer's files for the query's
 * words and then only the fragments it shows.
 *
 * For every indexed word (the record tokens of normalise-query.ts: names, codes, 文号, address and region bigrams)
 * the records holding it, in the register's name order, each as an entry: its place in that order, its region, its
 * checkbox-filter combination (facets.ts), its word count and its fragment's name. Words are spread over files by a
 * hash of their first characters (`layerStart`; as word-routes.ts does), so every word a query word can be the start
 * of is in one file. A word held by more than `cap` records (托育, 有限, a province's name) keeps only its count: a query with
 * such a word is answered from its other words and each record checked against it when its fragment is read (as
 * every result is); a query of such words only goes to the bundles.
 *
 * Entries: `<order delta>.<region><facet><word count><fragment hash>` in base 36 (the hash in hex, without the
 * language prefix), joined by commas. Region and facet numbers are places in the manifest's shard regions and facets,
 * so the layer adds nothing to the manifest but its file count. Pure: the build writes the files
 * (national-layer-fs.ts), the browser reads them through a fetch function.
 */
import { routeFile, termWords } from './word-routes.ts';

/** Characters of a code-like word (letters and digits) that pick its file: codes share their first few. */
const CODE_START = 8;
const HAN = /^\p{Script=Han}/u;

/**
 * What picks a word's start file: the first two characters of a Chinese word, the first eight of a word of letters
 * and digits (USCCs share their first six with every institution of their county, 组织机构代码 their first two with
 * most recent ones), or null for a shorter word, which the layer neither holds nor answers.
 */
export function layerStart(word: string): string | null {
  const chars = [...word];
  const n = HAN.test(word) ? 2 : CODE_START;
  return chars.length >= n ? chars.slice(0, n).join('') : null;
}

export const NATIONAL_DIR = 'national';

/** Records a word may list; one held by more is marked common. About 4 bytes an entry compressed: 80 KB a word. */
export const DEFAULT_CAP = 20_000;
/** Entries a search reads at most (beyond its rarest word's): about 160 KB compressed. */
const DEFAULT_BUDGET = 40_000;
/** A word with more entries than this has a file of its own, read only when a query needs that word. */
const INLINE = 200;
/** Inline entries per start file on average: a few KB compressed. */
const ENTRIES_PER_FILE = 1500;
const WORDS_SUBDIR = 'w';
/** Word counts are kept up to this (two base-36 digits): they only order results. */
const MAX_WORDS = 36 * 36 - 1;

export interface NationalLayerManifest {
  /** Files under national/. */
  files: number;
  cap: number;
  /** What fragment names start with before their hash (`und_`). */
  fragmentPrefix: string;
  /** Base-36 digits of an entry's region and facet numbers. */
  regionWidth: number;
  facetWidth: number;
}

export interface LayerRecord {
  /** Index of the record's region in the manifest's shard regions (in shard order). */
  region: number;
  /** Index of its facet combination in the manifest's facets. */
  facet: number;
  /** Its index text (space-separated words). */
  content: string;
  /** Its fragment's name in its bundle (`und_4a86eb7`). */
  fragment: string;
}

export interface LayerEntry {
  /** Place in the register's name order. */
  order: number;
  region: number;
  facet: number;
  words: number;
  /** Fragment name with the language prefix. */
  fragment: string;
}

const digits = (n: number) => Math.max(1, Math.max(0, n - 1).toString(36).length);
const fixed = (n: number, width: number) => n.toString(36).padStart(width, '0');

export function encodeEntries(
  entries: readonly LayerEntry[],
  m: Pick<NationalLayerManifest, 'fragmentPrefix' | 'regionWidth' | 'facetWidth'>,
): string {
  let last = 0;
  return entries
    .map((e) => {
      if (!e.fragment.startsWith(m.fragmentPrefix))
        throw new Error(`全国索引：片段名 ${e.fragment} 不以 ${m.fragmentPrefix} 开头`);
      if (e.order < last) throw new Error('全国索引：记录须按名称顺序写入');
      const delta = e.order - last;
      last = e.order;
      return `${delta.toString(36)}.${fixed(e.region, m.regionWidth)}${fixed(e.facet, m.facetWidth)}${fixed(
        Math.min(e.words, MAX_WORDS),
        2,
      )}${e.fragment.slice(m.fragmentPrefix.length)}`;
    })
    .join(',');
}

export function decodeEntries(
  text: string,
  m: Pick<NationalLayerManifest, 'fragmentPrefix' | 'regionWidth' | 'facetWidth'>,
): LayerEntry[] {
  if (text === '') return [];
  let order = 0;
  return text.split(',').map((s) => {
    const dot = s.indexOf('.');
    order += Number.parseInt(s.slice(0, dot), 36);
    const r = dot + 1;
    const f = r + m.regionWidth;
    const w = f + m.facetWidth;
    const region = Number.parseInt(s.slice(r, f), 36);
    const facet = Number.parseInt(s.slice(f, w), 36);
    const words = Number.parseInt(s.slice(w, w + 2), 36);
    return { order, region, facet, words, fragment: `${m.fragmentPrefix}${s.slice(w + 2)}` };
  });
}

/** FNV-1a of a word, in hex: the name of the file its entries are in when they are too many to list inline. */
export function wordFile(word: string): string {
  return `${WORDS_SUBDIR}/${routeFile(word, 0x100000000).toString(16)}.json`;
}

/** The start file holding the words that start with `start`. */
export function startFile(start: string, files: number): string {
  return `${routeFile(start, files)}.json`;
}

/**
 * The layer's files (path under national/ → JSON text) and manifest entry, for records given in the register's name
 * order (the order their bundles list them in). In a start file a word's value is its entries, or its record count
 * when it has more than `inline` (its entries then in `wordFile(word)`, or nowhere when it has more than `cap`).
 */
export function buildNationalLayer(
  records: Iterable<LayerRecord>,
  opts: { regions: number; facets: number; fragmentPrefix: string; cap?: number; inline?: number },
): { manifest: NationalLayerManifest; files: Map<string, string> } {
  const cap = opts.cap ?? DEFAULT_CAP;
  const inline = opts.inline ?? INLINE;
  const postings = new Map<string, LayerEntry[] | number>();
  let order = 0;
  for (const r of records) {
    const words = r.content.split(' ').filter(Boolean);
    const entry: LayerEntry = {
      order,
      region: r.region,
      facet: r.facet,
      words: words.length,
      fragment: r.fragment,
    };
    order++;
    for (const word of new Set(words)) {
      if (layerStart(word) === null) continue;
      const list = postings.get(word);
      if (list === undefined) postings.set(word, [entry]);
      else if (typeof list === 'number') postings.set(word, list + 1);
      else if (list.length >= cap) postings.set(word, list.length + 1);
      else list.push(entry);
    }
  }
  let entries = 0;
  for (const list of postings.values())
    if (typeof list !== 'number' && list.length <= inline) entries += list.length;
  const manifest: NationalLayerManifest = {
    files: Math.max(1, Math.ceil(entries / ENTRIES_PER_FILE)),
    cap,
    fragmentPrefix: opts.fragmentPrefix,
    regionWidth: digits(opts.regions),
    facetWidth: digits(opts.facets),
  };
  const byFile: Record<string, string | number>[] = Array.from({ length: manifest.files }, () => ({}));
  const own = new Map<string, Record<string, string>>();
  for (const word of [...postings.keys()].sort()) {
    const list = postings.get(word) as LayerEntry[] | number;
    const file = byFile[routeFile(layerStart(word) as string, manifest.files)] as Record<
      string,
      string | number
    >;
    if (typeof list === 'number') file[word] = list;
    else if (list.length <= inline) file[word] = encodeEntries(list, manifest);
    else {
      file[word] = list.length;
      const path = wordFile(word);
      const content = own.get(path) ?? {};
      content[word] = encodeEntries(list, manifest);
      own.set(path, content);
    }
  }
  const files = new Map(byFile.map((content, i) => [`${i}.json`, JSON.stringify(content)]));
  for (const [path, content] of own) files.set(path, JSON.stringify(content));
  return { manifest, files };
}

/** One record a query matched, with how well: words matched whole (not only as a start) rank it higher. */
export interface LayerMatch extends LayerEntry {
  whole: number;
}

export interface LayerAnswer {
  /** Records holding every word read, by relevance: words matched whole, then fewer words, then name order. */
  matches: LayerMatch[];
  /** False when a word was not read (too common): the records still have to be checked against it. */
  complete: boolean;
}

/** Answers kept per layer: a typed query's last few states, so the search after them reads nothing again. */
const ANSWERS_KEPT = 32;

/** Reads the layer in the browser. `load(path)` returns the parsed file at path under national/ (cached). */
export class NationalLayer {
  readonly manifest: NationalLayerManifest;
  private readonly load: (path: string) => Promise<Record<string, string | number>>;
  /** Entries by word: a query's retries (code tokens, leave-one-out near matches) share words. */
  private readonly decoded = new Map<string, Promise<LayerEntry[]>>();
  private readonly answers = new Map<string, Promise<LayerAnswer | null>>();

  constructor(
    manifest: NationalLayerManifest,
    load: (path: string) => Promise<Record<string, string | number>>,
  ) {
    this.manifest = manifest;
    this.load = load;
  }

  private entries(key: string, value: string | number): Promise<LayerEntry[]> {
    let list = this.decoded.get(key);
    if (!list) {
      list = (async () => {
        const text = typeof value === 'number' ? ((await this.load(wordFile(key)))[key] as string) : value;
        return decodeEntries(text, this.manifest);
      })();
      this.decoded.set(key, list);
      list.catch(() => this.decoded.delete(key));
    }
    return list;
  }

  /** The entries of every word of the layer `word` matches (the word itself, or every word it starts). */
  private async lookup(
    word: string,
    whole: boolean,
  ): Promise<{ count: number; read: () => Promise<Map<number, LayerMatch>> }> {
    const file = await this.load(startFile(layerStart(word) as string, this.manifest.files));
    const keys = Object.keys(file).filter((k) => (whole ? k === word : k.startsWith(word)));
    let count = 0;
    for (const k of keys) {
      const v = file[k] as string | number;
      count += typeof v === 'number' ? (v > this.manifest.cap ? Number.POSITIVE_INFINITY : v) : 1;
    }
    const read = async () => {
      const found = new Map<number, LayerMatch>();
      // The words' own files at once: each is a round trip.
      const lists = await Promise.all(keys.map((key) => this.entries(key, file[key] as string | number)));
      keys.forEach((key, i) => {
        const exact = key === word ? 1 : 0;
        for (const e of lists[i] as LayerEntry[]) {
          const had = found.get(e.order);
          if (!had) found.set(e.order, { ...e, whole: exact });
          else had.whole = Math.max(had.whole, exact);
        }
      });
      return found;
    };
    return { count, read };
  }

  /**
   * The records for Pagefind terms (`a b` each matching as a word start, or `"a"` matching that word only), or null
   * when the layer cannot tell: a word shorter than two characters (it may start words in every file), or every
   * word too common. Words are read rarest first while their entries stay within `budget`; the others are left for
   * the fragments to check.
   */
  answer(terms: string, budget = DEFAULT_BUDGET): Promise<LayerAnswer | null> {
    const key = `${budget} ${terms}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.answerNow(terms, budget);
      this.answers.set(key, answer);
      answer.catch(() => this.answers.delete(key));
      for (const old of this.answers.keys()) {
        if (this.answers.size <= ANSWERS_KEPT) break;
        this.answers.delete(old);
      }
    }
    return answer;
  }

  private async answerNow(terms: string, budget: number): Promise<LayerAnswer | null> {
    const quoted = /^"(.*)"$/.exec(terms.trim());
    const words = quoted ? [quoted[1] as string] : termWords(terms);
    if (words.length === 0 || words.some((w) => layerStart(w) === null)) return null;
    const looked = await Promise.all(words.map((w) => this.lookup(w, quoted !== null)));
    looked.sort((a, b) => a.count - b.count);
    const chosen: typeof looked = [];
    let spent = 0;
    for (const l of looked) {
      if (!Number.isFinite(l.count)) break;
      // The rarest word is read whatever it costs (up to the cap): without it the layer answers nothing.
      if (chosen.length > 0 && spent + l.count > budget) break;
      chosen.push(l);
      spent += l.count;
    }
    if (chosen.length === 0) return null;
    const [first, ...rest] = (await Promise.all(chosen.map((l) => l.read()))) as [
      Map<number, LayerMatch>,
      ...Map<number, LayerMatch>[],
    ];
    const matches: LayerMatch[] = [];
    for (const m of first.values()) {
      let whole = m.whole;
      let all = true;
      for (const s of rest) {
        const other = s.get(m.order);
        if (!other) {
          all = false;
          break;
        }
        whole += other.whole;
      }
      if (all) matches.push({ ...m, whole });
    }
    matches.sort((a, b) => b.whole - a.whole || a.words - b.words || a.order - b.order);
    return { matches, complete: chosen.length === looked.length };
  }
}
