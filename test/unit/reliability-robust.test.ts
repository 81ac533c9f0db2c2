/**
 * One small file must never take the build down, and no row may go missing: each defect class of issue 13 with its
 * fixture (test/fixtures/bad/<defect>/, written by test/fixtures/bad/generate.ts) or an input made here at run time
 * (zip bombs, a 10-million-character cell, deep JSON, symbolic links, FIFOs, folder names with ? and #). For each:
 * the Chinese finding, the exit code, the companion source still built and every row accounted for.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateRawSync, constants as zlibConstants } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../src/lib/domain/schemas.ts';
import { MAX_CELL_CHARS, MAX_INFLATED_BYTES, UnreadableFileError } from '../../src/lib/ingest/limits.ts';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { readCsv } from '../../src/lib/ingest/read-csv.ts';
import { readXlsx } from '../../src/lib/ingest/read-xlsx.ts';
import { type PipelineResult, runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { renderDownload } from '../../src/lib/site/downloads/render.ts';
import { COMPANION_CSV, COMPANION_ID, COMPANION_MANIFEST } from '../fixtures/bad/generate.ts';
import { editedWorkbook, farCellMerge, type ZipInput } from '../fixtures/write-zip.ts';
import { expectWithinBudget } from '../helpers/time-budget.ts';
import { ENGLISH_SENTENCE, expectBalanced, expectClearProblems, longestString } from './pipeline-checks.ts';

const AS_OF = '2026-11-24';
const EXPORT = { siteRoot: 'https://example.org/', licence: 'CC BY 4.0' };
const BAD = resolve('test/fixtures/bad');

function expectCompanionBuilt(r: PipelineResult) {
  expect(r.report.sources.find((x) => x.id === COMPANION_ID)).toMatchObject({ rows: 2, published: 2 });
  const codes = r.data.institutions.map((i) => i.uscc);
  expect(codes).toContain('91420112MA4K000106');
  expect(codes).toContain('91420112MA4K000207');
}

async function run(dataDir: string): Promise<PipelineResult> {
  const r = await runPipeline(loadSources(dataDir), AS_OF);
  expectBalanced(r);
  expectCompanionBuilt(r);
  expectClearProblems(r);
  // No value anywhere is longer than a cell may be.
  expect(longestString(r.data)).toBeLessThanOrEqual(MAX_CELL_CHARS);
  return r;
}

type Want = Partial<Problem> & { code: string };

function expectProblem(r: PipelineResult, want: Want): Problem {
  const hit = r.report.problems.find((p) =>
    Object.entries(want).every(([k, v]) => p[k as keyof Problem] === v),
  );
  expect(hit, `${JSON.stringify(want)} in ${JSON.stringify(r.report.problems, null, 1)}`).toBeDefined();
  return hit as Problem;
}

const source = (r: PipelineResult, id: string) => r.report.sources.find((s) => s.id === id);

const tmp = mkdtempSync(join(tmpdir(), 'robust-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A data directory with the companion and the given sources (id → files, source.yml included). */
function dataDir(name: string, sources: Record<string, Record<string, string | Uint8Array>>): string {
  const dir = join(tmp, name);
  const companion = join(dir, 'sources', COMPANION_ID);
  mkdirSync(companion, { recursive: true });
  writeFileSync(join(companion, 'source.yml'), COMPANION_MANIFEST);
  writeFileSync(join(companion, '对照名单.csv'), COMPANION_CSV);
  for (const [id, files] of Object.entries(sources)) {
    mkdirSync(join(dir, 'sources', id), { recursive: true });
    for (const [file, bytes] of Object.entries(files)) writeFileSync(join(dir, 'sources', id, file), bytes);
  }
  return dir;
}

const manifest = (file: string, extra = '') => `kind: institutions
sector: childcare
list: 备案
publisher: 武汉市东西湖区卫生健康局
title: 东西湖区托育机构备案名单
published: 2024-05-01
region: "420112"
files: [${file}]
${extra}`;

const SHEET = [
  ['序号', '机构名称', '统一社会信用代码', '备案日期'],
  [1, '武汉市东西湖区表格一号托育中心', '', '2023-05-10'],
];

/** 16 MiB of spaces deflated, as a sync-flushed block that can be repeated (about 16 KiB). */
const SPACES = deflateRawSync(Buffer.alloc(16 * 2 ** 20, 0x20), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
const bombOf = (blocks: number) =>
  Buffer.concat([...Array.from({ length: blocks }, () => SPACES), deflateRawSync(Buffer.alloc(0))]);

describe('crashes: one small file never takes the build down', () => {
  it('xlsx-far-cell-merge: a cell at XFD1048576 and a merge A2:XFD1048576 are read in moments', async () => {
    const started = performance.now();
    const r = await run(join(BAD, 'xlsx-far-cell-merge'));
    expectWithinBudget(performance.now() - started, 10_000);
    // The merge fills the rows there are (2–5 and the far one), no others.
    expect(source(r, 'xlsx-far-cell-merge')).toMatchObject({ rows: 5 });
    const rows = r.report.problems.filter((p) => p.source === 'xlsx-far-cell-merge' && p.row !== null);
    expect(new Set(rows.map((p) => p.row))).toEqual(new Set([1, 2, 3, 4, 5, 1_048_576]));
  });

  it('the same workbook through the exceljs fallback (relationships that point nowhere) is refused, not filled', async () => {
    const bytes = await editedWorkbook(SHEET, farCellMerge(true));
    const started = performance.now();
    const error = await readXlsx('x.xlsx', bytes).catch((e: unknown) => e);
    expectWithinBudget(performance.now() - started, 10_000);
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect(error).toMatchObject({ code: 'too-many-cells' });
    expect((error as Error).message).toMatch(/^工作簿展开后超过/);
  });

  it('zip bomb over the whole file: 40 sheets under the limit each, over it together, sizes lying', async () => {
    // 40 sheets of 16 MiB each claim 1 KB; together 640 MiB, past the 512 MiB limit.
    const bomb = bombOf(1);
    const bytes = await editedWorkbook(SHEET, (name, text): ZipInput[] | null => {
      if (name === 'xl/workbook.xml') {
        const sheets = Array.from(
          { length: 40 },
          (_, i) => `<sheet name="表${i + 1}" sheetId="${i + 1}" r:id="rIdS${i + 1}"/>`,
        ).join('');
        return [
          {
            name,
            data: Buffer.from(text.replace(/<sheets>[\s\S]*<\/sheets>/, `<sheets>${sheets}</sheets>`)),
          },
        ];
      }
      if (name === 'xl/_rels/workbook.xml.rels') {
        const rels = Array.from(
          { length: 40 },
          (_, i) =>
            `<Relationship Id="rIdS${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/s${i + 1}.xml"/>`,
        ).join('');
        return [{ name, data: Buffer.from(text.replace('</Relationships>', `${rels}</Relationships>`)) }];
      }
      if (name === 'xl/worksheets/sheet1.xml') {
        return Array.from({ length: 40 }, (_, i) => ({
          name: `xl/worksheets/s${i + 1}.xml`,
          data: Buffer.alloc(0),
          deflated: bomb,
          declaredSize: 1000,
        }));
      }
      return null;
    });
    expect(bytes.length).toBeLessThan(2 * 2 ** 20);
    const started = performance.now();
    const error = await readXlsx('x.xlsx', bytes).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'file-too-large' });
    expect((error as Error).message).toContain(`${MAX_INFLATED_BYTES / 2 ** 20} MB（各部分合计`);
    // Load on a shared machine varies; inflating the limit once takes a few seconds.
    expectWithinBudget(performance.now() - started, 60_000);
  });

  it('zip bomb on the exceljs fallback: counted while streaming before exceljs sees it', async () => {
    // Relationships that point nowhere send the workbook to exceljs, which inflates every entry without a limit.
    const bomb = bombOf(20);
    const bytes = await editedWorkbook(SHEET, (name, text): Partial<ZipInput> | ZipInput[] | null => {
      if (name === 'xl/_rels/workbook.xml.rels')
        return {
          data: Buffer.from(text.replace(/Target="worksheets\/sheet1\.xml"/, 'Target="nowhere.xml"')),
        };
      if (name === 'xl/media/a.bin') return null;
      if (name === '[Content_Types].xml')
        return [
          { name, data: Buffer.from(text) },
          ...[1, 2].map((i) => ({
            name: `xl/media/bomb${i}.bin`,
            data: Buffer.alloc(0),
            deflated: bomb,
            declaredSize: 10,
          })),
        ];
      return null;
    });
    const before = process.memoryUsage().arrayBuffers;
    const error = await readXlsx('x.xlsx', bytes).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'file-too-large' });
    // Counted, not kept: memory does not grow by anything near the 512 MiB counted.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(128 * 2 ** 20);
  });

  it('a 10-million-character cell: cut at read time, its row rejected in Chinese, nothing downstream sees it', async () => {
    const long = '很'.repeat(10_000_000);
    const dir = dataDir('cell-10-million', {
      'cell-10-million': {
        'source.yml': manifest('名单.csv'),
        '名单.csv': `序号,机构名称,统一社会信用代码,地址,备案日期\n1,武汉市东西湖区超长一号托育中心,,${long},2023-05-10\n2,武汉市东西湖区超长二号托育中心,,金银湖路2号,2023-05-10\n`,
      },
    });
    const r = await run(dir);
    expect(r.exitCode).toBe(1);
    expect(source(r, 'cell-10-million')).toMatchObject({ rows: 2, published: 1, rejected: 1 });
    const p = expectProblem(r, {
      source: 'cell-10-million',
      file: '名单.csv',
      row: 2,
      column: '地址',
      field: 'address',
      code: 'cell-too-long',
      severity: 'error',
    });
    expect(p.message).toBe(
      '“地址”列的内容长 10,000,000 个字符，超过单元格上限 100,000 字符（可能是引号不配对或文件损坏），该行未采用',
    );
    // The downloads and the search records are built from what is left.
    for (const id of ['institutions', 'penalties'] as const)
      expect(() => renderDownload(r.data, id, EXPORT)).not.toThrow();
  });

  it('exactly 100,000 characters is still a cell; one more is not', async () => {
    const at = (n: number) =>
      readCsv('x.csv', new TextEncoder().encode(`机构名称,地址\n甲,${'长'.repeat(n)}\n`)).rows[1]?.cells[1];
    expect(at(MAX_CELL_CHARS)).toHaveLength(MAX_CELL_CHARS);
    const dir = dataDir('cell-limit', {
      'cell-limit': {
        'source.yml': manifest('名单.csv'),
        '名单.csv': `机构名称,地址\n武汉市东西湖区边界一号托育中心,${'长'.repeat(MAX_CELL_CHARS)}\n武汉市东西湖区边界二号托育中心,${'长'.repeat(MAX_CELL_CHARS + 1)}\n`,
      },
    });
    const r = await run(dir);
    expect(source(r, 'cell-limit')).toMatchObject({ rows: 2, published: 1, rejected: 1 });
    expectProblem(r, { source: 'cell-limit', row: 3, code: 'cell-too-long' });
  });

  it('a JSON record nested 100,000 deep: refused with a Chinese message, no stack overflow', async () => {
    const deep = `[{"机构名称":"武汉市东西湖区深层托育中心","备注":${'['.repeat(100_000)}${']'.repeat(100_000)}}]`;
    const dir = dataDir('json-nested-100000', {
      'json-nested-100000': { 'source.yml': manifest('名单.json'), '名单.json': deep },
    });
    const r = await run(dir);
    expect(r.exitCode).toBe(2);
    const p = expectProblem(r, { source: 'json-nested-100000', file: '名单.json', code: 'too-deep' });
    expect(p.message).toBe('JSON 在第 1 行嵌套超过 64 层（记录应为一层“键: 值”），文件可能已损坏，未读取');
  });

  it('a JSON syntax error is named in Chinese, without the parser’s English', async () => {
    const dir = dataDir('json-broken', {
      'json-broken': { 'source.yml': manifest('名单.json'), '名单.json': '[{"机构名称": "甲",\n "x": }]' },
    });
    const p = expectProblem(await run(dir), { source: 'json-broken', code: 'corrupt-file' });
    expect(p.message).toBe('JSON 无法解析：语法有误（出现了不该有的符号“}”）');
  });

  it('manifest-region-not-in-gbt2260: 330204, 999999 and 000000 are manifest errors; the rest builds', async () => {
    const r = await run(join(BAD, 'manifest-region-not-in-gbt2260'));
    expect(r.exitCode).toBe(2);
    for (const region of ['330204', '999999', '000000']) {
      const p = expectProblem(r, {
        source: `region-${region}`,
        file: 'source.yml',
        column: 'region',
        code: 'bad-manifest',
        severity: 'error',
      });
      expect(p.message).toBe(
        `字段 region 的值“${region}”不是现行 GB/T 2260 行政区划代码（可能已撤销或写错），请填发布机关所在地区的六位代码`,
      );
      expect(r.data.sources.map((s) => s.id)).not.toContain(`region-${region}`);
    }
  });

  it('source folder names outside lower case, digits and hyphens are manifest errors; the rest builds', async () => {
    const names = [
      'a?b',
      'c#d',
      'x%2e',
      'y%20z',
      'Upper-Case',
      'dots.in.name',
      'under_score',
      '-lead',
      'double--hyphen',
    ];
    const sources = Object.fromEntries(
      names.map((n) => [
        n,
        {
          'source.yml': manifest('名单.csv'),
          '名单.csv': '机构名称,备案日期\n武汉市东西湖区目录名托育中心,2023-05-10\n',
        },
      ]),
    );
    const r = await run(dataDir('bad-source-ids', { ...sources, 'good-id-2': sources['a?b'] as never }));
    expect(r.exitCode).toBe(2);
    for (const id of names) {
      const p = expectProblem(r, { source: id, file: 'source.yml', code: 'bad-manifest', severity: 'error' });
      expect(p.message).toContain(`来源目录名“${id}”不合规定：只能由小写字母、数字和连字符组成`);
    }
    expect(r.data.sources.map((s) => s.id).sort()).toEqual([COMPANION_ID, 'good-id-2']);
  });

  it('symbolic links, FIFOs and devices: only regular files inside DATA_DIR are read, nothing hangs', async () => {
    const outside = join(tmp, 'outside');
    mkdirSync(join(outside, 'folder'), { recursive: true });
    writeFileSync(join(outside, '秘密.csv'), '机构名称,备案日期\n数据目录以外的机构,2023-05-10\n');
    writeFileSync(join(outside, 'folder', 'source.yml'), manifest('名单.csv'));
    writeFileSync(join(outside, 'folder', '名单.csv'), '机构名称,备案日期\n数据目录以外的机构,2023-05-10\n');
    const files = ['链出.csv', '零设备.csv', '管道.csv', '断链.csv', '目录.csv', '链入.csv', '本身.csv'];
    const dir = dataDir('symlinks', {
      links: {
        'source.yml': manifest(files.join(', ')),
        '本身.csv': '机构名称,备案日期\n武汉市东西湖区本身托育中心,2023-05-10\n',
      },
    });
    const own = join(dir, 'sources', 'links');
    symlinkSync(join(outside, '秘密.csv'), join(own, '链出.csv'));
    symlinkSync('/dev/zero', join(own, '零设备.csv'));
    execFileSync('mkfifo', [join(own, '管道.csv')]);
    symlinkSync(join(own, '不存在.csv'), join(own, '断链.csv'));
    mkdirSync(join(own, '目录.csv'));
    symlinkSync(join(own, '本身.csv'), join(own, '链入.csv'));
    symlinkSync(join(outside, 'folder'), join(dir, 'sources', 'linked-folder'));
    symlinkSync(join(tmp, 'nowhere'), join(dir, 'sources', 'dangling-folder'));

    const started = performance.now();
    const r = await run(dir);
    expectWithinBudget(performance.now() - started, 10_000);
    expect(r.exitCode).toBe(2);
    const at = (file: string) =>
      expectProblem(r, { source: 'links', file, code: 'not-regular-file', row: null });
    expect(at('链出.csv').message).toBe('文件是指向数据目录以外的符号链接，未读取；请把文件本身放进来源目录');
    expect(at('零设备.csv').message).toBe(
      '文件是指向数据目录以外的符号链接，未读取；请把文件本身放进来源目录',
    );
    expect(at('管道.csv').message).toBe('文件不是普通文件，而是命名管道（FIFO），未读取');
    expect(at('断链.csv').message).toBe('文件是一个符号链接，但它指向的文件不存在（断开的链接），未读取');
    expect(at('目录.csv').message).toBe('文件实际是一个目录，未读取');
    expect(expectProblem(r, { source: 'linked-folder', code: 'not-regular-file' }).message).toBe(
      '来源目录是指向数据目录以外的符号链接，未读取；请把文件本身放进来源目录',
    );
    expectProblem(r, { source: 'dangling-folder', code: 'not-regular-file' });
    // A link to a file inside DATA_DIR is that file.
    expect(source(r, 'links')).toMatchObject({ rows: 2, published: 2 });
    expect(JSON.stringify(r.data)).not.toContain('数据目录以外的机构');
  });
});

describe('silent loss: every row accounted', () => {
  it('csv-stray-quote: one stray quote no longer swallows the 31 rows after it', async () => {
    const r = await run(join(BAD, 'csv-stray-quote'));
    expect(source(r, 'csv-stray-quote')).toMatchObject({ rows: 32, published: 32, rejected: 0 });
    const p = expectProblem(r, {
      source: 'csv-stray-quote',
      file: '名单.csv',
      code: 'csv-quote',
      severity: 'warning',
    });
    expect(p.message).toMatch(/^第 2 行的引号不配对/);
    const names = r.data.institutions.map((i) => i.name);
    expect(names).toContain('"阳光"宝贝托育中心');
    expect(names).toContain('武汉市东西湖区引号32号托育中心');
    expect(Math.max(...names.map((n) => n.length))).toBeLessThan(40);
  });

  it('csv-unterminated-quote: 49 rows give 48 institutions and one rejected row, named by its line', async () => {
    const r = await run(join(BAD, 'csv-unterminated-quote'));
    expect(source(r, 'csv-unterminated-quote')).toMatchObject({ rows: 49, published: 48, rejected: 1 });
    expect(
      expectProblem(r, { source: 'csv-unterminated-quote', row: null, code: 'csv-quote' }).message,
    ).toMatch(/^第 20、30 行的引号不配对/);
    expect(
      expectProblem(r, { source: 'csv-unterminated-quote', row: 30, code: 'csv-quote', severity: 'error' })
        .message,
    ).toBe('第 30 行引号不配对，按分隔符拆开有 5 列，而表格是 4 列，无法确定各列的内容，该行未采用');
    // The rejected row's extra cell is no column of the table.
    expect(r.report.problems.filter((p) => p.code === 'unknown-column')).toEqual([]);
  });

  it('a quote that closes without any papaparse error still cannot swallow rows', () => {
    const lines = ['机构名称,地址,备案日期', '甲,"金银湖路1号,2023-05-10'];
    for (let i = 2; i < 10; i++) lines.push(`机构${i},路${i}号,2023-05-10`);
    lines.push('乙,路10号",2023-05-10');
    const t = readCsv('x.csv', new TextEncoder().encode(`${lines.join('\n')}\n`));
    expect(t.rows).toHaveLength(lines.length);
    expect(t.notes.map((n) => n.code)).toEqual(['csv-quote']);
  });

  it('papaparse messages never surface in English', () => {
    const t = readCsv('x.csv', new TextEncoder().encode('a,b\n1,"2\n'));
    for (const n of t.notes) expect(n.message).not.toMatch(ENGLISH_SENTENCE);
  });

  it('xlsx-duplicate-row-numbers: both rows numbered 2 are read, the repeat after the last row, and reported', async () => {
    const r = await run(join(BAD, 'xlsx-duplicate-row-numbers'));
    expect(source(r, 'xlsx-duplicate-row-numbers')).toMatchObject({ rows: 4, published: 4 });
    const p = expectProblem(r, { source: 'xlsx-duplicate-row-numbers', code: 'duplicate-row-number' });
    expect(p.message).toBe(
      '工作表中有行号重复出现（同一行号写了两次），两行都已读取：第 2 行的重复按第 6 行读取，请核对原表',
    );
    for (const i of [1, 2, 3, 4])
      expect(r.data.institutions.map((x) => x.name)).toContain(`武汉市东西湖区表格${i}号托育中心`);
  });

  it('json-non-object-elements: 1, "x", null and [1,2] are rejected rows with their index', async () => {
    const r = await run(join(BAD, 'json-non-object-elements'));
    expect(source(r, 'json-non-object-elements')).toMatchObject({ rows: 6, published: 2, rejected: 4 });
    const found = r.report.problems.filter((p) => p.code === 'invalid-record');
    expect(found.map((p) => [p.row, p.message])).toEqual([
      [1, '第 1 个元素是数字 1，不是一条记录（应为“键: 值”的对象），该行未采用'],
      [2, '第 2 个元素是文本“x”，不是一条记录（应为“键: 值”的对象），该行未采用'],
      [3, '第 3 个元素是空值 null，不是一条记录（应为“键: 值”的对象），该行未采用'],
      [4, '第 4 个元素是数组（2 项），不是一条记录（应为“键: 值”的对象），该行未采用'],
    ]);
  });

  it('invisible-characters-name: nine spellings with invisible characters are one institution', async () => {
    const r = await run(join(BAD, 'invisible-characters-name'));
    const mine = r.data.institutions.filter((i) =>
      i.provenance.some((p) => p.source === 'invisible-characters-name'),
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]?.provenance).toHaveLength(9);
    expect(mine[0]?.nameKey).toBe('武汉市东西湖区隐形托育中心');
  });

  it('blacklist-removed-before-listed: a warning, and the institution is not on the black list', async () => {
    const r = await run(join(BAD, 'blacklist-removed-before-listed'));
    const p = expectProblem(r, {
      source: 'blacklist-removed-before-listed',
      row: 2,
      column: '移出日期',
      code: 'removed-before-listed',
      severity: 'warning',
    });
    expect(p.message).toBe(
      '移出日期 2024-03-01 早于列入日期 2025-03-01，按同日先列入、后移出处理（不在黑名单上）；请核对日期',
    );
    const byName = new Map(r.data.institutions.map((i) => [i.name, i.status]));
    expect(byName.get('武汉市东西湖区日期颠倒托育中心')).not.toBe('blacklisted');
    expect(byName.get('武汉市东西湖区日期正常托育中心')).toBe('blacklisted');
  });

  it('beian-same-day-zhuxiao: 注销 after 列入 on the same day, whatever the folders are called', async () => {
    const statuses: string[] = [];
    for (const [list, removal] of [
      ['dxh-beian-b3', 'dxh-zhuxiao'],
      ['z-beian', 'a-zhuxiao'],
      ['a-beian', 'z-zhuxiao'],
    ] as const) {
      const dir = join(tmp, `same-day-${list}`);
      const from = join(BAD, 'beian-same-day-zhuxiao', 'sources');
      cpSync(join(from, COMPANION_ID), join(dir, 'sources', COMPANION_ID), { recursive: true });
      cpSync(join(from, 'dxh-beian-b3'), join(dir, 'sources', list), { recursive: true });
      cpSync(join(from, 'dxh-zhuxiao'), join(dir, 'sources', removal), { recursive: true });
      const r = await run(dir);
      const inst = r.data.institutions.find((i) => i.name === '武汉市东西湖区同日托育中心');
      statuses.push(inst?.status ?? 'missing');
      const p = expectProblem(r, { source: removal, code: 'same-day-removal', severity: 'warning' });
      expect(p.message).toBe(
        '2024-06-01 同一天既有备案列入又有注销，按先列入、后注销处理（机构为已注销）；请核对日期',
      );
    }
    expect(statuses).toEqual(['removed', 'removed', 'removed']);
  });

  it('penalty-republished-corrected: the later notice corrects the fine, categories and publicity end', async () => {
    const r = await run(join(BAD, 'penalty-republished-corrected'));
    const p = expectProblem(r, {
      source: 'wuhan-xzcf',
      row: 2,
      code: 'penalty-corrected',
      severity: 'warning',
    });
    expect(p.message).toContain('此前已在 dxh-xzcf · 行政处罚.csv:2 公布');
    const penalty = r.data.penalties.find((x) => x.documentNumber === '东卫罚〔2026〕131号');
    expect(penalty).toMatchObject({
      fineYuan: 20_000,
      publicUntil: '2027-09-19',
      categories: ['罚款', '没收违法所得'],
      provenance: { source: 'dxh-xzcf', row: 2 },
    });
    expect(penalty?.correction).toBe(
      '更正：罚款金额由“10,000 元”改为“20,000 元”，处罚类别由“罚款”改为“罚款、没收违法所得”，公示截止期由“2029-09-19”改为“2027-09-19”（2026-11-01 公布）',
    );
    expect(source(r, 'wuhan-xzcf')).toMatchObject({ rows: 1, merged: 1 });
    const download = renderDownload(r.data, 'penalties', EXPORT);
    expect(download.csv).toContain('更正：罚款金额由');
    expect(download.json).toContain('更正：罚款金额由');
  });

  it('blacklist-ambiguous-name: an uncoded black-list entry matching two institutions black-lists neither', async () => {
    const r = await run(join(BAD, 'blacklist-ambiguous-name'));
    const p = expectProblem(r, {
      source: 'dxh-blacklist',
      row: 2,
      code: 'ambiguous-match',
      severity: 'warning',
    });
    expect(p.message).toMatch(/名单记录“小海豚托育中心”.*匹配到 2 家机构.*未关联其中任何一家/);
    const named = r.data.institutions.filter((i) => i.name === '小海豚托育中心');
    const coded = named.filter((i) => i.uscc !== null);
    expect(coded).toHaveLength(2);
    expect(coded.map((i) => i.status)).toEqual(['listed', 'listed']);
    // The entry stands on its own, black-listed, and names both institutions it could mean.
    const entry = named.find((i) => i.uscc === null);
    expect(entry?.status).toBe('blacklisted');
    expect(entry?.sameNameAs).toEqual(coded.map((i) => i.id).sort());
  });

  it('penalty-ambiguous-name: an uncoded name matching two institutions links none and makes none', async () => {
    const r = await run(join(BAD, 'penalty-ambiguous-name'));
    for (const [src, doc] of [
      ['wuhan-xzcf', '武卫罚〔2026〕141号'],
      ['dxh-xzcf', '东卫罚〔2026〕142号'],
    ] as const) {
      const p = expectProblem(r, { source: src, row: 2, code: 'ambiguous-match', severity: 'warning' });
      expect(p.message).toMatch(/匹配到 2 家机构.*无法确定是哪一家，未关联任何机构/);
      expect(r.data.penalties.find((x) => x.documentNumber === doc)?.institutionId).toBeNull();
    }
    // Two lists of two and one institutions, the companion's two: no third 阳光宝贝 or 小海豚 made for a penalty.
    expect(r.data.institutions).toHaveLength(6);
    expect(r.data.institutions.every((i) => i.status === 'listed')).toBe(true);
  });
});
