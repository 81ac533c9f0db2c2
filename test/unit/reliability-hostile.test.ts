/**
 * Hostile input through the pipeline (test/fixtures/hostile): markup, script, formulas and JSON-LD breakers are
 * kept as the text they are — escaping is the renderer's job, and test/e2e/hostile.test.ts checks the built site —
 * while control characters and bidi overrides are removed, and manifests with `javascript:` or `data:` URLs are
 * refused. Every hostile row is still accounted for.
 */
import { resolve } from 'node:path';
import { deflateRawSync, constants as zlibConstants } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkManifest } from '../../src/lib/ingest/check-manifest.ts';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { UnreadableFileError } from '../../src/lib/ingest/read-json.ts';
import { readXlsx } from '../../src/lib/ingest/read-xlsx.ts';
import { type PipelineResult, runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { BIDI, FORMULAS, LONG, MARKUP } from '../fixtures/hostile/generate.ts';
import { editedWorkbook, type ZipInput } from '../fixtures/write-zip.ts';
import { expectWithinBudget } from '../helpers/time-budget.ts';

const AS_OF = '2026-11-24';
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is checked for
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
let r: PipelineResult;

beforeAll(async () => {
  r = await runPipeline(loadSources(resolve('test/fixtures/hostile')), AS_OF);
});

const institution = (nameIncludes: string) => r.data.institutions.find((i) => i.name.includes(nameIncludes));

describe('hostile input through the pipeline', () => {
  it('refuses the manifests with javascript: and data: URLs, and builds everything else', () => {
    expect(r.exitCode).toBe(2);
    for (const id of ['bad-url-javascript', 'bad-url-data']) {
      const p = r.report.problems.filter((x) => x.source === id);
      expect(p).toHaveLength(1);
      expect(p[0]).toMatchObject({
        file: 'source.yml',
        column: 'url',
        code: 'bad-manifest',
        severity: 'error',
      });
      expect(p[0]?.message).toMatch(/只接受 http\(s\) 地址/);
      expect(r.data.sources.map((s) => s.id)).not.toContain(id);
    }
    const json = JSON.stringify(r.data);
    expect(json).not.toMatch(/javascript:alert\(document|data:text\/html/);
    const t = r.report.totals;
    expect(t).toMatchObject({ rows: 13, published: 13, rejected: 0 });
    expect(t.published + t.merged + t.hidden + t.rejected).toBe(t.rows);
  });

  it('keeps markup, script and JSON-LD breakers as text, unchanged', () => {
    expect(institution('恶意一号')?.name).toBe(`${MARKUP.script('name')}武汉市东西湖区恶意一号托育中心`);
    expect(institution('恶意一号')?.address).toBe(`${MARKUP.img('address')}金银湖路1号`);
    expect(institution('恶意二号')?.name).toBe('武汉市东西湖区</script><!--恶意二号托育中心');
    expect(institution('表格六号')?.provenance[0]?.file).toBe('普惠名单.xlsx[<img src=x onerror=alert(9)>]');
    const p = r.data.penalties.find((x) => x.documentNumber.startsWith('东卫罚〔2026〕<i>9</i>号'));
    expect(p?.facts).toContain(MARKUP.breakout('facts'));
    expect(p?.authority).toBe(MARKUP.svg('authority'));
    const list = r.data.sources.find((s) => s.id === 'hostile-list');
    expect(list?.title).toBe(`东西湖区托育机构备案名单${MARKUP.script('title')}`);
  });

  it('keeps formula cells as text (the CSV writer neutralises them)', () => {
    expect(institution('恶意一号')?.fees).toBe(FORMULAS[0]);
    expect(institution('恶意二号')?.address).toBe(FORMULAS[1]);
    expect(institution('表格七号')?.fees).toBe('=1+1');
  });

  it('removes bidi overrides, isolates and control characters from every value', () => {
    const json = JSON.stringify(r.data);
    expect(json).not.toMatch(INVISIBLE);
    expect(json).not.toContain(BIDI);
    expect(institution('恶意三号')?.name).toBe('武汉市东西湖区gnp.exe恶意三号托育中心');
  });

  it('keeps a 100,000-character value whole', () => {
    expect(institution('超长地址')?.address).toBe(LONG);
    expect(r.data.penalties.find((x) => x.documentNumber === '东卫罚〔2026〕10号')?.facts).toBe(LONG);
  });

  it('stores a manifest url in canonical form: markup and invisible characters percent-encoded', () => {
    const url = r.data.sources.find((s) => s.id === 'hostile-list')?.url ?? '';
    expect(url).toBe('https://www.dxh.gov.cn/notice?a=1&b=%22%3E%3Cscript%3Ealert(%22url%22)%3C/script%3E');
    expect(url).not.toMatch(/[<>"'\s]/);
  });
});

describe('manifest url schemes', () => {
  const manifest = (url: string) =>
    `kind: institutions\nsector: childcare\nlist: 备案\npublisher: 局\ntitle: 名单\npublished: 2024-01-01\nregion: "420112"\nfiles: [a.csv]\nurl: ${JSON.stringify(url)}\n`;

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://files.example/a.xlsx',
    '//evil.example/x',
    'https:evil.example',
  ])('refuses %j', (url) => {
    const m = checkManifest('s', manifest(url));
    expect(m.manifest).toBeNull();
    expect(m.problems.map((p) => [p.column, p.code])).toEqual([['url', 'bad-manifest']]);
  });

  it.each([
    ['https://www.dxh.gov.cn/a.html', 'https://www.dxh.gov.cn/a.html'],
    ['HTTP://WWW.DXH.GOV.CN/A.html', 'http://www.dxh.gov.cn/A.html'],
    ['https://a.example/\u202egnp.exe', 'https://a.example/%E2%80%AEgnp.exe'],
    ['https://a.example/附件1.xlsx', 'https://a.example/%E9%99%84%E4%BB%B61.xlsx'],
  ])('accepts %j as %j', (url, stored) => {
    expect(checkManifest('s', manifest(url)).manifest?.url).toBe(stored);
  });
});

describe('hostile workbooks: bounded time and memory', () => {
  /** A small real workbook whose one sheet `sheet` edits. */
  function workbookWith(sheet: (xml: string) => Partial<ZipInput>): Promise<Uint8Array> {
    return editedWorkbook(
      [
        ['序号', '机构名称', '统一社会信用代码'],
        [1, '武汉市东西湖区表格托育中心', '91420112MA4K000106'],
      ],
      (name, text) => (name === 'xl/worksheets/sheet1.xml' ? sheet(text) : null),
    );
  }

  async function expectRefused(bytes: Uint8Array, code: string) {
    const started = performance.now();
    const error = await readXlsx('x.xlsx', bytes).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect((error as UnreadableFileError).code).toBe(code);
    expect((error as Error).message).toMatch(/\p{Script=Han}/u);
    expectWithinBudget(performance.now() - started, 10_000);
  }

  it('a sheet whose directory entry claims 3 GB is refused before anything is inflated', async () => {
    await expectRefused(await workbookWith(() => ({ declaredSize: 3 * 2 ** 30 })), 'file-too-large');
  });

  it('a zip bomb that lies about its size (600 MB of spaces in 600 KB) is refused at the limit', async () => {
    // Raw deflate streams ended by a sync flush can be concatenated: one 16 MiB block, 38 times, then an end.
    const block = deflateRawSync(Buffer.alloc(16 * 2 ** 20, 0x20), {
      finishFlush: zlibConstants.Z_SYNC_FLUSH,
    });
    const bomb = Buffer.concat([...Array.from({ length: 38 }, () => block), deflateRawSync(Buffer.alloc(0))]);
    expect(bomb.length).toBeLessThan(2 ** 20);
    const bytes = await workbookWith(() => ({ deflated: bomb }));
    await expectRefused(bytes, 'file-too-large');
    // Through the pipeline: a clear error for that file, exit 2.
    const r = await runPipeline(
      [
        {
          id: 'zip-bomb',
          manifestText: `kind: institutions\nsector: childcare\nlist: 备案\npublisher: 局\ntitle: 名单\npublished: 2024-01-01\nregion: "420112"\nfiles: [名单.xlsx]\n`,
          files: [{ name: '名单.xlsx', bytes }],
          unlisted: [],
        },
      ],
      AS_OF,
    );
    expect(r.exitCode).toBe(2);
    expect(r.report.problems).toMatchObject([
      { file: '名单.xlsx', code: 'file-too-large', severity: 'error' },
    ]);
  });

  it('a merged range over the whole sheet (A1:XFD1048576) is read in moments, within the rows there are', async () => {
    const bytes = await workbookWith((xml) => ({
      data: Buffer.from(
        xml.replace(
          '</sheetData>',
          '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
        ),
      ),
    }));
    const started = performance.now();
    const tables = await readXlsx('x.xlsx', bytes);
    expectWithinBudget(performance.now() - started, 2_000);
    expect(tables[0]?.rows.map((r) => r.n)).toEqual([1, 2]);
  });

  it('a cell beyond Excel’s last column is refused instead of filling billions of cells', async () => {
    const bytes = await workbookWith((xml) => ({
      data: Buffer.from(xml.replace('</row>', '<c r="ZZZZZZZZ1" t="inlineStr"><is><t>x</t></is></c></row>')),
    }));
    await expectRefused(bytes, 'corrupt-file');
  });
});
