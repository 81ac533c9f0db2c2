import { describe, expect, it } from 'vitest';
import { capitalYuan } from '../../src/lib/sample/format-amount.ts';
import { formatDate } from '../../src/lib/sample/format-date.ts';
import {
  isResidentId,
  isValidUscc,
  makeResidentId,
  makeUscc,
  orgCheckChar,
  toFullWidth,
  usccCheckChar,
  withBadChar,
  withDroppedChar,
  withWrongCheck,
} from '../../src/lib/sample/make-codes.ts';
import { createRng } from '../../src/lib/sample/random.ts';

describe('sample codes', () => {
  it('computes the USCC and organisation-code check characters of a known code', () => {
    expect(usccCheckChar('91110108551385082')).toBe('Q');
    expect(orgCheckChar('55138508')).toBe('2');
    expect(isValidUscc('91110108551385082Q')).toBe(true);
    expect(isValidUscc('91110108551385082R')).toBe(false);
  });

  it('makes fresh valid codes in the given region that are never resident ID numbers', () => {
    const rng = createRng('codes');
    const used = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = makeUscc(rng, rng.pick(['91', '92', '52', '12', '11'] as const), '420112', used);
      expect(isValidUscc(code)).toBe(true);
      expect(code.slice(2, 8)).toBe('420112');
      expect(orgCheckChar(code.slice(8, 16))).toBe(code.charAt(16));
      expect(isResidentId(code)).toBe(false);
    }
    expect(used.size).toBe(2000);
  });

  it('makes valid resident ID numbers that are no valid USCC', () => {
    const rng = createRng('ids');
    const used = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const id = makeResidentId(rng, '330203', used);
      expect(isResidentId(id)).toBe(true);
      expect(isValidUscc(id)).toBe(false);
    }
    expect(isResidentId('11010519491231002X')).toBe(true);
  });

  it('breaks codes in the three ways the contract tells apart', () => {
    const rng = createRng('defects');
    const code = makeUscc(rng, '91', '522601', new Set());
    const wrongCheck = withWrongCheck(rng, code);
    expect(wrongCheck).toHaveLength(18);
    expect(isValidUscc(wrongCheck)).toBe(false);
    expect(wrongCheck.slice(0, 17)).toBe(code.slice(0, 17));
    expect(withBadChar(rng, code)).toMatch(/[IOZSV]/);
    expect(withDroppedChar(rng, code)).toHaveLength(17);
    expect(toFullWidth('91ab').normalize('NFKC')).toBe('91ab');
  });

  it('writes amounts in 大写', () => {
    expect(capitalYuan(5000)).toBe('伍仟元');
    expect(capitalYuan(15000)).toBe('壹万伍仟元');
    expect(capitalYuan(100000)).toBe('壹拾万元');
    expect(capitalYuan(10500)).toBe('壹万零伍佰元');
    expect(capitalYuan(3500)).toBe('叁仟伍佰元');
  });

  it('writes dates in the published forms, impossible ones as text', () => {
    const d = { y: 2023, m: 5, d: 10 };
    expect(formatDate(d, 'cn')).toBe('2023年5月10日');
    expect(formatDate(d, 'cn0')).toBe('2023年05月10日');
    expect(formatDate(d, 'slash')).toBe('2023/5/10');
    expect(formatDate(d, 'dot')).toBe('2023.05.10');
    expect(formatDate(d, 'compact')).toBe('20230510');
    expect(formatDate(d, 'json')).toBe('2023-05-10 00:00:00');
    expect(formatDate(d, 'serial')).toBe(45056);
    expect(formatDate(d, 'epoch')).toBe(Date.UTC(2023, 4, 9, 16));
    expect(formatDate(d, 'cell')).toEqual(new Date(Date.UTC(2023, 4, 10)));
    expect(formatDate({ y: 2023, m: 2, d: 30 }, 'cell')).toBe('2023-02-30');
    expect(formatDate({ y: 2024, m: 13, d: 2 }, 'dot')).toBe('2024.13.02');
  });

  it('draws the same numbers from the same seed, other numbers from a fork', () => {
    const a = createRng('x');
    const b = createRng('x');
    const draws = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(draws);
    expect(createRng('x').fork('y').next()).not.toBe(draws[0]);
  });
});
