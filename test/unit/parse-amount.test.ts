import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AMOUNT_SUSPECT_YUAN,
  isSuspectAmount,
  parseAmount,
  withHeaderUnit,
} from '../../src/lib/ingest/parse-amount.ts';
import { anyCell } from './fuzz-arbitraries.ts';

describe('parseAmount: amounts read', () => {
  it.each<[string, unknown, 'wan' | 'yuan', number, string | null]>([
    ['bare-number-in-wan-column', 5, 'wan', 50000, '5'],
    ['four-decimals-in-wan-column', '5.0000', 'wan', 50000, '5.0000'],
    ['one-wan-with-four-decimals', '1.0000', 'wan', 10000, '1.0000'],
    ['fraction-of-a-wan', '0.3', 'wan', 3000, '0.3'],
    ['json-number-fraction-of-a-wan', 0.86, 'wan', 8600, '0.86'],
    ['json-number-float-noise', 0.1 + 0.2, 'wan', 3000, String(0.1 + 0.2)],
    ['bare-number-in-yuan-column', 80000, 'yuan', 80000, '80000'],
    ['bare-text-in-yuan-column', '3000', 'yuan', 3000, '3000'],
    ['cell-says-wan', '5万', 'wan', 50000, '5万'],
    ['cell-says-wan-yuan', '5万元', 'wan', 50000, '5万元'],
    ['cell-says-wan-with-space', '5 万元', 'wan', 50000, '5 万元'],
    ['cell-says-wan-in-yuan-column', '5万元', 'yuan', 50000, '5万元'],
    ['cell-says-yuan-in-wan-column', '3000元', 'wan', 3000, '3000元'],
    ['cell-says-yuan', '50000元', 'wan', 50000, '50000元'],
    ['renminbi-prefix', '人民币5000元', 'wan', 5000, '人民币5000元'],
    ['wan-and-yuan', '1万5000元', 'wan', 15000, '1万5000元'],
    ['decimal-wan', '1.5万元', 'yuan', 15000, '1.5万元'],
    ['thousands-separator', '50,000元', 'wan', 50000, '50,000元'],
    ['full-width-thousands-separator', '５０，０００元', 'wan', 50000, '５０，０００元'],
    ['full-width-digits', '５万', 'wan', 50000, '５万'],
    ['daxie-thousands', '伍仟元', 'wan', 5000, '伍仟元'],
    ['daxie-ten-thousands-and-thousands', '壹万伍仟元', 'wan', 15000, '壹万伍仟元'],
    ['daxie-wan', '伍万元', 'yuan', 50000, '伍万元'],
    ['daxie-one-hundred-thousand', '壹拾万元', 'wan', 100000, '壹拾万元'],
    ['daxie-ten-wan-without-leading-digit', '拾万元', 'wan', 100000, '拾万元'],
    ['daxie-with-zheng', '贰仟伍佰元整', 'wan', 2500, '贰仟伍佰元整'],
    ['daxie-with-yuan-written-圆', '叁仟圆整', 'wan', 3000, '叁仟圆整'],
    ['daxie-with-inner-zero', '壹仟零伍拾元', 'yuan', 1050, '壹仟零伍拾元'],
    ['daxie-jiao-rounds-half-up', '伍仟圆伍角', 'wan', 5001, '伍仟圆伍角'],
    ['daxie-fen-rounds-down', '壹佰元零伍分', 'wan', 100, '壹佰元零伍分'],
    ['daxie-traditional', '貳萬元', 'wan', 20000, '貳萬元'],
    ['rounds-half-away-from-zero', '0.00005', 'wan', 1, '0.00005'],
    ['rounds-below-half-down', '0.000049', 'wan', 0, '0.000049'],
    ['yuan-with-cents', '2500.50元', 'wan', 2501, '2500.50元'],
    ['exponent-json-number', 1e-7, 'wan', 0, '1e-7'],
    ['unit-typed-as-wan-in-wan-column-suspect', 20000, 'wan', 200_000_000, '20000'],
  ])('%s', (_name, input, unit, yuan, text) => {
    expect(parseAmount(input, unit)).toEqual({ ok: true, yuan, text });
  });

  it.each<[string, unknown, string | null]>([
    ['null', null, null],
    ['undefined', undefined, null],
    ['empty', '', null],
    ['whitespace', ' \u3000', null],
    ['zero-text', '0', '0'],
    ['zero-number', 0, '0'],
    ['zero-with-decimals', '0.0000', '0.0000'],
    ['wu', '无', '无'],
    ['dash', '-', '-'],
    ['slash', '/', '/'],
    ['em-dash', '——', '——'],
  ])('no fine: %s', (_name, input, text) => {
    expect(parseAmount(input, 'wan')).toEqual({ ok: true, yuan: 0, text });
  });
});

describe('parseAmount: rejected values', () => {
  it.each<[string, unknown, RegExp]>([
    ['negative-text', '-5', /金额不能为负数/],
    ['negative-full-width', '－5', /金额不能为负数/],
    ['negative-number', -5, /金额不能为负数/],
    ['negative-with-unit', '-3000元', /金额不能为负数/],
    ['vague-word', '若干', /“若干”/],
    ['latin-text', 'abc', /“abc”/],
    ['two-numbers', '5000元、3000元', /不是可识别的数字/],
    ['repeated-daxie-digits', '伍伍元', /不是可识别的数字/],
    ['infinity', Number.POSITIVE_INFINITY, /不是/],
    ['boolean', true, /不是/],
    ['object', { yuan: 5 }, /不是/],
    ['too-large', '9'.repeat(30), /超出/],
  ])('%s', (_name, input, message) => {
    const r = parseAmount(input, 'wan');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('invalid-amount');
      expect(r.message).toMatch(message);
    }
  });
});

describe('suspect amounts', () => {
  it.each([
    ['legal-maximum', 100_000, false],
    ['just-below-threshold', 999_999, false],
    ['threshold', AMOUNT_SUSPECT_YUAN, true],
    ['yuan-typed-into-wan-column', 200_000_000, true],
  ])('%s', (_name, yuan, suspect) => {
    expect(isSuspectAmount(yuan)).toBe(suspect);
  });
});

describe('parseAmount properties', () => {
  const amountLike = fc.oneof(
    fc.anything(),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.double(),
    fc
      .array(fc.constantFrom(...'0123456789.,-万元圆角分整零壹贰叁肆伍陆柒捌玖拾佰仟亿人民币 ５'), {
        maxLength: 12,
      })
      .map((a) => a.join('')),
  );

  it('never crashes; success is a non-negative safe integer', () => {
    fc.assert(
      fc.property(
        fc.oneof(amountLike, anyCell),
        fc.constantFrom('wan' as const, 'yuan' as const),
        (v, unit) => {
          const r = parseAmount(v, unit);
          if (r.ok) {
            expect(Number.isSafeInteger(r.yuan)).toBe(true);
            expect(r.yuan).toBeGreaterThanOrEqual(0);
          } else {
            expect(r.code).toBe('invalid-amount');
            expect(r.message).toMatch(/\p{Script=Han}/u);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('a whole number of yuan written with 元 reads back exactly in either column', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (n) => {
        expect(parseAmount(`${n}元`, 'wan')).toEqual({ ok: true, yuan: n, text: `${n}元` });
        expect(parseAmount(n, 'yuan')).toEqual({ ok: true, yuan: n, text: String(n) });
      }),
    );
  });

  it('a 万元 amount with up to four decimals is exact', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (tenths) => {
        const text = (tenths / 10_000).toFixed(4);
        expect(parseAmount(text, 'wan')).toEqual({ ok: true, yuan: tenths, text });
      }),
    );
  });
});

describe('withHeaderUnit: original-fine-without-unit', () => {
  it.each<[string, 'wan' | 'yuan', string]>([
    ['10', 'wan', '10 万元'],
    ['1.0000', 'wan', '1.0000 万元'],
    ['0.5', 'wan', '0.5 万元'],
    ['3000', 'yuan', '3000 元'],
    ['5万', 'wan', '5万'],
    ['3000元', 'wan', '3000元'],
    ['伍仟元', 'wan', '伍仟元'],
  ])('%s in a %s column → %s', (text, unit, want) => {
    expect(withHeaderUnit(text, unit)).toBe(want);
  });
});
