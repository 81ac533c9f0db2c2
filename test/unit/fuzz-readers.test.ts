/**
 * Fuzzing the readers: arbitrary bytes never crash them (a file that cannot be read is an UnreadableFileError with
 * a Chinese message, never another exception), and no row is lost — a CSV of k non-blank records reads as k rows
 * with the same cells, in UTF-8, UTF-8 with BOM and GB18030, with LF or CRLF, with or without a final line break.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsv, readCsv } from '../../src/lib/ingest/read-csv.ts';
import { readDoc } from '../../src/lib/ingest/read-doc.ts';
import { readJson, UnreadableFileError } from '../../src/lib/ingest/read-json.ts';
import { readXlsx } from '../../src/lib/ingest/read-xlsx.ts';
import { runs } from './fuzz-arbitraries.ts';

const HAN = /\p{Script=Han}/u;

function expectUnreadable(e: unknown) {
  expect(e).toBeInstanceOf(UnreadableFileError);
  expect((e as Error).message).toMatch(HAN);
}

describe('decodeCsv and readCsv on arbitrary bytes', () => {
  it('never throw; rows are numbered 1, 2, 3 …', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        decodeCsv(bytes);
        const t = readCsv('x.csv', bytes);
        expect(t.rows.map((r) => r.n)).toEqual(t.rows.map((_, i) => i + 1));
      }),
      runs(3000),
    );
  });

  it('decode valid UTF-8 with Chinese in it exactly as UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.boolean(), (rest, bom) => {
        const text = `机构名称,${rest}`;
        const body = new TextEncoder().encode(text);
        const bytes = bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
        expect(decodeCsv(bytes).text).toBe(text);
      }),
      runs(2000),
    );
  });

  it('decode GB18030 exactly, also where its bytes happen to be valid UTF-8 (元 is D4 AA, Ԫ in UTF-8)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (rest) => {
        const text = `机构名称,${rest}`;
        expect(decodeCsv(new Uint8Array(iconv.encode(text, 'gb18030'))).text).toBe(text);
      }),
      runs(2000),
    );
    expect(decodeCsv(new Uint8Array(iconv.encode('罚款金额\n5000元\n', 'gb18030'))).text).toBe(
      '罚款金额\n5000元\n',
    );
    expect(decodeCsv(new Uint8Array(iconv.encode('元', 'gb18030'))).text).toBe('元');
  });
});

/** Cells as published: CJK, digits, and the characters that make CSV hard. */
const cellText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...'托育机构东西湖区凯里市罚款万元０１２3456789abcXYZ') },
      {
        weight: 2,
        arbitrary: fc.constantFrom(',', '"', '\n', '\r\n', ';', '\t', ' ', '\u3000', '=', '，', '；'),
      },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));

/** A record of `width` cells with at least one that is not blank, so that it is a data row. */
const record = (width: number) =>
  fc
    .array(cellText, { minLength: width, maxLength: width })
    .filter((cells) => cells.some((c) => c.replace(/[\s\u3000\u00a0\u200b-\u200d\ufeff]/g, '') !== ''));

/** RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled. */
function toCsv(records: string[][], eol: string, finalEol: boolean): string {
  const quote = (c: string) => (/[",\r\n]/.test(c) || c.trim() !== c ? `"${c.replace(/"/g, '""')}"` : c);
  return records.map((r) => r.map(quote).join(',')).join(eol) + (finalEol ? eol : '');
}

describe('readCsv loses no row', () => {
  // Published lists open with a header of Chinese labels, and every record has as many cells as the header (a
  // spreadsheet saved as CSV); the cells may hold anything. With one column, a tab in a cell could not be told from
  // a tab-separated file, so there are at least two.
  const header = fc.subarray(['序号', '机构名称', '统一社会信用代码', '地址', '罚款金额（元）'], {
    minLength: 2,
  });
  const cases = fc.record({
    records: header.chain((h) => fc.array(record(h.length), { maxLength: 12 }).map((rest) => [h, ...rest])),
    eol: fc.constantFrom('\n', '\r\n'),
    finalEol: fc.boolean(),
    encoding: fc.constantFrom('utf8' as const, 'utf8-bom' as const, 'gb18030' as const),
  });

  it('k non-blank records read as k rows with the cells as written', () => {
    fc.assert(
      fc.property(cases, ({ records, eol, finalEol, encoding }) => {
        const text = toCsv(records, eol, finalEol);
        const bytes =
          encoding === 'gb18030'
            ? iconv.encode(text, 'gb18030')
            : Buffer.concat([
                Buffer.from(encoding === 'utf8-bom' ? [0xef, 0xbb, 0xbf] : []),
                Buffer.from(text),
              ]);
        const t = readCsv('x.csv', new Uint8Array(bytes));
        expect(t.rows).toHaveLength(records.length);
        // A single empty cell cannot be told from an empty record in CSV: compare what can be told.
        expect(t.rows.map((r) => r.cells)).toEqual(records);
      }),
      runs(3000),
    );
  });
});

describe('readJson', () => {
  it('on arbitrary bytes: a table or an UnreadableFileError, nothing else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify(v))),
        ),
        (bytes) => {
          try {
            const t = readJson('x.json', bytes);
            expect(t.rows.map((r) => r.n)).toEqual(t.rows.map((_, i) => i + 1));
          } catch (e) {
            expectUnreadable(e);
          }
        },
      ),
      runs(3000),
    );
  });

  it('an array of k records reads as k rows, one cell per key', () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue(), { maxKeys: 5 })),
        (recs) => {
          const t = readJson('x.json', new TextEncoder().encode(JSON.stringify(recs)));
          expect(t.rows).toHaveLength(recs.length);
          const keys = new Set(recs.flatMap((r) => Object.keys(r)));
          expect(new Set(t.headers)).toEqual(keys);
          for (const row of t.rows) expect(row.cells).toHaveLength(keys.size);
        },
      ),
      runs(1000),
    );
  });
});

describe('readXlsx', () => {
  let workbook: Uint8Array;

  async function validWorkbook(): Promise<Uint8Array> {
    if (workbook) return workbook;
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['东西湖区托育机构备案名单']);
    ws.mergeCells('A1:D1');
    ws.addRow(['序号', '机构名称', '统一社会信用代码', '备案日期']);
    for (let i = 1; i <= 30; i++)
      ws.addRow([i, `托育中心${i}`, '91420112MA4K000106', new Date(Date.UTC(2023, 4, i))]);
    workbook = new Uint8Array(await wb.xlsx.writeBuffer());
    return workbook;
  }

  async function readOrUnreadable(bytes: Uint8Array) {
    try {
      const tables = await readXlsx('x.xlsx', bytes);
      for (const t of tables)
        expect(t.rows.every((r, i) => i === 0 || r.n > (t.rows[i - 1]?.n ?? 0))).toBe(true);
    } catch (e) {
      expectUnreadable(e);
    }
  }

  it('on arbitrary bytes: tables or an UnreadableFileError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          // A zip signature in front gets past the first check.
          fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b])),
        ),
        readOrUnreadable,
      ),
      runs(300),
    );
  });

  it('a real workbook cut short or with bytes changed: tables or an UnreadableFileError', async () => {
    const whole = await validWorkbook();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: 0, max: whole.length - 1 }).map((n) => whole.slice(0, n)),
          fc
            .array(
              fc.tuple(fc.integer({ min: 0, max: whole.length - 1 }), fc.integer({ min: 0, max: 255 })),
              {
                minLength: 1,
                maxLength: 8,
              },
            )
            .map((edits) => {
              const b = whole.slice();
              for (const [at, v] of edits) b[at] = v;
              return b;
            }),
        ),
        readOrUnreadable,
      ),
      runs(300),
    );
  });
});

describe('readDoc', () => {
  const whole = new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/doc/tables/several.doc')));
  function readOrUnreadable(bytes: Uint8Array) {
    try {
      for (const t of readDoc('x.doc', bytes, { isDataTable: () => true }))
        expect(t.rows.map((r) => r.n)).toEqual(t.rows.map((_, i) => i + 1));
    } catch (e) {
      expectUnreadable(e);
    }
  }

  it('a real document cut short, with bytes changed, or arbitrary bytes behind the signature: tables or an UnreadableFileError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: whole.length - 1 }).map((n) => whole.slice(0, n)),
          fc
            .array(
              fc.tuple(fc.integer({ min: 0, max: whole.length - 1 }), fc.integer({ min: 0, max: 255 })),
              {
                minLength: 1,
                maxLength: 8,
              },
            )
            .map((edits) => {
              const b = whole.slice();
              for (const [at, v] of edits) b[at] = v;
              return b;
            }),
          fc
            .uint8Array({ maxLength: 2000 })
            .map((b) => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...b])),
        ),
        readOrUnreadable,
      ),
      runs(500),
    );
  });
});
