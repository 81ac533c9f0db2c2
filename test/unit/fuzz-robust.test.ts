/**
 * Fresh variants of every defect class of issue 13, generated: stray and unterminated quotes anywhere in a CSV,
 * JSON arrays of anything nested to any depth, workbooks with repeated row numbers, far cells and merged ranges,
 * cells around and far past the length limit, invisible characters in names, region codes and folder names of any
 * shape, reversed black-list dates, republished decisions. Whatever comes, the pipeline ends without a crash, every
 * row is accounted for, every finding is Chinese, no value exceeds the cell limit, and what the build makes of the
 * data (site index, search records, every download) is made without a crash.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS } from '../../src/lib/ingest/limits.ts';
import { matchKey } from '../../src/lib/ingest/normalise-text.ts';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { searchRecords } from '../../src/lib/search/build-records.ts';
import { DATASET_IDS, renderDownload } from '../../src/lib/site/downloads/render.ts';
import { buildSiteIndex } from '../../src/lib/site/site-index.ts';
import { code } from '../fixtures/bad/generate.ts';
import { editedWorkbook } from '../fixtures/write-zip.ts';
import { expectWithinBudget } from '../helpers/time-budget.ts';
import { runs } from './fuzz-arbitraries.ts';
import { expectBalanced, expectClearProblems, longestString } from './pipeline-checks.ts';

const AS_OF = '2026-11-24';
const tmp = mkdtempSync(join(tmpdir(), 'fuzz-robust-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Unicode Default_Ignorable_Code_Point, range by range, and combining marks that may follow a Han character. */
const IGNORABLE_RANGES: Array<[number, number]> = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0x1bca0, 0x1bca3],
  [0x1d173, 0x1d17a],
  [0xe0000, 0xe0fff],
];
const ignorable = fc
  .constantFrom(...IGNORABLE_RANGES)
  .chain(([lo, hi]) => fc.integer({ min: lo, max: hi }))
  .map((cp) => String.fromCodePoint(cp));
const markOnHan = fc.integer({ min: 0x0300, max: 0x036f }).map((cp) => String.fromCodePoint(cp));

/** A name with invisible characters put in anywhere, and combining marks after its Han characters. */
function sprinkled(name: string) {
  const chars = [...name];
  return fc
    .tuple(
      fc.array(fc.tuple(fc.integer({ min: 1, max: chars.length }), markOnHan), { maxLength: 3 }),
      fc.array(fc.tuple(fc.nat(), ignorable), { maxLength: 6 }),
    )
    .map(([marks, ignorables]) => {
      const out = [...chars];
      // Each name character is Han: a mark inserted at i sits on character i - 1.
      for (const [at, c] of [...marks].sort((x, y) => y[0] - x[0])) out.splice(at, 0, c);
      for (const [at, c] of ignorables) out.splice(at % (out.length + 1), 0, c);
      return out.join('');
    });
}

describe('invisible characters never split a name', () => {
  const base = '武汉市东西湖区阳光宝贝托育中心';

  it('any mix of default-ignorable characters and marks on Han gives the same matching key', () => {
    fc.assert(
      fc.property(sprinkled(base), (name) => {
        expect(matchKey(name)).toBe(matchKey(base));
      }),
      runs(3000),
    );
  });

  it('through the pipeline: one uncoded name in many invisible spellings is one institution', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sprinkled(base), { minLength: 2, maxLength: 8 }), async (names) => {
        const dir = source('invisible', 'list', {
          'source.yml': LIST_MANIFEST('名单.csv'),
          '名单.csv': `机构名称,统一社会信用代码,备案日期\n${names.map((n) => `${n},,2023-05-10`).join('\n')}\n`,
        });
        const r = await runPipeline(loadSources(dir), AS_OF);
        expectBalanced(r);
        expect(r.data.institutions).toHaveLength(1);
        expect(r.report.totals.rows).toBe(names.length);
      }),
      runs(40),
    );
  });
});

const LIST_MANIFEST = (file: string, extra: Record<string, string> = {}) =>
  `${Object.entries({
    kind: 'institutions',
    sector: 'childcare',
    list: '备案',
    publisher: '武汉市东西湖区卫生健康局',
    title: '名单',
    published: '2024-05-01',
    region: '420112',
    ...extra,
  })
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join('\n')}\nfiles: [${JSON.stringify(file)}]\n`;

let counter = 0;
/** A fresh data directory with one source of these files. */
function source(prefix: string, id: string, files: Record<string, string | Uint8Array>): string {
  const dir = join(tmp, `${prefix}-${counter++}`);
  mkdirSync(join(dir, 'sources', id), { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, 'sources', id, name), bytes);
  return dir;
}

const names = fc
  .integer({ min: 1, max: 40 })
  .map((n) => Array.from({ length: n }, (_, i) => `武汉市东西湖区生成${i + 1}号托育中心`));

/** A list CSV with quotes dropped in at random places: some unmatched, some closing far away. */
const quotedCsv = fc
  .tuple(
    names,
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('"', '""', '"x"', ',"')), { maxLength: 4 }),
  )
  .map(([list, quotes]) => {
    const rows = list.map((n, i) => [String(i + 1), n, '', '2023-05-10']);
    for (const [r, c, q] of quotes) {
      const row = rows[r % rows.length] as string[];
      const col = c % row.length;
      const cell = row[col] as string;
      row[col] = cell.slice(0, c % (cell.length + 1)) + q + cell.slice(c % (cell.length + 1));
    }
    return `序号,机构名称,统一社会信用代码,备案日期\n${rows.map((r) => r.join(',')).join('\n')}\n`;
  });

/** JSON of anything: records, scalars, arrays, and values nested from 1 to 200 levels deep. */
const anyJson = fc
  .array(
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc
          .integer({ min: 1, max: 99 })
          .map((i) => ({ 机构名称: `武汉市东西湖区记录${i}号托育中心`, 备案日期: '2023-05-10' })),
      },
      {
        weight: 1,
        arbitrary: fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(null), fc.boolean()),
      },
      { weight: 1, arbitrary: fc.array(fc.integer(), { maxLength: 3 }) },
      {
        weight: 1,
        arbitrary: fc.integer({ min: 1, max: 200 }).map((d) => ({
          机构名称: '武汉市东西湖区深层托育中心',
          备注: JSON.parse(`${'['.repeat(d)}${']'.repeat(d)}`),
        })),
      },
    ),
    { maxLength: 12 },
  )
  .map((a) => JSON.stringify(a));

const COLUMNS = ['A', 'B', 'C', 'D', 'Z', 'AA', 'ZZ', 'XFD'];
/** A workbook whose sheet repeats row numbers, reaches far out and merges big ranges. */
const oddWorkbook = fc.record({
  rows: fc.integer({ min: 1, max: 12 }),
  repeats: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
  far: fc.option(fc.tuple(fc.constantFrom(...COLUMNS), fc.integer({ min: 1, max: 1_048_576 }))),
  merges: fc.array(
    fc.tuple(
      fc.constantFrom(...COLUMNS),
      fc.integer({ min: 1, max: 20 }),
      fc.constantFrom(...COLUMNS),
      fc.integer({ min: 1, max: 1_048_576 }),
    ),
    { maxLength: 2 },
  ),
});

async function workbookBytes(w: {
  rows: number;
  repeats: Array<[number, number]>;
  far: [string, number] | null;
  merges: Array<[string, number, string, number]>;
}) {
  const rows: unknown[][] = [['序号', '机构名称', '统一社会信用代码', '备案日期']];
  for (let i = 1; i <= w.rows; i++) rows.push([i, `武汉市东西湖区表格${i}号托育中心`, '', '2023-05-10']);
  return editedWorkbook(rows, (name, text) => {
    if (name !== 'xl/worksheets/sheet1.xml') return null;
    let xml = text;
    for (const [from, to] of w.repeats) {
      // Data rows only: a header numbered like a data row would put that row above the header.
      const a = (from % w.rows) + 2;
      const b = (to % w.rows) + 2;
      xml = xml.replace(`<row r="${a}"`, `<row r="${b}"`);
    }
    const far = w.far
      ? `<row r="${w.far[1]}"><c r="${w.far[0]}${w.far[1]}" t="inlineStr"><is><t>远</t></is></c></row>`
      : '';
    const merges = w.merges.map(
      ([c1, r1, c2, r2]) => `<mergeCell ref="${c1}${r1}:${c2}${Math.max(r1, r2)}"/>`,
    );
    xml = xml.replace(
      '</sheetData>',
      `${far}</sheetData>${merges.length ? `<mergeCells count="${merges.length}">${merges.join('')}</mergeCells>` : ''}`,
    );
    return { data: Buffer.from(xml) };
  });
}

/** Cells around the limit and far past it. */
const longCells = fc.array(
  fc.oneof(
    fc.integer({ min: MAX_CELL_CHARS - 2, max: MAX_CELL_CHARS + 2 }),
    fc.constant(1_000_000),
    fc.integer({ min: 0, max: 50 }),
  ),
  { minLength: 1, maxLength: 3 },
);

const PENALTY_HEADER =
  '行政相对人名称,统一社会信用代码,行政处罚决定书文号,处罚类别,罚款金额（万元）,处罚决定日期,公示截止期';

/** Every source kind with contradictions: region codes and ids of any shape, dates either way, fines that change. */
const contradictions = fc.record({
  region: fc.oneof(
    fc.constantFrom('420112', '420100', '330204', '999999', '000000'),
    fc.stringMatching(/^\d{6}$/),
  ),
  id: fc.oneof(
    fc.constantFrom('ok-id', 'a?b', 'c#d', 'x%2e', 'y%20z', 'Upper', 'do.ts'),
    fc.stringMatching(/^[a-z0-9?#%._ -]{1,8}$/),
  ),
  listed: fc.date({ min: new Date('2020-01-01'), max: new Date('2026-11-01'), noInvalidDate: true }),
  removed: fc.option(
    fc.date({ min: new Date('2020-01-01'), max: new Date('2026-11-01'), noInvalidDate: true }),
  ),
  fines: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 3 }),
  until: fc.array(fc.constantFrom('2027-01-01', '2029-01-01', ''), { minLength: 1, maxLength: 3 }),
});

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The pipeline and what the build makes of its data, with every check of the suite. */
async function expectSurvives(dir: string) {
  const r = await runPipeline(loadSources(dir), AS_OF);
  expectBalanced(r);
  expectClearProblems(r);
  expect(longestString(r.data)).toBeLessThanOrEqual(MAX_CELL_CHARS);
  const site = buildSiteIndex(r.data);
  for (const _ of searchRecords(site, 50));
  for (const id of DATASET_IDS)
    renderDownload(r.data, id, { siteRoot: 'https://example.org/', licence: 'CC BY 4.0' });
  return r;
}

describe('fresh defects of every class: no crash, every row accounted', () => {
  it('CSV with quotes anywhere: no row longer than the file has lines, every line accounted', async () => {
    await fc.assert(
      fc.asyncProperty(quotedCsv, async (csv) => {
        const dir = source('quotes', 'list', { 'source.yml': LIST_MANIFEST('名单.csv'), '名单.csv': csv });
        const r = await expectSurvives(dir);
        // No institution swallowed the lines after it.
        for (const i of r.data.institutions) expect(i.name.length).toBeLessThan(60);
        const lines = csv.trimEnd().split('\n').length - 1;
        expect(r.report.totals.rows).toBeGreaterThanOrEqual(Math.min(lines, 1));
        expect(r.report.totals.rows).toBeLessThanOrEqual(lines);
      }),
      runs(60),
    );
  });

  it('JSON arrays of anything: each element a row, published or rejected', async () => {
    await fc.assert(
      fc.asyncProperty(anyJson, async (json) => {
        const dir = source('json', 'list', { 'source.yml': LIST_MANIFEST('名单.json'), '名单.json': json });
        const r = await expectSurvives(dir);
        const n = (JSON.parse(json) as unknown[]).length;
        const read = r.report.problems.some((p) => p.code === 'too-deep') ? 0 : n;
        if (r.report.problems.some((p) => p.code === 'no-header' || p.code === 'empty-file')) return;
        expect(r.report.totals.rows).toBe(read);
      }),
      runs(60),
    );
  });

  it('workbooks with repeated row numbers, far cells and big merges: bounded, every row accounted', async () => {
    await fc.assert(
      fc.asyncProperty(oddWorkbook, async (w) => {
        const bytes = await workbookBytes(w);
        const dir = source('xlsx', 'list', { 'source.yml': LIST_MANIFEST('名单.xlsx'), '名单.xlsx': bytes });
        const started = performance.now();
        const r = await expectSurvives(dir);
        expectWithinBudget(performance.now() - started, 20_000);
        // Every data row of the sheet is read: none replaced by a repeat of its number.
        if (!r.report.problems.some((p) => p.severity === 'error' && p.row === null))
          expect(r.report.totals.rows).toBeGreaterThanOrEqual(w.rows);
      }),
      runs(25),
    );
  });

  it('cells around and past the length limit: rows past it rejected, the rest published', async () => {
    await fc.assert(
      fc.asyncProperty(longCells, async (lengths) => {
        const rows = lengths.map(
          (n, i) => `武汉市东西湖区长度${i + 1}号托育中心,${'长'.repeat(n)},2023-05-10`,
        );
        const dir = source('long', 'list', {
          'source.yml': LIST_MANIFEST('名单.csv'),
          '名单.csv': `机构名称,地址,备案日期\n${rows.join('\n')}\n`,
        });
        const r = await expectSurvives(dir);
        expect(r.report.totals.rejected).toBe(lengths.filter((n) => n > MAX_CELL_CHARS).length);
      }),
      runs(15),
    );
  });

  it('manifests, black lists and republished decisions of any shape', async () => {
    await fc.assert(
      fc.asyncProperty(contradictions, async (c) => {
        const dir = join(tmp, `contra-${counter++}`);
        const add = (id: string, files: Record<string, string>) => {
          mkdirSync(join(dir, 'sources', id), { recursive: true });
          for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, 'sources', id, n), t);
        };
        const uscc = code('91420112MA4K00290');
        add(c.id, {
          'source.yml': LIST_MANIFEST('名单.csv', { region: c.region }),
          '名单.csv': `机构名称,统一社会信用代码,备案日期\n武汉市东西湖区矛盾托育中心,${uscc},2023-05-10\n`,
        });
        add('heimingdan', {
          'source.yml': LIST_MANIFEST('黑名单.csv', { kind: 'list-actions', list: '黑名单' }),
          '黑名单.csv': `机构名称,统一社会信用代码,列入日期,移出日期\n武汉市东西湖区矛盾托育中心,${uscc},${day(c.listed)},${c.removed ? day(c.removed) : ''}\n`,
        });
        c.fines.forEach((fine, i) => {
          add(`xzcf-${i}`, {
            'source.yml': LIST_MANIFEST('处罚.csv', {
              kind: 'penalties',
              published: `2026-0${i + 1}-15`,
            }).replace('list: "备案"\n', ''),
            '处罚.csv': `${PENALTY_HEADER}\n武汉市东西湖区矛盾托育中心,,东卫罚〔2026〕1号,罚款,${fine},2026-01-10,${c.until[i % c.until.length]}\n`,
          });
        });
        const r = await expectSurvives(dir);
        const inst = r.data.institutions.find((i) => i.uscc === uscc);
        // A removal never precedes its entry: with one on the row, the institution is off the black list.
        if (inst && c.removed) expect(inst.status).not.toBe('blacklisted');
        const visible = r.data.penalties.filter((p) => p.documentNumber === '东卫罚〔2026〕1号');
        expect(visible.length).toBeLessThanOrEqual(1);
      }),
      runs(40),
    );
  });
});
