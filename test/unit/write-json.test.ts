/** writeJsonFile writes exactly what JSON.stringify gives, for any JSON value and for data shaped like the register's. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { writeJsonFile } from '../../src/lib/ingest/write-json.ts';

const dir = mkdtempSync(join(tmpdir(), 'write-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, 'out.json');
const roundTrip = (value: unknown) => {
  writeJsonFile(path, value);
  return readFileSync(path, 'utf8');
};

describe('writeJsonFile', () => {
  it('equals JSON.stringify for any JSON value, with undefined members and long arrays', () => {
    const leaf = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.string({ unit: 'grapheme' }));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node'), { maxLength: 80 }),
        fc.dictionary(fc.string(), tie('node'), { maxKeys: 6 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        fc.pre(JSON.stringify(v) !== undefined);
        expect(roundTrip(v)).toBe(JSON.stringify(v));
      }),
      { numRuns: 300 },
    );
  });

  it('equals JSON.stringify for register-shaped data larger than one write', () => {
    const institutions = Array.from({ length: 12000 }, (_, i) => ({
      id: `i${i}`,
      name: `宁波市鄞州区贝壳托育服务有限公司${i}`,
      fees: null,
      gone: undefined,
      events: Array.from({ length: i % 3 }, (_, j) => ({ date: '2026-01-02', row: j })),
    }));
    const data = { asOf: '2026-11-24', institutions, nested: { rows: { list: institutions.slice(0, 100) } } };
    const text = roundTrip(data);
    expect(text.length).toBeGreaterThan(1 << 20);
    expect(text).toBe(JSON.stringify(data));
  });
});
