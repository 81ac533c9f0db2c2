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
 * of is in one file. A word held by more than `cap` records (托育, 有限, a province's name) keeps only its count in its start
 * file: a query with such a word is answered from its other words and each record checked against it when its
 * fragment is read (as every result is). A query of that word alone is answered from the word's ranked files: every
 * record it matches (holding a word starting with it), in the order a search ranks them, cut into chunks — the
 * first of `COMMON_FIRST` records with the total and the counts per region and filter combination, then chunks of
 * `COMMON_CHUNK` read only as the reader pages on — so its first results cost a few KB instead of every bundle. A
 * query of several such words, only such words, still goes to the bundles.
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
const COMMON_SUBDIR = 'c';
/**
 * Records in the first ranked file of a common word (50 pages of results), and in each later one; never more than
 * the cap, and ten times it, so a layer built with a small cap (tests) pages through several.
 */
export const COMMON_FIRST = 500;
export const COMMON_CHUNK = 5000;
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

/** The k-th ranked file of a word too common to list in full. */
export function commonFile(word: string, k: number): string {
  return `${COMMON_SUBDIR}/${routeFile(word, 0x100000000).toString(16)}-${k}.json`;
}

/** A ranked file's records: those holding the word itself and those holding only longer words starting with it. */
interface RankedChunk {
  exact: string;
  other: string;
}

/** The first ranked file of a common word: its first records, how many it matches in all, and where they are. */
interface RankedHead extends RankedChunk {
  total: number;
  chunks: number;
  /** `<region>.<facet>.<count>` in base 36, joined by commas: the matched records per region and combination. */
  tally: string;
}

/** How a query of one word ranks its records: words matched whole, then fewer words, then name order. */
function compareMatches(a: LayerMatch, b: LayerMatch): number {
  return b.whole - a.whole || a.words - b.words || a.order - b.order;
}

/**
 * The ranked files of a common word: every record holding a word that starts with it (`words` sorted, the word at
 * `at`), ranked as a query of it alone ranks them.
 */
function rankedFiles(
  words: readonly string[],
  at: number,
  postings: ReadonlyMap<string, LayerEntry[]>,
  m: Pick<NationalLayerManifest, 'cap' | 'fragmentPrefix' | 'regionWidth' | 'facetWidth'>,
): RankedChunk[] {
  const firstSize = Math.min(COMMON_FIRST, m.cap);
  const chunkSize = Math.min(COMMON_CHUNK, 10 * m.cap);
  const word = words[at] as string;
  const found = new Map<number, LayerMatch>();
  for (let i = at; i < words.length && (words[i] as string).startsWith(word); i++) {
    const exact = i === at ? 1 : 0;
    for (const e of postings.get(words[i] as string) ?? []) {
      if (!found.has(e.order)) found.set(e.order, { ...e, whole: exact });
    }
  }
  const ranked = [...found.values()].sort(compareMatches);
  const tally = new Map<string, number>();
  for (const e of ranked) {
    const k = `${e.region.toString(36)}.${e.facet.toString(36)}`;
    tally.set(k, (tally.get(k) ?? 0) + 1);
  }
  const chunk = (list: readonly LayerMatch[]): RankedChunk => {
    const byOrder = (whole: number) =>
      encodeEntries(
        list.filter((e) => e.whole === whole).sort((a, b) => a.order - b.order),
        m,
      );
    return { exact: byOrder(1), other: byOrder(0) };
  };
  const chunks = 1 + Math.ceil(Math.max(0, ranked.length - firstSize) / chunkSize);
  const head: RankedHead = {
    ...chunk(ranked.slice(0, firstSize)),
    total: ranked.length,
    chunks,
    tally: [...tally]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([k, n]) => `${k}.${n.toString(36)}`)
      .join(','),
  };
  const out: RankedChunk[] = [head];
  for (let from = firstSize; from < ranked.length; from += chunkSize) {
    out.push(chunk(ranked.slice(from, from + chunkSize)));
  }
  return out;
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
  const postings = new Map<string, LayerEntry[]>();
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
      else list.push(entry);
    }
  }
  let entries = 0;
  for (const list of postings.values()) if (list.length <= inline) entries += list.length;
  const manifest: NationalLayerManifest = {
    files: Math.max(1, Math.ceil(entries / ENTRIES_PER_FILE)),
    cap,
    fragmentPrefix: opts.fragmentPrefix,
    regionWidth: digits(opts.regions),
    facetWidth: digits(opts.facets),
  };
  const byFile: Record<string, string | number>[] = Array.from({ length: manifest.files }, () => ({}));
  const own = new Map<string, Record<string, string>>();
  const ranked = new Map<string, Record<string, RankedChunk>>();
  const words = [...postings.keys()].sort();
  words.forEach((word, at) => {
    const list = postings.get(word) as LayerEntry[];
    const file = byFile[routeFile(layerStart(word) as string, manifest.files)] as Record<
      string,
      string | number
    >;
    if (list.length > cap) {
      file[word] = list.length;
      rankedFiles(words, at, postings, manifest).forEach((chunk, k) => {
        const path = commonFile(word, k);
        const content = ranked.get(path) ?? {};
        content[word] = chunk;
        ranked.set(path, content);
      });
    } else if (list.length <= inline) file[word] = encodeEntries(list, manifest);
    else {
      file[word] = list.length;
      const path = wordFile(word);
      const content = own.get(path) ?? {};
      content[word] = encodeEntries(list, manifest);
      own.set(path, content);
    }
  });
  const files = new Map(byFile.map((content, i) => [`${i}.json`, JSON.stringify(content)]));
  for (const [path, content] of own) files.set(path, JSON.stringify(content));
  for (const [path, content] of ranked) files.set(path, JSON.stringify(content));
  return { manifest, files };
}

/** One record a query matched, with how well: words matched whole (not only as a start) rank it higher. */
export interface LayerMatch extends LayerEntry {
  whole: number;
}

/** A query of one common word: its ranked files, read one after another as the reader pages on. */
export interface CommonWord {
  /** Records the word matches. */
  total: number;
  /** Matched records per region and filter combination: [region, facet, count]. */
  tally: readonly (readonly [number, number, number])[];
  /** Ranked files; `matches` is the first. */
  chunks: number;
  /** The k-th ranked file's records, in rank order (k ≥ 1; the first is `matches`). */
  chunk(k: number): Promise<LayerMatch[]>;
}

export interface LayerAnswer {
  /** Records holding every word read, by relevance: words matched whole, then fewer words, then name order. */
  matches: LayerMatch[];
  /** False when a word was not read (too common): the records still have to be checked against it. */
  complete: boolean;
  /** For a query of one common word: `matches` are its first ranked records, the rest come from here. */
  common?: CommonWord;
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
  ): Promise<{
    count: number;
    file: Record<string, string | number>;
    read: () => Promise<Map<number, LayerMatch>>;
  }> {
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
    return { count, file, read };
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
    if (!quoted && words.length === 1) {
      const word = words[0] as string;
      const held = looked[0]?.file[word];
      if (typeof held === 'number' && held > this.manifest.cap) return this.commonAnswer(word);
    }
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
    matches.sort(compareMatches);
    return { matches, complete: chosen.length === looked.length };
  }

  private async commonAnswer(word: string): Promise<LayerAnswer> {
    const decode = (c: RankedChunk): LayerMatch[] =>
      [
        ...decodeEntries(c.exact, this.manifest).map((e) => ({ ...e, whole: 1 })),
        ...decodeEntries(c.other, this.manifest).map((e) => ({ ...e, whole: 0 })),
      ].sort(compareMatches);
    const head = (await this.load(commonFile(word, 0)))[word] as unknown as RankedHead;
    const chunks = new Map<number, Promise<LayerMatch[]>>();
    const chunk = (k: number): Promise<LayerMatch[]> => {
      let c = chunks.get(k);
      if (!c) {
        c = this.load(commonFile(word, k)).then((f) => decode(f[word] as unknown as RankedChunk));
        chunks.set(k, c);
        c.catch(() => chunks.delete(k));
      }
      return c;
    };
    const tally = head.tally
      ? head.tally.split(',').map((t) => {
          const [r, f, n] = t.split('.').map((x) => Number.parseInt(x, 36));
          return [r as number, f as number, n as number] as const;
        })
      : [];
    return {
      matches: decode(head),
      complete: true,
      common: { total: head.total, tally, chunks: head.chunks, chunk },
    };
  }
}
