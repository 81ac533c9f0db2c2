/**
 * The one text transform search uses, at build time for what is indexed and in the browser for what is typed:
 * NFKC (full-width → half-width) → Traditional → Simplified → lower case → punctuation, brackets and spaces dropped
 * → character bigrams of every run of Chinese characters, runs of letters and digits kept whole. USCCs and 决定书文号
 * are also kept whole in that form, so a pasted code matches exactly whatever brackets or spaces it was typed with.
 *
 * Pagefind's own segmentation misses many Chinese substrings and folds neither widths nor scripts; indexing these
 * tokens instead (with Pagefind's word splitting on spaces) makes every 2-character substring findable.
 *
 * The Traditional → Simplified step is given to the module ({@link useSimplifier}): the build uses OpenCC
 * (simplify-opencc.ts); the browser uses a character table the build derives from the same OpenCC dictionaries,
 * restricted to characters the index can match (simplify-table.ts), so OpenCC's 100 KB stays out of the page.
 */

import { INVISIBLE, WHITE_SPACE } from '../domain/whitespace.ts';

let simplify: ((s: string) => string) | null = null;

/** Sets the Traditional → Simplified conversion every function here uses. */
export function useSimplifier(fn: (s: string) => string): void {
  simplify = fn;
}

const INVISIBLE_CHARS = new RegExp(`[${INVISIBLE}]`, 'gu');

/**
 * NFKC, Traditional → Simplified and lower case, invisible characters removed: some of them (Hangul fillers) are
 * letters, which would otherwise stay inside a word.
 */
export function normaliseText(text: string): string {
  if (!simplify)
    throw new Error('normalise-query: no Traditional → Simplified conversion set (useSimplifier)');
  return simplify(text.normalize('NFKC')).toLowerCase().replace(INVISIBLE_CHARS, '');
}

const NOT_WORD = /[^\p{L}\p{N}]+/gu;
const RUN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const HAN = /^\p{Script=Han}/u;

/** The normalised text with everything but letters, digits and Chinese characters removed. */
export function compactForm(text: string): string {
  return normaliseText(text).replace(NOT_WORD, '');
}

/**
 * Tokens of compact text: bigrams of each Chinese run, other runs whole. A lone Chinese character (号 in 194号) is
 * not indexed: alone it finds nothing useful, and its list of pages is long. With `cover`, a Chinese run gives only
 * enough bigrams to cover every character (non-overlapping, the last one overlapping when the length is odd): each
 * query term costs a chunk of the index to download, and the bigrams left out add nothing a page must contain.
 */
function runTokens(compact: string, out: Set<string>, cover = false): void {
  for (const m of compact.matchAll(RUN)) {
    const run = m[0];
    if (!HAN.test(run)) {
      out.add(run);
      continue;
    }
    const chars = [...run];
    const step = cover ? 2 : 1;
    for (let i = 0; i + 1 < chars.length; i += step) out.add(`${chars[i]}${chars[i + 1]}`);
    if (cover && chars.length % 2 === 1 && chars.length > 1) out.add(chars.slice(-2).join(''));
  }
}

/**
 * Index tokens of one field value: those of its compact form (so a query that drops a bracket still matches across
 * it) and, with `pieces`, those of each piece between punctuation (so a query that puts a space there matches too).
 */
export function fieldTokens(text: string, out: Set<string> = new Set(), pieces = true): Set<string> {
  const normal = normaliseText(text);
  runTokens(normal.replace(NOT_WORD, ''), out);
  if (pieces) for (const piece of normal.split(NOT_WORD)) if (piece) runTokens(piece, out);
  return out;
}

const DOCUMENT_SERIAL = /(\d{4})第(\d+号)$/u;

/** 凯卫罚〔2026〕18号, 凯卫罚[2026]第18号 → 凯卫罚202618号. */
export function documentNumberKey(text: string): string {
  return compactForm(text).replace(DOCUMENT_SERIAL, '$1$2');
}

const USCC_SHAPE = /^[0-9a-z]{18}$/;
const DOCUMENT_SHAPE = /^\p{Script=Han}+\d{4}\d+号$/u;

/** The 组织机构代码 a USCC holds: characters 9–17 (GB 32100), without the dash older documents write. */
export function organisationCode(uscc: string): string {
  return uscc.slice(8, 17);
}

/** 8 letters or digits, a dash or none, then the check character: MA1FPAWD-6, ma1fpawd6, or its first 8. */
const ORGANISATION_SHAPE = /^[0-9a-z]{8}[0-9a-z]?$/;

export function isOrganisationCodeShaped(compact: string): boolean {
  // All digits only at full length: eight digits alone are as likely a date or a number in an address.
  return (
    ORGANISATION_SHAPE.test(compact) && /\d/.test(compact) && (/[a-z]/.test(compact) || compact.length === 9)
  );
}

export function isUsccShaped(compact: string): boolean {
  return USCC_SHAPE.test(compact) && /\d/.test(compact);
}

export function isDocumentNumberShaped(key: string): boolean {
  return DOCUMENT_SHAPE.test(key);
}

export interface IndexFields {
  names: readonly string[];
  /** Codes kept whole (USCC). */
  codes: readonly string[];
  /**
   * 决定书文号: kept whole in {@link documentNumberKey} form, and the bigrams and number runs of that form, so
   * 凯卫罚〔2026〕 or 〔2026〕18号 find it too.
   */
  documentNumbers: readonly string[];
  /** Address, region names and other text. */
  text: readonly string[];
}

/** The token text indexed for one record: space-separated, each token once, names first. */
export function indexText(fields: IndexFields): string {
  const tokens = new Set<string>();
  for (const n of fields.names) fieldTokens(n, tokens);
  for (const c of fields.codes) {
    const key = compactForm(c);
    if (key) tokens.add(key);
    // The 9-character 组织机构代码 inside a USCC (characters 9–17), as older documents give it.
    if (isUsccShaped(key)) tokens.add(organisationCode(key));
  }
  for (const d of fields.documentNumbers) {
    const key = documentNumberKey(d);
    if (key) tokens.add(key);
    fieldTokens(d, tokens, false);
  }
  for (const t of fields.text) fieldTokens(t, tokens);
  return [...tokens].join(' ');
}

export type QueryKind = 'empty' | 'text' | 'uscc' | 'organisation' | 'document';

export interface ParsedQuery {
  kind: QueryKind;
  /** The compact form of the whole query, compared with names and codes for exact matches. */
  key: string;
  /**
   * What to ask Pagefind: tokens separated by spaces (Pagefind ANDs them, each matching as a word start), or one
   * code in double quotes (matching that word only); '' for an empty query.
   */
  terms: string;
  /** For a code-shaped query: the token search to fall back on when the code itself finds nothing. */
  fallback: string | null;
}

/** Query separators: spaces and list punctuation. Brackets and other marks are dropped, joining what they split. */
const SEPARATORS = new RegExp(`[${WHITE_SPACE},;|/、，；。]+`, 'u');

/** The parts of a query between separators, normalised and compact; empty parts dropped. */
export function queryParts(query: string): string[] {
  return normaliseText(query)
    .split(SEPARATORS)
    .map((p) => p.replace(NOT_WORD, ''))
    .filter(Boolean);
}

/**
 * Pagefind terms for compact query parts: the tokens the index holds, covering every character. A part that is one
 * lone Chinese character is kept as it is (Pagefind matches it as the start of a bigram).
 */
export function termsFor(parts: readonly string[], cover = true): string {
  const tokens = new Set<string>();
  for (const p of parts) runTokens(p, tokens, cover);
  if (tokens.size === 0) for (const p of parts) tokens.add(p);
  return [...tokens].join(' ');
}

/** The query as typed → what Pagefind is asked; the same transform as {@link indexText}. */
export function parseQuery(query: string, cover = true): ParsedQuery {
  const key = compactForm(query);
  if (!key) return { kind: 'empty', key, terms: '', fallback: null };
  const terms = termsFor(queryParts(query), cover);
  // Codes are looked up as whole words ("…" is Pagefind's exact search): an absent code finds nothing, instead of
  // whatever shares its first characters.
  if (isUsccShaped(key)) return { kind: 'uscc', key, terms: `"${key}"`, fallback: terms };
  // A 组织机构代码 (9 characters, or its first 8 without the check character) is the start of the indexed one.
  if (isOrganisationCodeShaped(key)) return { kind: 'organisation', key, terms: key, fallback: null };
  const doc = key.replace(DOCUMENT_SERIAL, '$1$2');
  if (isDocumentNumberShaped(doc)) return { kind: 'document', key: doc, terms: `"${doc}"`, fallback: terms };
  return { kind: 'text', key, terms, fallback: null };
}

/**
 * Whether a record's token text has every term of a Pagefind query: a token equal to a quoted term, or starting with
 * an unquoted one. Pagefind 1.4 drops a term no word of a bundle starts with, or shortens it until one does; a record
 * found that way lacks the term and is not a result.
 */
export function hasTerms(content: string, terms: string): boolean {
  const quoted = /^"(.*)"$/.exec(terms);
  const tokens = content.split(' ');
  if (quoted) return tokens.includes(quoted[1] as string);
  return terms.split(' ').every((t) => !t || tokens.some((token) => token.startsWith(t)));
}
