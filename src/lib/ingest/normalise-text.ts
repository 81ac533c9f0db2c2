/**
 * Text normalisers shared by every ingest step. Published cells carry ideographic spaces, no-break spaces,
 * zero-width characters, stray control characters and full-width letters; these functions make them comparable
 * without changing what a reader sees more than necessary.
 */
import * as OpenCC from 'opencc-js/t2cn';

/** Characters that count as whitespace in published cells, besides ASCII space and tab. */
const SPACE_CLASS =
  '[\\t\\v\\f \\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000\\u200B-\\u200D\\u2060\\uFEFF]';
const ZERO_WIDTH = /^[\u200B-\u200D\u2060\uFEFF]+$/;
const SPACE_RUN = new RegExp(`${SPACE_CLASS}+`, 'g');
const SPACE_BEFORE_NEWLINE = new RegExp(`${SPACE_CLASS}+\\n`, 'g');
const SPACE_AFTER_NEWLINE = new RegExp(`\\n${SPACE_CLASS}+`, 'g');
// C0 controls except \n (tab, VT and FF are handled as whitespace first), DEL, C1 controls, LRM/RLM/ALM and the
// bidi embeddings, overrides and isolates that can make a name display differently from what it is.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const INVISIBLE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const ALL_SPACE = new RegExp(`(?:\\s|${SPACE_CLASS})+`, 'g');
/** Anything cleanText would change; most published cells have none of it and are returned as they are. */
const NEEDS_CLEANING =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point
  /[\u0000-\u001F\u007F-\u00A0\u061C\u1680\u2000-\u200F\u2028-\u202F\u205F-\u2069\u3000\uFEFF]|^ | $| {2}/;

/**
 * A cell value as display text: strings and finite numbers become trimmed strings, anything else (and an empty
 * result) becomes null. Newlines inside the text are kept; other whitespace runs become one ASCII space. A run made
 * only of zero-width characters is dropped rather than turned into a visible space.
 */
export function cleanText(v: unknown): string | null {
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number' && Number.isFinite(v)) s = String(v);
  else if (typeof v === 'bigint') s = String(v);
  else return null;
  if (!NEEDS_CLEANING.test(s)) return s === '' ? null : s;
  s = s
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029\u0085]/g, '\n')
    .replace(SPACE_RUN, (run) => (ZERO_WIDTH.test(run) ? '' : ' '))
    .replace(INVISIBLE, '')
    .replace(SPACE_RUN, ' ')
    .replace(SPACE_BEFORE_NEWLINE, '\n')
    .replace(SPACE_AFTER_NEWLINE, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^[\n ]+|[\n ]+$/g, '');
  return s === '' ? null : s;
}

/** NFKC: full-width letters, digits, punctuation and the ideographic space become their ASCII forms. */
export function halfWidth(s: string): string {
  return s.normalize('NFKC');
}

/** Half-width with every kind of whitespace removed: names and codes are compared this way. */
export function compact(s: string): string {
  // Normalised again after the spaces go: a combining mark that followed a space now follows a letter it may compose
  // with, and a key must come out the same when computed twice.
  return halfWidth(halfWidth(s).replace(ALL_SPACE, ''));
}

let converter: ((s: string) => string) | undefined;

/** Traditional → Simplified Chinese (OpenCC t → cn), for matching and search; display keeps the published form. */
export function toSimplified(s: string): string {
  converter ??= OpenCC.Converter({ from: 't', to: 'cn' });
  return converter(s);
}

/** The key institutions are matched by: no spaces, half-width, Simplified, ASCII brackets, lower-case ASCII. */
export function matchKey(s: string): string {
  return toSimplified(compact(s))
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

const CJK = '\\p{Script=Han}（）()【】〔〕［］「」《》·、';
const INNER_SPACE = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'gu');

/**
 * A name as shown: whitespace that a clerk typed between Chinese characters (武汉市东西湖区 贝贝熊托育 服务中心) is
 * dropped; a space between Latin words (Happy Kids) stays. The published form remains in the source file the page
 * cites.
 */
export function displayName(s: string): string {
  return s.replace(INNER_SPACE, '');
}
