/**
 * Text normalisers shared by every ingest step. Published cells carry ideographic spaces, no-break spaces,
 * zero-width characters, stray control characters and full-width letters; these functions make them comparable
 * without changing what a reader sees more than necessary.
 */
import { ConverterFactory } from 'opencc-js/core';
import CJKCompatibility from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import { BLANK, INVISIBLE, LINE_BREAK, SPACE, WHITE_SPACE, withoutBlanks } from '../domain/whitespace.ts';

// Spaces become one ASCII space and line breaks a newline; the invisible characters (U+200B, U+2060, U+FEFF …) go,
// so that a cell reads the same to cleanText, isBlankText and matchKey (domain/whitespace.ts).
const SPACE_RUN = new RegExp(`[${SPACE}]+`, 'g');
const LINE_BREAKS = new RegExp(`\\r\\n|[${LINE_BREAK}]`, 'g');
const SPACE_BEFORE_NEWLINE = new RegExp(`[${SPACE}]+\\n`, 'g');
const SPACE_AFTER_NEWLINE = new RegExp(`\\n[${SPACE}]+`, 'g');
// C0 controls except \n (tab, VT and FF are handled as whitespace first), DEL and C1 controls. Bidi marks,
// embeddings, overrides and isolates are default-ignorable and go with the rest of them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROLS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;

/**
 * An emoji with what belongs to it — variation selectors, skin tones, tag characters (flags of regions) and the
 * zero-width joiners between the parts of a sequence — or a keycap: shown as published, since those
 * default-ignorable characters change what the reader sees.
 */
const EMOJI_SEQUENCE =
  '(?:\\p{Extended_Pictographic}|\\p{Regional_Indicator})(?:[\\uFE0E\\uFE0F]|\\p{Emoji_Modifier}|[\\u{E0020}-\\u{E007F}])*' +
  '(?:\\u200D\\p{Extended_Pictographic}(?:[\\uFE0E\\uFE0F]|\\p{Emoji_Modifier})*)*|[0-9#*]\\uFE0F\\u20E3';
const IGNORABLE = new RegExp(`[${INVISIBLE}]`, 'gu');
const IGNORABLE_BUT_EMOJI = new RegExp(`(${EMOJI_SEQUENCE})|[${INVISIBLE}]`, 'gu');
/** Combining marks on a Han character (a 字 does not take accents): dropped for matching. */
const MARKS_ON_HAN = /(\p{Script=Han})\p{M}+/gu;
/** Anything cleanText would change; most published cells have none of it and are returned as they are. */
const NEEDS_CLEANING = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F]|(?! )[${BLANK}]|^ | $| {2}`, 'u');

/**
 * A cell value as display text: strings and finite numbers become trimmed strings, anything else (and an empty
 * result) becomes null. Newlines inside the text are kept; other whitespace runs become one ASCII space.
 * Default-ignorable characters are removed, except inside emoji sequences.
 */
export function cleanText(v: unknown): string | null {
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number' && Number.isFinite(v)) s = String(v);
  else if (typeof v === 'bigint') s = String(v);
  else return null;
  if (!NEEDS_CLEANING.test(s)) return s === '' ? null : s;
  s = s
    .replace(LINE_BREAKS, '\n')
    .replace(IGNORABLE_BUT_EMOJI, (_, emoji: string | undefined) => emoji ?? '')
    .replace(SPACE_RUN, ' ')
    .replace(CONTROLS, '')
    .replace(SPACE_RUN, ' ')
    .replace(SPACE_BEFORE_NEWLINE, '\n')
    .replace(SPACE_AFTER_NEWLINE, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^[\n ]+|[\n ]+$/g, '');
  return s === '' ? null : s;
}

/** Whether text shows nothing: only whitespace, control and default-ignorable characters. */
export function isBlankText(s: string): boolean {
  return cleanText(s) === null;
}

/** NFKC: full-width letters, digits, punctuation and the ideographic space become their ASCII forms. */
export function halfWidth(s: string): string {
  return s.normalize('NFKC');
}

/**
 * Half-width with every kind of whitespace and every default-ignorable character removed, and combining marks on Han
 * characters dropped: names and codes are compared this way, so that invisible differences never split one
 * institution into several.
 */
export function compact(s: string): string {
  // Ignorables go before NFKC (one between a letter and its accent would keep them apart) and again after it; the
  // text is normalised again after the spaces go, because a combining mark that followed a space now follows a
  // letter it may compose with, and a key must come out the same when computed twice.
  const once = withoutBlanks(halfWidth(s.replace(IGNORABLE, '')));
  return halfWidth(once).replace(IGNORABLE, '').replace(MARKS_ON_HAN, '$1');
}

let converter: ((s: string) => string) | undefined;

/**
 * Traditional → Simplified Chinese, OpenCC's t2s: compatibility ideographs to their unified forms, then phrases, then
 * characters. The one conversion of the project: matching keys here, search keys through simplify-opencc.ts, and the
 * browser's character table derived from the same dictionaries. Display keeps the published form.
 */
export function toSimplified(s: string): string {
  converter ??= ConverterFactory([CJKCompatibility], [TSPhrases, TSCharacters]);
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
const INNER_SPACE = new RegExp(`(?<=[${CJK}])[${WHITE_SPACE}]+(?=[${CJK}])`, 'gu');

/**
 * A name as shown: whitespace that a clerk typed between Chinese characters (武汉市东西湖区 贝贝熊托育 服务中心) is
 * dropped; a space between Latin words (Happy Kids) stays. The published form remains in the source file the page
 * cites.
 */
export function displayName(s: string): string {
  return s.replace(INNER_SPACE, '');
}
