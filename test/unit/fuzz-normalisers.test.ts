/**
 * Fuzzing the normalisers with arbitrary unicode and cell-like text: nothing throws, and what comes out keeps the
 * promises the rest of the pipeline relies on (ISO dates that exist, non-negative integer yuan, codes that pass
 * their own check, no ID or mobile number left after redaction, a matching key that is a fixed point).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUscc, isResidentId, usccCheckChar } from '../../src/lib/ingest/check-uscc.ts';
import { cleanText, matchKey } from '../../src/lib/ingest/normalise-text.ts';
import { parseAmount } from '../../src/lib/ingest/parse-amount.ts';
import { parseDate } from '../../src/lib/ingest/parse-date.ts';
import { redactPii } from '../../src/lib/ingest/protect-privacy.ts';
import { anyCell, anyText, cellLikeText, mobile, residentId, runs } from './fuzz-arbitraries.ts';

const HAN = /\p{Script=Han}/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is checked for
const INVISIBLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Every 18-character run with a valid GB 11643 check digit, or any mobile number, in a text. */
function piiIn(text: string): string[] {
  const half = text.normalize('NFKC');
  const ids = [...half.matchAll(/(?=(\d{17}[\dXx]))/g)].map((m) => m[1] ?? '').filter(isResidentId);
  const mobiles = [...half.matchAll(/(?<!\d)1[3-9]\d{9}(?!\d)/g)].map((m) => m[0]);
  return [...ids, ...mobiles];
}

describe('parseDate', () => {
  it('never throws; an accepted date is an ISO date that exists, within 1949–2100', () => {
    fc.assert(
      fc.property(anyCell, (v) => {
        const r = parseDate(v);
        if (!r.ok) {
          expect(r.message).toMatch(HAN);
          return;
        }
        if (r.date === null) return;
        expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(new Date(`${r.date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(r.date);
        const year = Number(r.date.slice(0, 4));
        expect(year).toBeGreaterThanOrEqual(1949);
        expect(year).toBeLessThanOrEqual(2100);
      }),
      runs(3000),
    );
  });
});

describe('parseAmount', () => {
  it('never throws; an accepted amount is a non-negative safe integer of yuan', () => {
    fc.assert(
      fc.property(anyCell, fc.constantFrom('wan' as const, 'yuan' as const), (v, unit) => {
        const r = parseAmount(v, unit);
        if (!r.ok) {
          expect(r.code).toBe('invalid-amount');
          expect(r.message).toMatch(HAN);
          return;
        }
        expect(Number.isSafeInteger(r.yuan)).toBe(true);
        expect(r.yuan).toBeGreaterThanOrEqual(0);
      }),
      runs(3000),
    );
  });
});

describe('checkUscc', () => {
  it('never throws; a code without an error is 18 characters of the alphabet, upper-case, no spaces', () => {
    fc.assert(
      fc.property(anyCell, (v) => {
        const r = checkUscc(v);
        if (r.problem) expect(r.problem.message).toMatch(HAN);
        if (r.normalised) {
          expect(r.normalised.message).toMatch(HAN);
          expect(r.value).not.toBeNull();
          expect(r.problem?.severity).not.toBe('error');
        }
        if (r.problem?.severity === 'error' && r.problem.code === 'person-id-number')
          expect(r.value).toBeNull();
        if (r.value === null || r.problem?.severity === 'error') return;
        expect(r.value).toMatch(/^[0-9A-HJ-NP-RTUWXY]{18}$/);
        if (r.problem === null) expect(usccCheckChar(r.value.slice(0, 17))).toBe(r.value[17]);
        else expect(r.problem.code).toBe('uscc-checksum');
      }),
      runs(3000),
    );
  });

  it('never repeats a resident ID number in its message, whatever surrounds it', () => {
    fc.assert(
      fc.property(residentId, cellLikeText, cellLikeText, (id, before, after) => {
        const r = checkUscc(`${before}${id}${after}`);
        expect(piiIn(r.problem?.message ?? '')).toEqual([]);
        expect(piiIn(r.normalised?.message ?? '')).toEqual([]);
        if (r.value !== null && r.problem?.severity === 'error') expect(piiIn(r.value)).toEqual([]);
      }),
      runs(1000),
    );
  });
});

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

describe('matchKey and cleanText', () => {
  it('matchKey never throws and is a fixed point: no spaces, no upper-case ASCII, the same key twice', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const k = matchKey(s);
        expect(k).not.toMatch(/[\s\u3000\u00a0\u200b-\u200d\ufeff]/);
        expect(k).not.toMatch(/[A-Z]/);
        expect(matchKey(k)).toBe(k);
      }),
      runs(3000),
    );
  });

  it('cleanText never throws and leaves no control or bidi characters and no outer whitespace', () => {
    fc.assert(
      fc.property(anyCell, (v) => {
        const t = cleanText(v);
        if (t === null) return;
        expect(t).not.toBe('');
        expect(t).not.toMatch(INVISIBLE);
        expect(t).toBe(t.trim());
      }),
      runs(3000),
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
