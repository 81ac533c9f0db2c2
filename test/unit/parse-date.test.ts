import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, addYears, isAfter, parseDate } from '../../src/lib/ingest/parse-date.ts';
import { anyCell } from './fuzz-arbitraries.ts';

describe('parseDate: accepted spellings', () => {
  it.each<[string, unknown, string | null]>([
    ['excel-date-cell-utc-midnight', new Date('2022-02-20T00:00:00.000Z'), '2022-02-20'],
    ['excel-serial-number', 45056, '2023-05-10'],
    ['excel-serial-with-time-fraction', 45056.75, '2023-05-10'],
    ['excel-serial-as-text', '45056', '2023-05-10'],
    ['epoch-ms-number-shanghai-midnight', 1683648000000, '2023-05-10'],
    ['epoch-ms-number-utc-evening-is-next-day-in-china', Date.UTC(2023, 4, 9, 17), '2023-05-10'],
    ['epoch-ms-text', '1683648000000', '2023-05-10'],
    ['iso', '2023-05-10', '2023-05-10'],
    ['iso-without-leading-zeros', '2023-5-10', '2023-05-10'],
    ['chinese', '2023年5月10日', '2023-05-10'],
    ['chinese-zero-padded', '2023年05月10日', '2023-05-10'],
    ['chinese-with-spaces', '2026 年 7 月 12 日', '2026-07-12'],
    ['slashes', '2023/5/10', '2023-05-10'],
    ['dots', '2023.05.10', '2023-05-10'],
    ['eight-digits', '20230510', '2023-05-10'],
    ['json-datetime', '2023-05-10 00:00:00', '2023-05-10'],
    ['iso-datetime', '2023-05-10T00:00:00', '2023-05-10'],
    ['slashes-with-short-time', '2023/5/10 0:00', '2023-05-10'],
    ['iso-utc-instant-serialised-from-shanghai-midnight', '2022-02-19T16:00:00.000Z', '2022-02-20'],
    ['iso-utc-midnight', '2022-02-20T00:00:00.000Z', '2022-02-20'],
    ['full-width-digits', '２０２３－０５－１０', '2023-05-10'],
    ['padded-with-ideographic-space', '\u30002023-05-10\u3000', '2023-05-10'],
    ['leap-day-in-leap-year', '2024-02-29', '2024-02-29'],
    ['empty-string', '', null],
    ['whitespace-only', ' \u3000 ', null],
    ['null', null, null],
    ['undefined', undefined, null],
  ])('%s', (_name, input, expected) => {
    expect(parseDate(input)).toEqual({ ok: true, date: expected });
  });
});

describe('parseDate: rejected values', () => {
  it.each<[string, unknown, RegExp]>([
    ['february-30', '2023-02-30', /日期“2023-02-30”不存在/],
    ['month-13-chinese', '2023年13月1日', /不存在/],
    ['month-13-dots', '2024.13.02', /不存在/],
    ['february-29-not-leap-year', '2023-02-29', /不存在/],
    ['february-29-not-leap-year-slashes', '2023/02/29', /不存在/],
    ['day-zero', '2023-05-00', /不存在/],
    ['excel-fake-1900-02-29', 60, /1900-02-29/],
    ['excel-serial-before-1949', 1000, /年份/],
    ['year-before-1949', '1900-01-01', /年份/],
    ['year-after-2100', '2101-01-01', /年份/],
    ['serial-zero', 0, /无法识别/],
    ['negative-number', -5, /无法识别/],
    ['number-between-serial-and-epoch', 9_999_999, /无法识别/],
    ['text', '长期', /日期“长期”无法识别/],
    ['year-and-month-only', '2023年5月', /无法识别/],
    ['mixed-separators', '2023-05/10', /无法识别/],
    ['invalid-date-object', new Date(Number.NaN), /无效/],
    ['boolean', true, /无法识别/],
    ['nan', Number.NaN, /无法识别/],
  ])('%s', (_name, input, message) => {
    const r = parseDate(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('invalid-date');
      expect(r.message).toMatch(message);
    }
  });

  it('never crashes; a success is a real ISO date within 1949–2100', () => {
    const dateLike = fc
      .tuple(
        fc.integer({ min: 1800, max: 2200 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 33 }),
        fc.constantFrom('-', '/', '.', '年'),
      )
      .map(([y, m, d, sep]) => (sep === '年' ? `${y}年${m}月${d}日` : `${y}${sep}${m}${sep}${d}`));
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.string({ unit: 'binary' }), fc.double(), fc.date(), dateLike, anyCell),
        (v) => {
          const r = parseDate(v);
          if (!r.ok) expect(r.message).toMatch(/\p{Script=Han}/u);
          if (r.ok && r.date !== null) {
            expect(r.date).toMatch(/^(19[4-9]\d|20\d\d|2100)-\d\d-\d\d$/);
            expect(new Date(`${r.date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(r.date);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('round-trips every ISO date it produces', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1949-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          expect(parseDate(iso)).toEqual({ ok: true, date: iso });
          expect(parseDate(iso.replace(/-/g, ''))).toEqual({ ok: true, date: iso });
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('date arithmetic for publicity windows', () => {
  it.each([
    ['one-year', '2023-05-10', 1, '2024-05-10'],
    ['leap-day-plus-one-year-clamps', '2024-02-29', 1, '2025-02-28'],
    ['leap-day-plus-four-years', '2024-02-29', 4, '2028-02-29'],
    ['three-years', '2026-10-22', 3, '2029-10-22'],
  ])('addYears: %s', (_name, iso, n, expected) => {
    expect(addYears(iso, n)).toBe(expected);
  });

  it.each([
    ['three-months', '2026-08-26', 3, '2026-11-26'],
    ['month-end-clamps', '2023-01-31', 1, '2023-02-28'],
    ['across-year-end', '2025-11-30', 3, '2026-02-28'],
    ['negative', '2026-03-31', -1, '2026-02-28'],
    ['six-months-to-leap-february', '2023-08-31', 6, '2024-02-29'],
  ])('addMonths: %s', (_name, iso, n, expected) => {
    expect(addMonths(iso, n)).toBe(expected);
  });

  it('isAfter compares ISO dates', () => {
    expect(isAfter('2027-03-01', '2026-11-24')).toBe(true);
    expect(isAfter('2026-11-24', '2026-11-24')).toBe(false);
    expect(isAfter('2026-08-04', '2026-11-24')).toBe(false);
  });

  it('addMonths always gives a real date no later than the same day n months on', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1949-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        fc.integer({ min: -120, max: 120 }),
        (d, n) => {
          const iso = d.toISOString().slice(0, 10);
          const out = addMonths(iso, n);
          expect(parseDate(out).ok || out < '1949' || out > '2100').toBe(true);
          expect(Number(out.slice(8))).toBeLessThanOrEqual(Number(iso.slice(8)));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
