import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  compact,
  halfWidth,
  matchKey,
  toSimplified,
} from '../../src/lib/ingest/normalise-text.ts';
import { anyCell, anyText } from './fuzz-arbitraries.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: asserting that control characters are gone
const INVISIBLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\r]/;

/** Strings built from the characters that cause trouble in published cells. */
const messyChars = fc.constantFrom(
  ' ',
  '\u3000',
  '\u00a0',
  '\u200b',
  '\u200c',
  '\u200d',
  '\ufeff',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\u0000',
  '\u0007',
  '\u0085',
  '\u009f',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  'Ａ',
  '１',
  '（',
  '）',
  '臺',
  '區',
  '托',
  'a',
  '1',
  '😀',
);
const messyString = fc.oneof(
  fc.array(messyChars, { maxLength: 30 }).map((a) => a.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

describe('cleanText', () => {
  it.each([
    ['ideographic-space-padding', '\u3000凯里市\u3000', '凯里市'],
    ['no-break-space-padding', '\u00a0武汉\u00a0', '武汉'],
    ['zero-width-space-padding', '\u200b\ufeff东西湖区\u200d', '东西湖区'],
    ['inner-whitespace-run', '武汉市东西湖区 \u3000 贝贝熊', '武汉市东西湖区 贝贝熊'],
    ['zero-width-inside-a-word', '贝贝\u200b熊', '贝贝熊'],
    ['tab-inside', 'a\tb', 'a b'],
    ['crlf-line-endings', '罚款人民币20000元。\r\n责令改正', '罚款人民币20000元。\n责令改正'],
    ['lone-cr', 'a\rb', 'a\nb'],
    ['spaces-around-newline', 'a \n  b', 'a\nb'],
    ['control-characters', 'a\u0000b\u0007c\u001bd\u009fe', 'abcde'],
    ['bidi-override', '托育\u202e中心\u202c', '托育中心'],
    ['bidi-isolate', '\u2066托育\u2069', '托育'],
    ['full-width-kept', 'ＡＢＣ１２３', 'ＡＢＣ１２３'],
    ['markup-kept-as-text', '<script>alert(1)</script>', '<script>alert(1)</script>'],
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it.each([
    ['number', 150, '150'],
    ['decimal-number', 0.3, '0.3'],
    ['empty-string', '', null],
    ['only-whitespace', ' \u3000\u00a0\u200b\n', null],
    ['null', null, null],
    ['undefined', undefined, null],
    ['nan', Number.NaN, null],
    ['boolean', true, null],
    ['object', { a: 1 }, null],
    ['date', new Date(0), null],
  ])('non-text input: %s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('never crashes and returns trimmed text without controls or bidi characters', () => {
    fc.assert(
      fc.property(fc.oneof(messyString, fc.anything(), anyCell), (v) => {
        const out = cleanText(v);
        if (out === null) return;
        expect(out.length).toBeGreaterThan(0);
        expect(out).not.toMatch(/^[\s\u200b-\u200d\ufeff]|[\s\u200b-\u200d\ufeff]$/);
        expect(out).not.toMatch(INVISIBLE);
        expect(out).not.toMatch(/ {2}/);
        expect(cleanText(out)).toBe(out);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('halfWidth and compact', () => {
  it.each([
    ['full-width-uscc', '９２４２０１１２ＭＡ５Ａ２５１Ｇ７Ｇ', '92420112MA5A251G7G'],
    ['full-width-brackets', '小牛顿（黔东南）', '小牛顿(黔东南)'],
    ['ideographic-space', 'a\u3000b', 'a b'],
    ['document-number-brackets-kept', '凯卫罚〔2026〕34号', '凯卫罚〔2026〕34号'],
  ])('halfWidth: %s', (_name, input, expected) => {
    expect(halfWidth(input)).toBe(expected);
  });

  it.each([
    ['spaces-inside-name', '武汉市东西湖区 贝贝熊托育 服务中心', '武汉市东西湖区贝贝熊托育服务中心'],
    ['ideographic-space-in-name', '武汉市爱贝尔\u3000早教', '武汉市爱贝尔早教'],
    ['zero-width-in-code', '9142\u200b0112', '91420112'],
    ['full-width-space-and-digits', '１ ２\u3000３', '123'],
  ])('compact: %s', (_name, input, expected) => {
    expect(compact(input)).toBe(expected);
  });

  it('compact never leaves whitespace', () => {
    fc.assert(
      fc.property(messyString, (s) => {
        expect(compact(s)).not.toMatch(/[\s\u200b-\u200d\ufeff]/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('toSimplified', () => {
  it.each([
    ['traditional-city', '邢臺', '邢台'],
    ['traditional-infant', '嬰幼兒', '婴幼儿'],
    ['traditional-care', '照護', '照护'],
    ['taiwan-variant-of-childcare', '託育', '托育'],
    ['traditional-district', '信都區', '信都区'],
    ['already-simplified', '凯里市知行托育服务有限公司', '凯里市知行托育服务有限公司'],
  ])('%s', (_name, input, expected) => {
    expect(toSimplified(input)).toBe(expected);
  });
});

describe('matchKey', () => {
  it.each([
    ['space-inside-name', '凯里市 知行托育服务有限公司', '凯里市知行托育服务有限公司'],
    [
      'trailing-ideographic-space',
      '武汉市爱贝尔早教托育中心有限公司东西湖分公司\u3000',
      '武汉市爱贝尔早教托育中心有限公司东西湖分公司',
    ],
    ['traditional-name', '信都區嬰幼兒照護中心', '信都区婴幼儿照护中心'],
    ['full-width-vs-half-width-brackets', '小牛顿（黔东南）托育', '小牛顿(黔东南)托育'],
    ['upper-vs-lower-case-latin', 'ABC托育', 'abc托育'],
    ['full-width-latin', 'ＡＢＣ托育', 'abc托育'],
  ])('%s', (_name, a, b) => {
    expect(matchKey(a)).toBe(matchKey(b));
  });

  it('gives ASCII brackets and lower-case ASCII', () => {
    expect(matchKey('小牛顿（黔东南）ABC')).toBe('小牛顿(黔东南)abc');
  });

  it('never crashes, is idempotent and has no whitespace or upper-case ASCII', () => {
    fc.assert(
      fc.property(fc.oneof(messyString, anyText), (s) => {
        const key = matchKey(s);
        expect(matchKey(key)).toBe(key);
        expect(key).not.toMatch(/[\sA-Z（）\u200b-\u200d\ufeff]/);
      }),
      { numRuns: 1000 },
    );
  });
});
