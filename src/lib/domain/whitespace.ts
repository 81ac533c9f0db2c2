/**
 * The one whitespace class of the project. Published cells carry ideographic and no-break spaces, line and paragraph
 * separators, zero-width spaces, word joiners and byte-order marks; every normaliser (display text, blank cells,
 * header keys, matching keys, codes, categories, amounts, the privacy fold, search keys) reads these classes from
 * here, so a character is blank for all of them or for none. No dependencies: the browser's search and form scripts
 * use it too.
 *
 * Each constant is the body of a regular-expression character class (`[${WHITE_SPACE}]`); INVISIBLE and BLANK use
 * a Unicode property and need the `u` or `v` flag.
 */

/** Unicode White_Space that is not a line break: tab, VT, FF, space, no-break spaces, the ideographic space … */
export const SPACE = '\\t\\v\\f \\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000';

/** Unicode White_Space that ends a line: LF, CR, NEL, line and paragraph separators. */
export const LINE_BREAK = '\\n\\r\\u0085\\u2028\\u2029';

/**
 * Unicode White_Space, all of it. JavaScript's `\s` is not this: it also holds U+FEFF (which is invisible, not a
 * space) and lacks U+0085.
 */
export const WHITE_SPACE = SPACE + LINE_BREAK;

/**
 * Unicode's Default_Ignorable_Code_Point: soft hyphen, combining grapheme joiner, Hangul fillers, Mongolian
 * selectors, zero-width spaces and joiners, bidi controls, word joiner, invisible operators, variation selectors,
 * BOM, tags. Invisible in a name, yet enough to make two spellings of it differ.
 */
export const INVISIBLE = '\\p{Default_Ignorable_Code_Point}';

/** What shows as nothing between two letters: whitespace and invisible characters. */
export const BLANK = WHITE_SPACE + INVISIBLE;

const BLANK_RUN = new RegExp(`[${BLANK}]+`, 'gu');
const BLANK_CHAR = new RegExp(`^[${BLANK}]$`, 'u');
const WHITE_SPACE_CHAR = new RegExp(`^[${WHITE_SPACE}]$`);

/** The text with every blank character removed: the form keys, codes and numbers are compared in. */
export function withoutBlanks(s: string): string {
  return s.replace(BLANK_RUN, '');
}

/** Whether one character (code point) is in {@link BLANK}. */
export function isBlankChar(c: string): boolean {
  return BLANK_CHAR.test(c);
}

/** Whether one character (code point) is in {@link WHITE_SPACE}. */
export function isWhiteSpaceChar(c: string): boolean {
  return WHITE_SPACE_CHAR.test(c);
}

const SPACE_AT_LINE_ENDS = new RegExp(`[${SPACE}]+\\n|\\n[${SPACE}]+`, 'g');
const WHITE_SPACE_AT_ENDS = new RegExp(`^[${WHITE_SPACE}]+|[${WHITE_SPACE}]+$`, 'g');
const SPACE_AT_ENDS = new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, 'g');

/** Text with spaces at either end of each line and whitespace at either end of the whole removed. */
export function trimLines(s: string): string {
  return s.replace(SPACE_AT_LINE_ENDS, '\n').replace(WHITE_SPACE_AT_ENDS, '');
}

/** One line with the spaces at either end removed. */
export function trimSpaces(s: string): string {
  return s.replace(SPACE_AT_ENDS, '');
}
