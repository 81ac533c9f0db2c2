/**
 * Input generators shared by the fuzz tests: plain arbitrary unicode, and text built from the pieces published
 * cells are made of (digits in both widths, 年月日, 万元, 大写 numerals, odd spaces, bidi controls, ID and mobile
 * numbers), which reaches the normalisers' interesting branches far more often than random code points do.
 *
 * FUZZ_SCALE multiplies every numRuns (default 1) for a longer run on demand.
 */
import fc from 'fast-check';
import { usccCheckChar } from '../../src/lib/ingest/check-uscc.ts';

export const SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1) || 1);
export const runs = (n: number) => ({ numRuns: Math.round(n * SCALE) });

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** An 18-character resident ID number with a valid GB 11643 check character. */
export const residentId = fc
  .record({
    region: fc.integer({ min: 110000, max: 659999 }),
    birth: fc.date({ min: new Date('1930-01-01'), max: new Date('2024-12-31'), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, birth, seq }) => {
    const body = `${region}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += Number(body[i]) * (ID_WEIGHTS[i] ?? 0);
    return body + ('10X98765432'[sum % 11] ?? '0');
  });

export const mobile = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 }))
  .map(([second, rest]) => `1${second}${String(rest).padStart(9, '0')}`);

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const validUscc = fc
  .array(fc.constantFrom(...USCC_ALPHABET), { minLength: 17, maxLength: 17 })
  .map((cs) => cs.join('') + usccCheckChar(cs.join('')));

/** Pieces of published cells. */
const PIECES = [
  ...'0123456789０１２３４５６７８９',
  '年',
  '月',
  '日',
  '号',
  '-',
  '/',
  '.',
  ':',
  ' ',
  '\u3000',
  '\u00a0',
  '\u200b',
  '\ufeff',
  '\t',
  '\n',
  '\r\n',
  '万',
  '元',
  '万元',
  '圆',
  '角',
  '分',
  '整',
  '人民币',
  '¥',
  '负',
  '－',
  '−',
  '+',
  ',',
  '，',
  ...'零壹贰叁肆伍陆柒捌玖拾佰仟〇一二两三四五六七八九十百千亿萬億',
  ...'ABCDEFGHJKLMNPQRTUWXYIOSVZabcxyzＡＢＣａｂｃ',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u200e',
  '\u0000',
  '\u0007',
  '\u007f',
  '\u0085',
  '\u2028',
  '"',
  "'",
  '<',
  '>',
  '&',
  '=',
  '@',
  '（',
  '）',
  '(',
  ')',
  '〔',
  '〕',
  '託育',
  '机构',
  '贾家豪',
  '东西湖區',
  'e',
  'E',
  'T',
  'Z',
  '+08:00',
  '00:00:00',
];

/** Text made of published-cell pieces, with the occasional whole ID or mobile number or USCC inside. */
export const cellLikeText = fc
  .array(
    fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...PIECES) },
      { weight: 1, arbitrary: residentId },
      { weight: 1, arbitrary: mobile },
      { weight: 1, arbitrary: validUscc },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 3_000_000 }).map(String) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join(''));

/** Any unicode at all, lone surrogates included, or cell-like text. */
export const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  cellLikeText,
);

/** What a reader may hand over as a cell, and a few things it should never hand over. */
export const anyCell = fc.oneof(
  { weight: 6, arbitrary: anyText },
  { weight: 2, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer({ min: -100_000, max: 3_000_000 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
);
