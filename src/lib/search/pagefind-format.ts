/**
 * Pagefind 1.4's index format, written directly from records: the same files `pagefind.createIndex()` +
 * `addCustomRecord()` + `writeFiles()` produce for a language without a stemmer, in a fraction of the time.
 *
 * Why: Pagefind's own writer is a statically linked musl binary whose allocator maps and unmaps memory for every
 * fragment it compresses; on this 2-core machine that costs 2–3 ms a record, nearly all of it in the kernel (page
 * faults and TLB shootdowns between its threads), which made the search index the largest part of a national build.
 * The format itself is small: CBOR metadata and word and filter indexes, and JSON fragments, each gzip-compressed
 * behind a signature and named by the SHA-1 of its uncompressed content.
 *
 * What a record becomes is what Pagefind makes of it: its content split on white space, each word indexed at its
 * position with weight 1; a record with no word is dropped. Only words of lower-case letters and digits are accepted,
 * which is what `indexText` produces: Pagefind splits and rewrites other words (punctuation, camel case, emoji) by
 * rules this encoder does not repeat, so such a word is refused rather than indexed differently. Stemming is not
 * done either, so languages Pagefind stems or segments are refused. `test/unit/search-pagefind-format.test.ts` checks the
 * output against Pagefind's own for the same records. Pure apart from hashing and compression.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { encode } from 'cborg';
import { WHITE_SPACE } from '../domain/whitespace.ts';

export interface IndexRecord {
  url: string;
  content: string;
  meta?: Record<string, string>;
  filters?: Record<string, string[]>;
  sort?: Record<string, string>;
}

/** One file of a bundle: its path inside the bundle directory and its bytes as written (compressed). */
export interface BundleFile {
  path: string;
  bytes: Buffer;
}

export interface EncodedBundle {
  /** Every file but pagefind-entry.json (which lists the bundle's languages: see `entryLanguage`). */
  files: BundleFile[];
  /** The metadata file's hash, e.g. `und_4a86eb7aa7b`, as pagefind-entry.json names it. */
  metaHash: string;
  pageCount: number;
}

/** Languages Pagefind 1.4 stems (its `get_stemmer`): their words would need stemming to match its queries. */
const STEMMED = new Set(
  'ar hy eu ca da nl en fi fr de el hi hu id ga it lt ne no pt ro ru sr es sv ta tr yi'.split(' '),
);
/** Languages Pagefind segments with its own dictionary when it indexes. */
const SEGMENTED = new Set(['zh', 'ja']);

export function canEncode(language: string): boolean {
  const base = language.split('-')[0] ?? '';
  return !STEMMED.has(base) && !SEGMENTED.has(base);
}

const SIGNATURE = Buffer.from('pagefind_dcd');
/** The words this encoder indexes as Pagefind does: letters and digits (lower case is checked apart). */
const PLAIN = /^[\p{L}\p{N}]+$/u;
/** Rust's `split_whitespace`, which Pagefind splits content with, splits on Unicode White_Space. */
const WORD_GAP = new RegExp(`[${WHITE_SPACE}]+`);
/** Weight 1 on Pagefind's scale, written before a page's positions (negated). */
const WEIGHT_ONE = 25;
/** Positions (plus one per page) per word index chunk, as Pagefind chunks them. */
const CHUNK_SIZE = 20_000;

// --- The files' structures, as Pagefind's serde writes them: CBOR (RFC 8949) arrays, text strings and integers. ---

/** One page's positions of a word: its page number, then Pagefind's weight marker and the positions. */
type PagePositions = [page: number, weightAndLocs: number[]];
/** A word index chunk: every word of the chunk with the pages it is on. */
type WordIndexFile = [words: [word: string, pages: PagePositions[]][]];
/** A filter index: each value of the filter with the pages that carry it. */
type FilterIndexFile = [filter: string, values: [value: string, pages: number[]][]];
/** The metadata file the runtime reads first. */
type MetaFile = [
  version: string,
  pages: [fragment: string, wordCount: number][],
  chunks: [from: string, to: string, file: string][],
  filters: [filter: string, file: string][],
  sorts: [key: string, pages: number[]][],
];

/** cborg writes every integer in its shortest form and keeps array order, which is what Pagefind's serde does. */
function encodeFile(file: WordIndexFile | FilterIndexFile | MetaFile): Uint8Array {
  return encode(file);
}

// --- Names ---

/** SHA-1 in hexadecimal as Pagefind spells it: each byte without its leading zero (0x0e → "e"). */
export function pagefindHash(bytes: Uint8Array | string): string {
  let hex = '';
  for (const b of createHash('sha1').update(bytes).digest()) hex += b.toString(16);
  return hex;
}

/**
 * The files of one kind (fragments, index chunks, filters) in a bundle. Pagefind names a file
 * `<language>_<first 7 hex digits of its SHA-1>` and lengthens the name by a digit while it collides with another
 * file of the same kind.
 */
class FileKind {
  private readonly taken = new Map<string, string>();
  private readonly language: string;
  private readonly dir: string;
  private readonly ext: string;
  private readonly files: BundleFile[];
  constructor(language: string, dir: string, ext: string, files: BundleFile[]) {
    this.language = language;
    this.dir = dir;
    this.ext = ext;
    this.files = files;
  }

  /** Adds a file with this (uncompressed) content; returns its name. */
  add(body: Uint8Array): string {
    const name = this.claim(body);
    this.files.push({ path: `${this.dir}/${name}.${this.ext}`, bytes: compress(body) });
    return name;
  }

  /** The name a file with this content gets, taken as `add` takes it, without writing the file. */
  claim(body: Uint8Array): string {
    return this.name(pagefindHash(body));
  }

  private name(hash: string): string {
    const full = `${this.language}_${hash}`;
    let length = this.language.length + 8;
    let short = full.slice(0, length);
    for (
      let other = this.taken.get(short);
      other !== undefined && other !== full;
      other = this.taken.get(short)
    ) {
      if (length >= full.length) throw new Error(`Pagefind 文件名冲突：${full}`);
      short = full.slice(0, ++length);
    }
    this.taken.set(short, full);
    return short;
  }
}

/**
 * Gzip with a window no larger than the data: zlib's default state (256 KB) costs more to allocate and clear than a
 * fragment of a few hundred bytes costs to compress, and the output is the same size.
 */
function compress(body: Uint8Array): Buffer {
  const data = Buffer.concat([SIGNATURE, body]);
  const windowBits = Math.min(15, Math.max(9, Math.ceil(Math.log2(data.length + 262))));
  return gzipSync(data, { windowBits, memLevel: Math.max(1, windowBits - 7) });
}

// --- Records ---

/** Code-point order, as Rust compares strings (JavaScript's `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Object keys in code-point order, as Pagefind's serde writes its maps. */
function sortedObject<T>(o: Record<string, T> | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  if (!o) return out;
  for (const k of Object.keys(o).sort(compareCodePoints)) out[k] = o[k] as T;
  return out;
}

/** Pagefind's sort type: numbers when every value parses as one, else strings. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Appends to the list under `key`, creating it. */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The words of a record's content, as Pagefind splits them. */
function recordTokens(record: IndexRecord): string[] {
  return record.content.split(WORD_GAP).filter((w) => w !== '');
}

/** A record's fragment: what the browser reads to show it. */
function fragmentBody(
  record: IndexRecord,
  tokens: readonly string[],
  filters: Record<string, string[]>,
): Buffer {
  const json = JSON.stringify({
    url: record.url,
    content: tokens.join(' '),
    word_count: tokens.length,
    filters,
    meta: sortedObject(record.meta),
    anchors: [],
  });
  return Buffer.from(json);
}

/**
 * The fragment file name (`und_4a86eb7`) each record gets in the bundle `encodeBundle` writes for the same records,
 * or null for a record with no word (which the bundle leaves out). For indexes over the bundles that point at
 * records (national-layer.ts) without reading the written files back.
 */
export function fragmentNames(records: readonly IndexRecord[], language: string): (string | null)[] {
  const kind = new FileKind(language, 'fragment', 'pf_fragment', []);
  return records.map((record) => {
    const tokens = recordTokens(record);
    if (tokens.length === 0) return null;
    return kind.claim(fragmentBody(record, tokens, sortedObject(record.filters)));
  });
}

export function encodeBundle(
  records: readonly IndexRecord[],
  language: string,
  version: string,
): EncodedBundle {
  if (!canEncode(language)) {
    throw new Error(
      `索引语言 ${language} 需要 Pagefind 的词干或分词处理，不能直接写出：请用没有词干规则的语言代码`,
    );
  }
  const files: BundleFile[] = [];
  const fragments = new FileKind(language, 'fragment', 'pf_fragment', files);
  const words = new Map<string, PagePositions[]>();
  const filters = new Map<string, Map<string, number[]>>();
  const sorts = new Map<string, { value: string; page: number }[]>();
  const pages: [string, number][] = [];

  for (const record of records) {
    const tokens = recordTokens(record);
    const positions = new Map<string, number[]>();
    tokens.forEach((word, at) => {
      if (!PLAIN.test(word) || word !== word.toLowerCase()) {
        throw new Error(
          `搜索记录 ${record.url} 含有不能直接索引的词“${word}”：索引词只能由小写字母和数字组成（见 normalise-query.ts 的 indexText）`,
        );
      }
      push(positions, word, at);
    });
    if (positions.size === 0) continue;
    const page = pages.length;
    for (const [word, locs] of positions) push(words, word, [page, [-WEIGHT_ONE, ...locs]]);
    const recordFilters = sortedObject(record.filters);
    for (const [filter, values] of Object.entries(recordFilters)) {
      const byValue = filters.get(filter) ?? new Map<string, number[]>();
      filters.set(filter, byValue);
      for (const value of values) push(byValue, value, page);
    }
    for (const [key, value] of Object.entries(record.sort ?? {})) push(sorts, key, { value, page });
    pages.push([fragments.add(fragmentBody(record, tokens, recordFilters)), tokens.length]);
  }

  // Word index chunks: words in code-point order, a new chunk once it holds CHUNK_SIZE positions and pages.
  const sortedWords = [...words.keys()].sort(compareCodePoints);
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let size = 0;
  for (const word of sortedWords) {
    for (const [, locs] of words.get(word) as PagePositions[]) size += locs.length + 1;
    chunk.push(word);
    if (size >= CHUNK_SIZE) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length) chunks.push(chunk);
  const indexes = new FileKind(language, 'index', 'pf_index', files);
  const chunkMeta = chunks.map((list) => {
    const file: WordIndexFile = [list.map((word) => [word, words.get(word) as PagePositions[]])];
    return {
      from: list[0] as string,
      to: list[list.length - 1] as string,
      hash: indexes.add(encodeFile(file)),
    };
  });
  // Neighbouring chunks are told apart by their shortest distinct prefixes.
  for (let i = 0; i + 1 < chunkMeta.length; i++) {
    const left = chunkMeta[i] as { to: string };
    const right = chunkMeta[i + 1] as { from: string };
    const a = [...left.to];
    const b = [...right.from];
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) common++;
    left.to = a.slice(0, common + 1).join('');
    right.from = b.slice(0, common + 1).join('');
  }

  const filterFiles = new FileKind(language, 'filter', 'pf_filter', files);
  const filterMeta: [string, string][] = [];
  for (const [filter, byValue] of [...filters].sort(([a], [b]) => compareCodePoints(a, b))) {
    const file: FilterIndexFile = [filter, [...byValue].sort(([a], [b]) => compareCodePoints(a, b))];
    filterMeta.push([filter, filterFiles.add(encodeFile(file))]);
  }

  const sortMeta = [...sorts]
    .sort(([a], [b]) => compareCodePoints(a, b))
    .map(([key, list]): [string, number[]] => {
      const numeric = list.every((e) => NUMBER.test(e.value));
      const ordered = [...list].sort((x, y) =>
        numeric ? Number(x.value) - Number(y.value) : compareCodePoints(x.value, y.value),
      );
      return [key, ordered.map((e) => e.page)];
    });

  const metaBody = encodeFile([
    version,
    pages,
    chunkMeta.map((c): [string, string, string] => [c.from, c.to, c.hash]),
    filterMeta,
    sortMeta,
  ]);
  const metaHash = `${language}_${pagefindHash(metaBody).slice(0, language.length + 8)}`;
  files.push({ path: `pagefind.${metaHash}.pf_meta`, bytes: compress(metaBody) });
  return { files, metaHash, pageCount: pages.length };
}
