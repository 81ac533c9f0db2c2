/**
 * The unit of an amount column comes from its one entry in the field dictionary (`amount.unit` in fields.ts): a
 * bare number under a 万元 header is ten thousand times the same number under a 元 header, for every amount field
 * the dictionary has, and the first filled column of a measure (in dictionary order) gives the amount. The last
 * case swaps the dictionary's units and expects the normaliser to follow them, so a unit taken from anywhere else
 * (a column's position, its key) fails.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AmountMeasure, FIELDS, type FieldDef } from '../../src/lib/domain/fields.ts';
import type { Manifest } from '../../src/lib/domain/schemas.ts';
import { locateTable } from '../../src/lib/ingest/map-headers.ts';
import type { RowResult } from '../../src/lib/ingest/normalise-row.ts';
import type { Cell } from '../../src/lib/ingest/table.ts';

type NormaliseRow = typeof import('../../src/lib/ingest/normalise-row.ts').normaliseRow;

const PENALTY: Record<string, Cell> = {
  行政相对人名称: '宁波市阳光托育有限公司',
  统一社会信用代码: '91330203MA1FPAWD63',
  行政处罚决定书文号: '甬卫罚〔2026〕31号',
  处罚决定日期: '2026-06-01',
};

const manifest: Manifest = {
  kind: 'penalties',
  sector: 'childcare',
  stage: 'final',
  publisher: '宁波市卫生健康委员会',
  title: '行政处罚公示',
  published: '2026-06-02',
  region: '330203',
  crs: 'wgs84',
  files: ['x.csv'],
};

function penalty(normalise: NormaliseRow, cells: Record<string, Cell>) {
  const all = { ...PENALTY, ...cells };
  const t = locateTable(
    {
      file: 'x.csv',
      rows: [
        { n: 1, cells: Object.keys(all) },
        { n: 2, cells: Object.values(all) },
      ],
      notes: [],
    },
    'penalties',
  );
  const row = t?.dataRows[0];
  if (!t || !row) throw new Error('no penalty row');
  const result: RowResult = normalise(row, {
    manifest,
    source: 's',
    file: 'x.csv',
    columns: t.columns,
    asOf: '2026-11-24',
  });
  const r = result.record;
  if (r?.kind !== 'penalties') throw new Error(JSON.stringify(result.problems));
  return { fine: [r.fineYuan, r.fineText], confiscated: [r.confiscatedYuan, r.confiscatedText] };
}

const real = async () => (await import('../../src/lib/ingest/normalise-row.ts')).normaliseRow;

const AMOUNTS = (FIELDS as readonly FieldDef[]).filter((f) => f.type === 'amount');

describe('amount fields', () => {
  it('each has a measure and a unit, and its label names that unit', () => {
    expect(AMOUNTS.length).toBeGreaterThanOrEqual(4);
    for (const f of AMOUNTS) {
      expect(f.amount, f.key).toBeDefined();
      expect(f.label.includes('万元') ? 'wan' : 'yuan', f.label).toBe(f.amount?.unit);
    }
  });

  it.each([
    // header as published, cell, measure, yuan, text as shown
    ['罚款金额(万元)', '1.5', 'fine', 15_000, '1.5 万元'],
    ['处罚金额（万元）', '2', 'fine', 20_000, '2 万元'],
    ['罚款金额(元)', '1500', 'fine', 1_500, '1500 元'],
    ['罚款金额', '1500', 'fine', 1_500, '1500 元'],
    ['罚款金额(万元)', '3000元', 'fine', 3_000, '3000元'],
    ['没收金额(万元)', '0.1', 'confiscated', 1_000, '0.1 万元'],
    ['没收违法所得(元)', '860', 'confiscated', 860, '860 元'],
  ] as const)('%s “%s” is %s %d yuan', async (header, cell, measure, yuan, text) => {
    expect(penalty(await real(), { [header]: cell })[measure]).toEqual([yuan, text]);
  });

  it('reads every amount field of the dictionary in its own unit', async () => {
    const normalise = await real();
    for (const f of AMOUNTS) {
      const measure = f.amount?.measures as AmountMeasure;
      const yuan = f.amount?.unit === 'wan' ? 100_000 : 10;
      expect(penalty(normalise, { [f.label]: '10' })[measure][0], f.key).toBe(yuan);
    }
  });

  it('takes the first filled column of a measure, in dictionary order', async () => {
    const both = penalty(await real(), { '罚款金额(万元)': '1', '罚款金额(元)': '5000' });
    expect(both.fine).toEqual([10_000, '1 万元']);
  });

  describe("with the dictionary's amount units swapped", () => {
    afterEach(() => {
      vi.doUnmock('../../src/lib/domain/fields.ts');
      vi.resetModules();
    });

    it('follows the dictionary', async () => {
      vi.resetModules();
      vi.doMock('../../src/lib/domain/fields.ts', async (importOriginal) => {
        const fields = await importOriginal<typeof import('../../src/lib/domain/fields.ts')>();
        return {
          ...fields,
          amountColumns: (m: AmountMeasure) =>
            fields.amountColumns(m).map((c) => ({ ...c, unit: c.unit === 'wan' ? 'yuan' : 'wan' })),
        };
      });
      const swapped = await real();
      expect(penalty(swapped, { '罚款金额(万元)': '10' }).fine).toEqual([10, '10 元']);
      expect(penalty(swapped, { '没收金额(元)': '10' }).confiscated).toEqual([100_000, '10 万元']);
    });
  });
});
