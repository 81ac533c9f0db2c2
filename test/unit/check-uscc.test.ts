import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUscc, isResidentId, usccCheckChar } from '../../src/lib/ingest/check-uscc.ts';
import { anyCell, cellLikeText } from './fuzz-arbitraries.ts';

/** Every code that appears in test/fixtures/samples/sources (including the deliberately broken ones, listed separately below). */
const VALID_IN_SOURCES = [
  '113302001360665949',
  '52420112MA06F5U41L',
  '52420112MA3EYUDG6B',
  '52420112MA4H8JNE6Y',
  '52420112MA4TDDJP2Y',
  '52420112MA63NGE68M',
  '52420112MA9H5A8D0R',
  '52522601MA42F18E6F',
  '52522601MA79LYW17K',
  '52522601MA9324LT9U',
  '91330203MA0JH0G68Q',
  '91330203MA1FPAWD63',
  '91330205MA04QMA73Y',
  '91330205MA1XAQA32P',
  '91330205MA4F2MQG5Q',
  '91330206MA19HWNU98',
  '91330206MA55ULNG9Y',
  '91330206MA5XUK5A8U',
  '91330211MA3336MN6W',
  '91330212MA1M1FL17N',
  '91330212MA2L5YX18U',
  '91330212MA5386A610',
  '91330212MA9014FC35',
  '91330213MA1GCMNW70',
  '91330213MA83K42M7C',
  '91330281MA06H3214D',
  '91330281MA3B8DDT1E',
  '91330282MA4E1GRAXL',
  '91330282MA7T8UC67R',
  '91420112MA19GCY2XH',
  '91420112MA276QN078',
  '91420112MA2GR2LU74',
  '91420112MA2LU9CG5H',
  '91420112MA2NJW7K0H',
  '91420112MA2U5TYX08',
  '91420112MA2XXQKP3D',
  '91420112MA39TKFL0H',
  '91420112MA4DRDB5XJ',
  '91420112MA4GN3E44D',
  '91420112MA4JAAQ920',
  '91420112MA4LFQPD1C',
  '91420112MA52Q29L4U',
  '91420112MA57GMX0XE',
  '91420112MA5MW48U88',
  '91420112MA620KXH3E',
  '91420112MA6JL2HDX0',
  '91420112MA6WH9WLXT',
  '91420112MA7H7Y3R6Y',
  '91420112MA7PHQT51Y',
  '91420112MA8HU2BX67',
  '91420112MA8TUK9L5H',
  '91420112MA90F0FC9L',
  '91420112MA9FN8DU2R',
  '91420112MA9MGLY8X2',
  '91420112MA9R8CFY85',
  '91522601MA0JWAPD19',
  '91522601MA0XKTB56N',
  '91522601MA1UH3GU4Y',
  '91522601MA1UXFMB7P',
  '91522601MA2U4QWD0H',
  '91522601MA5D37KW20',
  '91522601MA5TE46T5E',
  '91522601MA61CF11X8',
  '91522601MA65K3CY41',
  '91522601MA6JDUMLXP',
  '91522601MA8P9HX18J',
  '91522601MA90EKEW50',
  '92330203MA1M28MNX7',
  '92330211MA7TEUP2XQ',
  '92330211MA87H79L9R',
  '92420112MA11M5BY18',
  '92420112MA3LPNNE1X',
  '92420112MA5A251G7G',
  '92420112MA9CG2XE1F',
  '92522601MA2QEFML3U',
  '92522601MA2WN7MX4N',
  '92522601MA6CKN4063',
  '92522601MA9PG9H494',
];

describe('checkUscc: codes published in test/fixtures/samples/sources', () => {
  it.each(VALID_IN_SOURCES)('%s is valid', (code) => {
    expect(checkUscc(code)).toEqual({ value: code, problem: null, normalised: null });
  });

  it.each([
    [
      'full-width-code',
      '９２４２０１１２ＭＡ５Ａ２５１Ｇ７Ｇ',
      '92420112MA5A251G7G',
      '统一社会信用代码“９２４２０１１２ＭＡ５Ａ２５１Ｇ７Ｇ”已规范为“92420112MA5A251G7G”（全角转半角），按规范后的代码公布和匹配',
    ],
    [
      'lower-case-code',
      '91330205ma04qma73y',
      '91330205MA04QMA73Y',
      '统一社会信用代码“91330205ma04qma73y”已规范为“91330205MA04QMA73Y”（小写转大写），按规范后的代码公布和匹配',
    ],
    [
      'spaces-inside-code',
      '9142 0112 MA39 TKFL0H',
      '91420112MA39TKFL0H',
      '统一社会信用代码“9142 0112 MA39 TKFL0H”已规范为“91420112MA39TKFL0H”（去掉中间的空格），按规范后的代码公布和匹配',
    ],
    [
      'full-width-lower-case-spaced',
      '９１４２ ０１１２ｍａ３９\u3000ｔｋｆｌ０ｈ',
      '91420112MA39TKFL0H',
      '统一社会信用代码“９１４２ ０１１２ｍａ３９ ｔｋｆｌ０ｈ”已规范为“91420112MA39TKFL0H”（全角转半角、小写转大写、去掉中间的空格），按规范后的代码公布和匹配',
    ],
  ])('normalises %s and says so (uscc-normalised)', (_name, input, value, message) => {
    expect(checkUscc(input)).toEqual({
      value,
      problem: null,
      normalised: { code: 'uscc-normalised', severity: 'warning', message },
    });
  });

  it.each([
    ['surrounding-spaces', ' 91420112MA39TKFL0H\t', '91420112MA39TKFL0H'],
    ['ideographic-and-zero-width-spaces', '\u300091420112MA39\u200bTKFL0H\u3000', '91420112MA39TKFL0H'],
  ])('trims %s without a finding: nothing a reader sees has changed', (_name, input, value) => {
    expect(checkUscc(input)).toEqual({ value, problem: null, normalised: null });
  });

  it('wrong check character in lower case: both findings', () => {
    const r = checkUscc('91420112ma18ndd779');
    expect(r.value).toBe('91420112MA18NDD779');
    expect(r.problem).toMatchObject({ code: 'uscc-checksum', severity: 'warning' });
    expect(r.normalised).toMatchObject({ code: 'uscc-normalised', severity: 'warning' });
  });

  it('no uscc-normalised note on a rejected code or an ID number', () => {
    expect(checkUscc('91420112maol5f7x16').normalised).toBeNull();
    expect(checkUscc('３３０２０３１９８９０６１１５５２９').normalised).toBeNull();
  });

  it('wrong-check-character: warning, value kept', () => {
    const r = checkUscc('91420112MA18NDD779');
    expect(r.value).toBe('91420112MA18NDD779');
    expect(r.problem).toMatchObject({ code: 'uscc-checksum', severity: 'warning' });
    expect(r.problem?.message).toContain('91420112MA18NDD779');
  });

  it('letter-o: charset error naming the character', () => {
    const r = checkUscc('91420112MAOL5F7X16');
    expect(r.problem).toMatchObject({ code: 'bad-uscc-charset', severity: 'error' });
    expect(r.problem?.message).toBe('统一社会信用代码“91420112MAOL5F7X16”含有不允许的字符“O”');
  });

  it('seventeen-characters: length error', () => {
    const r = checkUscc('91330212MA1W4UY59');
    expect(r.problem).toMatchObject({ code: 'bad-uscc-length', severity: 'error' });
    expect(r.problem?.message).toContain('17');
  });

  it('resident-id-number-in-code-column: error, number never repeated', () => {
    const r = checkUscc('330203198906115529');
    expect(r.value).toBeNull();
    expect(r.problem).toMatchObject({ code: 'person-id-number', severity: 'error' });
    expect(r.problem?.message).not.toContain('330203198906115529');
    expect(r.problem?.message).not.toMatch(/\d{6}/);
  });
});

describe('checkUscc: other defects', () => {
  it.each([
    ['null', null],
    ['empty', ''],
    ['whitespace', '\u3000 '],
    ['wu', '无'],
    ['zanwu', '暂无'],
    ['slash', '/'],
    ['dash', '-'],
    ['full-width-dash', '－'],
    ['em-dash', '—'],
    ['double-em-dash', '——'],
    ['kong', '空'],
    ['null-text', 'null'],
    ['null-text-upper', 'NULL'],
  ])('no code: %s', (_name, input) => {
    expect(checkUscc(input)).toEqual({ value: null, problem: null, normalised: null });
  });

  it.each([
    ['letter-i', '91110108551385082I', 'I'],
    ['letter-z', '9111010855138508ZQ', 'Z'],
    ['letter-s', 'S1110108551385082Q', 'S'],
    ['letter-v', '91110108V51385082Q', 'V'],
    ['chinese-character', '911101085513850号2Q', '号'],
  ])('charset: %s', (_name, input, bad) => {
    const r = checkUscc(input);
    expect(r.problem?.code).toBe('bad-uscc-charset');
    expect(r.problem?.message).toContain(`“${bad}”`);
  });

  it.each([
    ['nineteen-characters', '91110108551385082QA'],
    ['registration-number-15-digits', '420112000012345'],
    ['text-instead-of-code', '见附件'],
  ])('length: %s', (_name, input) => {
    expect(checkUscc(input).problem?.code).toBe('bad-uscc-length');
  });

  it('old-15-digit-resident-id: length error that does not repeat the number', () => {
    const r = checkUscc('330203890611552');
    expect(r.problem?.code).toBe('bad-uscc-length');
    expect(r.problem?.message).not.toContain('330203890611552');
  });

  it('resident-id-with-lower-case-x', () => {
    const id = residentId('11010519491231002');
    expect(checkUscc(id.toLowerCase()).problem?.code).toBe('person-id-number');
  });

  it('all-digit-code-with-impossible-birth-date-is-not-an-id', () => {
    expect(isResidentId('113302001360665949')).toBe(false);
  });
});

/** Append the GB 11643 check character to 17 digits. */
function residentId(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (w[i] ?? 0);
  return first17 + ('10X98765432'[sum % 11] ?? '');
}

describe('helpers', () => {
  it.each([
    ['91110108551385082', 'Q'],
    ['91420112MA18NDD77', '5'],
    ['92420112MA5A251G7', 'G'],
  ])('usccCheckChar(%s) = %s', (first17, check) => {
    expect(usccCheckChar(first17)).toBe(check);
  });

  it.each([
    ['too-short', '9111010855138508'],
    ['bad-character', '9111010855138508O'],
  ])('usccCheckChar of invalid input is empty: %s', (_name, input) => {
    expect(usccCheckChar(input)).toBe('');
  });

  it.each([
    ['sample-private-person', '330203198906115529', true],
    ['check-digit-x', residentId('11010519491231002'), true],
    ['wrong-check-digit', '330203198906115528', false],
    ['impossible-birth-date', residentId('33020319890230552'), false],
    ['uscc', '91110108551385082Q', false],
    ['seventeen-digits', '33020319890611552', false],
  ])('isResidentId: %s', (_name, input, expected) => {
    expect(isResidentId(input)).toBe(expected);
  });
});

describe('checkUscc properties', () => {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const validUscc = fc
    .array(fc.constantFrom(...alphabet), { minLength: 17, maxLength: 17 })
    .map((a) => a.join(''))
    .map((first17) => first17 + usccCheckChar(first17));

  it('never crashes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string({ unit: 'binary', maxLength: 30 }), anyCell), (v) => {
        const r = checkUscc(v);
        if (r.problem?.severity === 'error')
          expect(['bad-uscc-charset', 'bad-uscc-length', 'person-id-number']).toContain(r.problem.code);
        if (r.problem) expect(r.problem.message).toMatch(/\p{Script=Han}/u);
        if (r.normalised) {
          expect(r.normalised.message).toMatch(/\p{Script=Han}/u);
          expect(r.value).not.toBeNull();
          expect(r.problem?.severity).not.toBe('error');
        }
        if (r.problem?.code === 'person-id-number') expect(r.value).toBeNull();
        // A code kept without an error is 18 characters of the alphabet; a wrong check character is only a warning.
        if (r.value === null || r.problem?.severity === 'error') return;
        expect(r.value).toMatch(/^[0-9A-HJ-NP-RTUWXY]{18}$/);
        if (r.problem === null) expect(usccCheckChar(r.value.slice(0, 17))).toBe(r.value[17]);
        else expect(r.problem.code).toBe('uscc-checksum');
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts every well-formed code, in any case and width', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        const r = checkUscc(code);
        if (isResidentId(code)) return;
        expect(r).toEqual({ value: code, problem: null, normalised: null });
        const fullWidth = [...code.toLowerCase()]
          .map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
          .join('');
        expect(checkUscc(fullWidth)).toMatchObject({ value: code, problem: null });
        expect(checkUscc(fullWidth).normalised?.code).toBe('uscc-normalised');
      }),
      { numRuns: 2000 },
    );
  });

  it('never shows a resident ID number in a message', () => {
    const ids = fc
      .tuple(
        fc.integer({ min: 110000, max: 829999 }),
        fc.date({ min: new Date('1920-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(([region, birth, seq]) =>
        residentId(
          `${region}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`,
        ),
      );
    fc.assert(
      fc.property(ids, (id) => {
        const r = checkUscc(id);
        expect(r.value).toBeNull();
        expect(r.problem?.code).toBe('person-id-number');
        expect(r.problem?.message).not.toContain(id);
      }),
      { numRuns: 1000 },
    );
    // Whatever surrounds it (a digit typed after it makes it a wrong-length code), no message repeats it.
    fc.assert(
      fc.property(ids, cellLikeText, cellLikeText, (id, before, after) => {
        const r = checkUscc(`${before}${id}${after}`);
        expect(r.problem?.message ?? '').not.toContain(id);
        expect(r.normalised?.message ?? '').not.toContain(id);
        if (r.problem?.severity === 'error') expect(r.value ?? '').not.toContain(id);
      }),
      { numRuns: 1000 },
    );
  });
});
