/**
 * Fuzzing redaction with arbitrary unicode and cell-like text: no ID or mobile number is left behind. The other
 * normalisers' properties live beside their table tests (parse-date, parse-amount, check-uscc, normalise-text), run
 * on the same arbitraries; the counterexamples fuzzing found stay here as fixed cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUscc, isResidentId } from '../../src/lib/ingest/check-uscc.ts';
import { matchKey } from '../../src/lib/ingest/normalise-text.ts';
import { redactPii } from '../../src/lib/ingest/protect-privacy.ts';
import { anyText, mobile, residentId, runs } from './fuzz-arbitraries.ts';

/** Every 18-character run with a valid GB 11643 check digit, or any mobile number, in a text. */
function piiIn(text: string): string[] {
  const half = text.normalize('NFKC');
  const ids = [...half.matchAll(/(?=(\d{17}[\dXx]))/g)].map((m) => m[1] ?? '').filter(isResidentId);
  const mobiles = [...half.matchAll(/(?<!\d)1[3-9]\d{9}(?!\d)/g)].map((m) => m[0]);
  return [...ids, ...mobiles];
}

describe('redactPii', () => {
  it('never throws; leaves no resident ID or mobile number behind, and a second pass finds nothing', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = redactPii(text);
        expect(piiIn(r.text)).toEqual([]);
        expect(redactPii(r.text).found).toEqual([]);
      }),
      runs(3000),
    );
  });

  it('finds every ID and mobile number placed in arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(anyText, residentId, mobile), { maxLength: 6 }),
        fc.constantFrom(' ', '，', '：', '\n', '；'),
        (parts, sep) => {
          const text = parts.join(sep);
          expect(piiIn(redactPii(text).text)).toEqual([]);
        },
      ),
      runs(2000),
    );
  });
});

describe('counterexamples found by fuzzing, kept as fixed cases', () => {
  it('checkUscc: an ID number with a digit typed after it is not repeated in the message', () => {
    const r = checkUscc('1100001970010100060');
    expect(r.problem).toMatchObject({ code: 'bad-uscc-length', severity: 'error' });
    expect(r.problem?.message).not.toContain('110000197001010006');
    expect(r.value).toBeNull();
  });

  it('redactPii: an ID number run together with a mobile number is redacted, and so is the mobile', () => {
    expect(redactPii('11000019700101000613000000000').text).toBe('[身份证号已隐去][手机号已隐去]');
    expect(redactPii('1100001970010100060').text).toBe('[身份证号已隐去]0');
  });

  it('matchKey: a combining mark after a removed space composes the same way the second time', () => {
    expect(matchKey(matchKey('𝚼῝'))).toBe(matchKey('𝚼῝'));
    expect(matchKey('e \u0301')).toBe('é');
  });

  it('redactPii: a mobile number after a stray plus sign is redacted', () => {
    expect(redactPii('+13000000000').text).toBe('+[手机号已隐去]');
  });
});
