/**
 * The one text transform search uses, at build time for what is indexed and in the browser for what is typed:
 * NFKC (full-width → half-width) → Traditional → Simplified → lower case → punctuation, brackets and spaces dropped
 * → character bigrams of every run of Chinese characters, runs of letters and digits kept whole. USCCs and 决定书文号
 * are also kept whole in that form, so a pasted code matches exactly whatever brackets or spaces it was typed with.
 *
 * Pagefind's own segmentation misses many Chinese substrings and folds neither widths nor scripts; indexing these
 * tokens instead (with Pagefind's word splitting on spaces) makes every 2-character substring findable.
 */
import { ConverterFactory } from 'opencc-js/core';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';

let simplify: ((s: string) => string) | undefined;

/** NFKC, Traditional → Simplified (OpenCC TSPhrases + TSCharacters) and lower case. */
export function normaliseText(text: string): string {
  simplify ??= ConverterFactory([TSPhrases, TSCharacters]);
  return simplify(text.normalize('NFKC')).toLowerCase();
}

const NOT_WORD = /[^\p{L}\p{N}]+/gu;
const RUN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const HAN = /^\p{Script=Han}/u;

/** The normalised text with everything but letters, digits and Chinese characters removed. */
export function compactForm(text: string): string {
  return normaliseText(text).replace(NOT_WORD, '');
}

/**
 * Tokens of text that is already compact: bigrams of each Chinese run (a lone character as itself), other runs whole.
 * With `cover`, a long Chinese run gives only enough bigrams to cover every character (non-overlapping, the last one
 * overlapping when the length is odd): each term is a chunk of the index to fetch, and the bigrams left out add
 * nothing a page must contain.
 */
function runTokens(compact: string, out: Set<string>, cover = false): void {
  for (const m of compact.matchAll(RUN)) {
    const run = m[0];
    if (!HAN.test(run)) {
      out.add(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) out.add(run);
    const step = cover ? 2 : 1;
    for (let i = 0; i + 1 < chars.length; i += step) out.add(`${chars[i]}${chars[i + 1]}`);
    if (cover && chars.length % 2 === 1 && chars.length > 1) out.add(chars.slice(-2).join(''));
  }
}

/**
 * Index tokens of one field value: those of its compact form (so a query that drops a bracket still matches across
 * it) and those of each piece between punctuation (so a query that puts a space there matches too).
 */
export function fieldTokens(text: string, out: Set<string> = new Set()): Set<string> {
  const normal = normaliseText(text);
  runTokens(normal.replace(NOT_WORD, ''), out);
  for (const piece of normal.split(NOT_WORD)) if (piece) runTokens(piece, out);
  return out;
}

/** 凯卫罚〔2026〕18号, 凯卫罚[2026]第18号 → 凯卫罚202618号. */
export function documentNumberKey(text: string): string {
  return compactForm(text).replace(/(\d{4})第(\d+号)$/u, '$1$2');
}

const USCC_SHAPE = /^[0-9a-z]{18}$/;
const DOCUMENT_SHAPE = /^\p{Script=Han}+\d{4}\d+号$/u;

export function isUsccShaped(compact: string): boolean {
  return USCC_SHAPE.test(compact) && /\d/.test(compact);
}

export function isDocumentNumberShaped(key: string): boolean {
  return DOCUMENT_SHAPE.test(key);
}

export interface IndexFields {
  /** Names: tokens counted twice, so a name match outweighs the same characters in an address. */
  names: readonly string[];
  /** Codes kept whole (USCC). */
  codes: readonly string[];
  /** 决定书文号: kept whole in {@link documentNumberKey} form and also tokenised, so a partial 文号 matches. */
  documentNumbers: readonly string[];
  /** Address, region names and other text. */
  text: readonly string[];
}

/** The token text indexed for one record: space-separated tokens, each field's tokens once (names twice). */
export function indexText(fields: IndexFields): string {
  const names = new Set<string>();
  for (const n of fields.names) fieldTokens(n, names);
  const rest = new Set<string>();
  for (const c of fields.codes) {
    const key = compactForm(c);
    if (key) rest.add(key);
  }
  for (const d of fields.documentNumbers) {
    const key = documentNumberKey(d);
    if (key) rest.add(key);
    fieldTokens(d, rest);
  }
  for (const t of fields.text) fieldTokens(t, rest);
  const nameText = [...names].join(' ');
  for (const n of names) rest.delete(n);
  return [nameText, nameText, [...rest].join(' ')].filter(Boolean).join(' ');
}

export type QueryKind = 'empty' | 'text' | 'uscc' | 'document';

export interface ParsedQuery {
  kind: QueryKind;
  /** The compact form of the whole query, compared with names and codes for exact matches. */
  key: string;
  /** What to ask Pagefind: tokens separated by spaces (Pagefind ANDs them); '' for an empty query. */
  terms: string;
  /** For a code-shaped query: the token search to fall back on when the code itself finds nothing. */
  fallback: string | null;
}

/** Query separators: spaces and list punctuation. Brackets and other marks are dropped, joining what they split. */
const SEPARATORS = /[\s,;|/、，；。]+/u;

/** The parts of a query between separators, normalised and compact; empty parts dropped. */
export function queryParts(query: string): string[] {
  return normaliseText(query)
    .split(SEPARATORS)
    .map((p) => p.replace(NOT_WORD, ''))
    .filter(Boolean);
}

/** Pagefind terms for query parts: the same tokens the index holds, covering every character of every part. */
export function termsFor(parts: readonly string[], cover = true): string {
  const tokens = new Set<string>();
  for (const p of parts) runTokens(p, tokens, cover);
  return [...tokens].join(' ');
}

/** The query as typed → what Pagefind is asked; the same transform as {@link indexText}. */
export function parseQuery(query: string, cover = true): ParsedQuery {
  const key = compactForm(query);
  if (!key) return { kind: 'empty', key, terms: '', fallback: null };
  const terms = termsFor(queryParts(query), cover);
  if (isUsccShaped(key)) return { kind: 'uscc', key, terms: key, fallback: terms === key ? null : terms };
  const doc = key.replace(/(\d{4})第(\d+号)$/u, '$1$2');
  if (isDocumentNumberShaped(doc)) return { kind: 'document', key: doc, terms: doc, fallback: terms };
  return { kind: 'text', key, terms, fallback: null };
}
