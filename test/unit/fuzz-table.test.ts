/**
 * Fuzzing header search and row normalising with arbitrary grids of cells — header labels of every kind, footers,
 * blank rows, dates, amounts, codes and arbitrary unicode, in any arrangement — and the whole pipeline on the same
 * grids written as CSV: nothing throws, and every data row gets exactly one outcome that can be found again in the
 * site data or the report.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELDS, type FieldDef } from '../../src/lib/domain/fields.ts';
import type { Manifest, SourceKind } from '../../src/lib/domain/schemas.ts';
import { locateTable } from '../../src/lib/ingest/map-headers.ts';
import { normaliseRow } from '../../src/lib/ingest/normalise-row.ts';
import { readCsv } from '../../src/lib/ingest/read-csv.ts';
import { runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { type Cell, cellText, type RawTable } from '../../src/lib/ingest/table.ts';
import { anyCell, cellLikeText, mobile, residentId, runs, validUscc } from './fuzz-arbitraries.ts';

const HAN = /\p{Script=Han}/u;
const KINDS: SourceKind[] = ['institutions', 'penalties', 'inspections', 'list-actions'];
const LABELS = [...new Set(FIELDS.flatMap((f) => [f.label, ...f.aliases]))];

const cell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 4, arbitrary: anyCell },
  { weight: 4, arbitrary: fc.constantFrom(...LABELS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('合计', '备注：以上信息由各区提供', '注：', '说明', '', ' ', '\u3000'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('自然人', '法人及非法人组织', '警告', '罚款、警告', '撤销', '已注销'),
  },
  { weight: 1, arbitrary: fc.constantFrom('合格', '责令整改', '不合格', '东西湖区', '开发区', '凯里市') },
  { weight: 1, arbitrary: fc.oneof(validUscc, residentId, cellLikeText) },
  {
    weight: 1,
    arbitrary: fc
      .date({ min: new Date('2015-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
);

const isoDay = (min: string, max: string) =>
  fc
    .date({ min: new Date(min), max: new Date(max), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

/** Date spellings agencies use, and impossible ones. */
const dateCell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 18, arbitrary: isoDay('2018-01-01', '2026-11-24') },
  { weight: 3, arbitrary: isoDay('2018-01-01', '2027-12-31').map((d) => d.replace(/-0?/g, '/')) },
  {
    weight: 1,
    arbitrary: isoDay('2018-01-01', '2027-12-31').map(
      (d) => `${d.slice(0, 4)}年${+d.slice(5, 7)}月${+d.slice(8)}日`,
    ),
  },
  { weight: 3, arbitrary: fc.constantFrom('', 45056) },
  { weight: 1, arbitrary: fc.constantFrom('2023-02-30', '2023年13月1日', '无') },
);

/** Good values, and now and then a bad one. */
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: bad });

/** A plausible value for each field, with some noise. */
function valueFor(key: string): fc.Arbitrary<Cell> {
  const names = fc.oneof(
    {
      weight: 12,
      arbitrary: fc.constantFrom('阳光托育中心', '小太阳托育园', '贝贝熊托育', '贾家豪', '张三', '欧阳修'),
    },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '合计') },
  );
  const plausible: Record<string, fc.Arbitrary<Cell>> = {
    seq: fc.nat(50),
    name: names,
    county: fc.constantFrom('东西湖区', '蔡甸区', '凯里市', '开发区', '', '杭州市西湖区'),
    uscc: mostly(
      fc.oneof(
        validUscc,
        validUscc.map((c) => c.toLowerCase()),
        fc.constantFrom('无', ''),
      ),
      fc.oneof(fc.constant('91420112MA4K00010O'), residentId),
    ),
    subjectCategory: fc.constantFrom('法人及非法人组织', '自然人', '个体工商户', ''),
    documentNumber: fc.nat(6).map((n) => `东卫罚〔2026〕${n}号`),
    categories: fc.constantFrom('警告', '罚款', '罚款、警告', '通报批评', '没收违法所得', '约谈', ''),
    fine: mostly(fc.constantFrom('0.3', '5', '5万', '3000元', '伍仟元', '20000', '', 0.2), fc.constant('-5')),
    fineYuan: mostly(fc.constantFrom('3000', '500', '0', ''), fc.constant('-1')),
    confiscated: fc.constantFrom('', '0.086', '1'),
    confiscatedYuan: fc.constantFrom('', '860', '0'),
    penaltyState: fc.constantFrom('正常', '撤销', '已撤销', ''),
    result: mostly(fc.constantFrom('合格', '不合格', '责令整改', '发现问题已责令改正'), fc.constant('未知')),
    listStatus: fc.constantFrom('正常', '注销', '已撤销', ''),
    capacity: fc.constantFrom('60', '１２０', '', 'abc'),
    remarks: fc.oneof(
      cellLikeText,
      mobile.map((m) => `联系人电话${m}`),
    ),
    facts: fc.oneof(cellLikeText, fc.constant('贾家豪在托育场所内未按规定…')),
  };
  const byType =
    FIELDS.find((f) => f.key === key)?.type === 'date' ? dateCell : (plausible[key] ?? cellLikeText);
  return fc.oneof({ weight: 24, arbitrary: byType }, { weight: 1, arbitrary: cell });
}

/** A table as agencies publish it: optional title rows, a header of the kind's labels, rows of plausible values. */
const structuredGrid = (kind: SourceKind) =>
  fc
    .tuple(
      fc.array(fc.constantFrom('东西湖区托育机构名单', '（截至2026年10月31日）'), { maxLength: 2 }),
      fc.shuffledSubarray(
        FIELDS.filter((f) => (f.kinds as readonly string[]).includes(kind)),
        { minLength: 2, maxLength: 10 },
      ),
      fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    )
    .chain(([titles, chosen, withRequired]) => {
      const required = (FIELDS as readonly FieldDef[]).filter((f) => f.requiredIn?.includes(kind));
      const fields = withRequired ? [...new Set([...required, ...chosen])] : chosen;
      const row = fc.tuple(...fields.map((f) => valueFor(f.key)));
      return fc
        .tuple(fc.array(row, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 3 }))
        .map(([rows, repeats]) => {
          // Now and then a row published twice.
          const body: Cell[][] = [...rows];
          for (const r of repeats) if (rows.length) body.push(rows[r % rows.length] as Cell[]);
          return [...titles.map((t) => [t] as Cell[]), fields.map((f) => f.label), ...body];
        });
    });

/** A grid as a reader hands it over; sometimes with a well-formed header row of the kind's labels on top. */
const grid = (kind: SourceKind) =>
  fc
    .tuple(
      fc.option(
        fc.subarray(
          FIELDS.filter((f) => (f.kinds as readonly string[]).includes(kind)).map((f) => f.label),
          { minLength: 2 },
        ),
        { freq: 2 },
      ),
      fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 14 }),
    )
    .map(([header, rows]) => (header ? [header as Cell[], ...rows] : rows));

const manifestFor = (kind: SourceKind, region: string): Manifest => ({
  kind,
  sector: 'childcare',
  list: kind === 'list-actions' ? '黑名单' : '备案',
  stage: 'final',
  publisher: '测试发布机关',
  title: '测试名单',
  published: '2024-01-01',
  region,
  crs: 'wgs84',
  files: ['x.csv'],
});

const manifestText = (m: Manifest) =>
  [
    `kind: ${m.kind}`,
    `sector: ${m.sector}`,
    `list: ${m.list}`,
    `publisher: ${m.publisher}`,
    `title: ${m.title}`,
    `published: ${m.published}`,
    `region: "${m.region}"`,
    'files: [x.csv]',
    '',
  ].join('\n');

const asOfDate = fc.oneof(
  fc.constant('2026-11-24'),
  fc
    .date({ min: new Date('2016-01-01'), max: new Date('2032-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
);

describe('locateTable and normaliseRow on arbitrary grids', () => {
  it('never throw; a row is a record exactly when it has no error; problems name the row, in Chinese', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...KINDS)
          .chain((kind) => fc.tuple(fc.constant(kind), fc.oneof(grid(kind), structuredGrid(kind)))),
        fc.constantFrom('420112', '420100', '522601', '330200'),
        asOfDate,
        ([kind, cells], region, asOf) => {
          const table: RawTable = {
            file: 'x.xlsx',
            rows: cells.map((c, i) => ({ n: i + 1, cells: c })),
            notes: [],
          };
          const t = locateTable(table, kind);
          if (!t) return;
          for (const p of t.problems) expect(p.message).toMatch(HAN);
          const ctx = {
            manifest: manifestFor(kind, region),
            source: 's',
            file: 'x.xlsx',
            columns: t.columns,
            asOf,
          };
          for (const row of t.dataRows) {
            const r = normaliseRow(row, ctx);
            const failed = r.problems.some((p) => p.severity === 'error');
            expect(r.record === null).toBe(failed || r.hidden !== undefined);
            for (const p of r.problems) {
              expect(p.row).toBe(row.n);
              expect(p.message).toMatch(HAN);
            }
          }
        },
      ),
      runs(1500),
    );
  });
});

/** RFC 4180 text of a grid. */
function toCsv(cells: Cell[][]): string {
  const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return cells.map((r) => r.map((c) => quote(cellText(c))).join(',')).join('\r\n');
}

describe('runPipeline on arbitrary grids written as CSV', () => {
  it('gives every data row exactly one outcome, and each outcome can be found again', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...KINDS)
          .chain((kind) => fc.tuple(fc.constant(kind), fc.oneof(grid(kind), structuredGrid(kind)))),
        fc.constantFrom('420112', '420100', '522601'),
        asOfDate,
        async ([kind, cells], region, asOf) => {
          const m = manifestFor(kind, region);
          const bytes = new TextEncoder().encode(toCsv(cells));
          const r = await runPipeline(
            [{ id: 'fuzz', manifestText: manifestText(m), files: [{ name: 'x.csv', bytes }], unlisted: [] }],
            asOf,
          );
          const s = r.report.sources.find((x) => x.id === 'fuzz');
          expect(s).toBeDefined();
          if (!s) return;
          expect(s.published + s.merged + s.hidden + s.rejected).toBe(s.rows);
          const { warnings: _, ...totals } = r.report.totals;
          expect(totals).toEqual({
            rows: s.rows,
            published: s.published,
            merged: s.merged,
            hidden: s.hidden,
            rejected: s.rejected,
          });

          // The rows counted are the data rows below the header the reader finds.
          const located = bytes.length > 0 ? locateTable(readCsv('x.csv', bytes), kind) : null;
          if (!located || (located.dataRows.length === 0 && r.exitCode === 2)) {
            expect(s.rows).toBe(0);
            expect(r.exitCode).toBe(2);
            return;
          }
          expect(s.rows).toBe(located.dataRows.length);
          expect(r.exitCode).toBe(s.rejected > 0 ? 1 : 0);

          const rowsOf = (provs: Array<{ source: string; row: number }>) =>
            new Set(provs.filter((p) => p.source === 'fuzz').map((p) => p.row));
          const duplicates = r.report.problems.filter((p) => p.code === 'duplicate-row').length;
          switch (kind) {
            case 'institutions':
              expect(rowsOf(r.data.institutions.flatMap((i) => i.provenance)).size).toBe(s.published);
              expect(duplicates).toBe(s.merged);
              break;
            case 'penalties':
              expect(r.data.penalties.length).toBe(s.published);
              expect(r.report.hidden.length).toBe(s.hidden);
              expect(r.data.penalties.reduce((n, p) => n + p.alsoIn.length, 0) + duplicates).toBe(s.merged);
              break;
            case 'inspections':
              expect(r.data.inspections.length).toBe(s.published);
              break;
            case 'list-actions':
              expect(rowsOf(r.data.institutions.flatMap((i) => i.events.map((e) => e.provenance))).size).toBe(
                s.published,
              );
              break;
          }
        },
      ),
      runs(400),
    );
  });
});
