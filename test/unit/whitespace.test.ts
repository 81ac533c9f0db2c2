/**
 * One whitespace class (src/lib/domain/whitespace.ts): every character of it, put inside a value, is treated by
 * every normaliser the way its kind says — a space or line break separates (or goes, in a key), an invisible
 * character goes — so that no two steps disagree about what a published cell holds. Each row of the table is one
 * normaliser; a normaliser with a class of its own (as header keys, categories and codes once had) fails here with
 * the characters it treats otherwise.
 */
import { describe, expect, it } from 'vitest';
import { headerKey } from '../../src/lib/domain/fields.ts';
import {
  BLANK,
  INVISIBLE,
  isBlankChar,
  isWhiteSpaceChar,
  LINE_BREAK,
  SPACE,
  WHITE_SPACE,
  withoutBlanks,
} from '../../src/lib/domain/whitespace.ts';
import { checkUscc } from '../../src/lib/ingest/check-uscc.ts';
import { categoryKind, stripPersonMarker } from '../../src/lib/ingest/classify-party.ts';
import { toWgs84 } from '../../src/lib/ingest/convert-coordinates.ts';
import { fold, foldKey } from '../../src/lib/ingest/fold-text.ts';
import {
  cleanText,
  compact,
  displayName,
  isBlankText,
  matchKey,
} from '../../src/lib/ingest/normalise-text.ts';
import { parseAmount } from '../../src/lib/ingest/parse-amount.ts';
import { redactPii } from '../../src/lib/ingest/redact-numbers.ts';
import { isBlankCell } from '../../src/lib/ingest/table.ts';
import { placesInAddress } from '../../src/lib/map/near.ts';
import { nameKey } from '../../src/lib/sample/names.ts';
import { compactForm, queryParts, useSimplifier } from '../../src/lib/search/normalise-query.ts';
import { openccSimplify } from '../../src/lib/search/simplify-opencc.ts';
import { attrText } from '../../src/lib/site/format.ts';

useSimplifier(openccSimplify);

/** Every code point of the class (surrogates are not characters). */
const CLASS: string[] = [];
for (let cp = 0; cp <= 0x10ffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  const c = String.fromCodePoint(cp);
  if (isBlankChar(c)) CLASS.push(c);
}
const isLineBreak = (c: string) => new RegExp(`^[${LINE_BREAK}]$`).test(c);
const hex = (c: string) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;

/** What a value with `c` inside must equal: the value with a space, a line break or nothing in its place. */
type Row = [name: string, differs: (c: string) => boolean];
const rows: Row[] = [
  [
    'cleanText',
    (c) => cleanText(`托${c}育`) !== (isLineBreak(c) ? '托\n育' : isWhiteSpaceChar(c) ? '托 育' : '托育'),
  ],
  ['cleanText (alone)', (c) => cleanText(`${c}`) !== null],
  ['isBlankText', (c) => !isBlankText(`${c}${c}`)],
  ['isBlankCell', (c) => !isBlankCell(c)],
  ['displayName', (c) => displayName(cleanText(`托${c}育`) ?? '') !== '托育'],
  ['headerKey', (c) => headerKey(`罚款${c}金额（万元）`) !== headerKey('罚款金额(万元)')],
  ['compact', (c) => compact(`宁波${c}ABC`) !== '宁波ABC'],
  ['matchKey', (c) => matchKey(`寧波${c}托育`) !== matchKey('宁波托育')],
  // A visible space inside a code is reported as normalised away; the code itself is the same.
  ['checkUscc', (c) => checkUscc(`91330212${c}MA2AXXXX0L`).value !== '91330212MA2AXXXX0L'],
  ['categoryKind', (c) => categoryKind(`自${c}然人`) !== 'person'],
  ['stripPersonMarker', (c) => stripPersonMarker(`张${c}三`).base !== '张三'],
  [
    'parseAmount',
    (c) => {
      const r = parseAmount(`1${c}000`, 'yuan');
      return !r.ok || r.yuan !== 1000;
    },
  ],
  [
    'toWgs84',
    (c) =>
      JSON.stringify(toWgs84(`121${c}.5`, '29.8', 'wgs84')) !==
      JSON.stringify(toWgs84('121.5', '29.8', 'wgs84')),
  ],
  ['redactPii', (c) => redactPii(`电话139${c}1234${c}5678`).text !== redactPii('电话13912345678').text],
  ['foldKey', (c) => foldKey(`張${c}三`) !== '张三'],
  [
    'fold (spaces kept)',
    (c) => fold(`a${c}b`, { dropSpaces: false }).text !== (isWhiteSpaceChar(c) ? 'a b' : 'ab'),
  ],
  ['compactForm', (c) => compactForm(`宁波${c}托育`) !== '宁波托育'],
  [
    'queryParts',
    (c) => queryParts(`宁波${c}托育`).join('|') !== (isWhiteSpaceChar(c) ? '宁波|托育' : '宁波托育'),
  ],
  ['attrText', (c) => attrText(`托${c}育`) !== (isWhiteSpaceChar(c) ? '托 育' : `托${c}育`)],
  [
    'placesInAddress',
    (c) =>
      placesInAddress(`中山${c}西路123号`, []).join('|') !== placesInAddress('中山西路123号', []).join('|'),
  ],
  ['nameKey', (c) => nameKey(`托${c}育`) !== '托育'],
  ['withoutBlanks', (c) => withoutBlanks(`托${c}育`) !== '托育'],
];

describe('the whitespace class', () => {
  it('is Unicode White_Space and Default_Ignorable_Code_Point', () => {
    expect(CLASS.length).toBeGreaterThan(4000);
    for (const c of [' ', '\t', '\n', '\u0085', '\u00a0', '\u2028', '\u3000'])
      expect(isWhiteSpaceChar(c), hex(c)).toBe(true);
    for (const c of ['\u00ad', '\u200b', '\u2060', '\ufeff', '\u3164', '\u{e0001}']) {
      expect(isWhiteSpaceChar(c), hex(c)).toBe(false);
      expect(isBlankChar(c), hex(c)).toBe(true);
    }
    for (const c of ['a', '托', '-', '\u0000', '\u001f', '·']) expect(isBlankChar(c), hex(c)).toBe(false);
    expect(BLANK).toBe(SPACE + LINE_BREAK + INVISIBLE);
    expect(WHITE_SPACE).toBe(SPACE + LINE_BREAK);
  });

  it.each(rows)('%s treats every character of it by its kind', (_, differs) => {
    expect(CLASS.filter(differs).map(hex)).toEqual([]);
  });
});
