/**
 * The /validate/ page runs the pipeline of `npm run validate` in the browser. For every bad-input and hostile
 * fixture source the form can express, the page lists the same problems (code, file, row, column, message) as the
 * pipeline run in Node on the same files and manifest; the check makes no network request; hostile cell text shows
 * as text; the source.yml it offers passes the manifest check and says what the fixture's says.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkManifest } from '../../src/lib/ingest/check-manifest.ts';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { excel97Workbook, noticePage, type Sheet, wordDocument } from '../../src/lib/sample/republish.ts';
import { writeFormatCopies } from '../../src/lib/sample/write-formats-fs.ts';
import { textPdf } from '../../src/lib/sample/write-pdf.ts';
import { launch } from './helpers/browser.ts';
import { AS_OF, buildSite } from './helpers/build.ts';
import { type Served, serve } from './helpers/serve.ts';
import {
  checkOnPage,
  type FixtureSource,
  formSources,
  pageProblems,
  pdfTable,
  problemKey,
  sheetOf,
} from './validate-page-driver.ts';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');
const BAD = join(FIXTURES, 'bad');

/** Every bad-input data directory, and the hostile one (whose sources the form can express). */
const dataDirs = [
  ...readdirSync(BAD, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(BAD, e.name)),
  join(FIXTURES, 'hostile'),
];
const cases: Array<{ dataDir: string; src: FixtureSource }> = dataDirs.flatMap((dataDir) =>
  formSources(dataDir)
    .filter((s) => s.id !== 'companion-clean')
    .map((src) => ({ dataDir, src })),
);

/**
 * Bad-input sources re-published as a notice page (UTF-8 and GB18030), a Word document, an old Excel workbook and a
 * text PDF, so that the readers of those formats run in the browser too (the fixtures themselves are CSV, XLSX and
 * JSON).
 */
const REPUBLISHED = [
  'impossible-date',
  'uscc-lowercase-fullwidth',
  'invisible-characters-name',
  'duplicated-headers',
];
const FORMATS = {
  html: (id: string, s: Sheet) => noticePage(id, [s], 'utf-8'),
  htm: (id: string, s: Sheet) => noticePage(id, [s], 'gb18030'),
  docx: (id: string, s: Sheet) => wordDocument(id, [s]),
  xls: (_id: string, s: Sheet) => excel97Workbook([s]),
  pdf: (id: string, s: Sheet) => textPdf(pdfTable(id, s)),
};

const republishedDir = mkdtempSync(join(tmpdir(), 'validate-page-'));
afterAll(() => rmSync(republishedDir, { recursive: true, force: true }));

async function republish(): Promise<Array<{ dataDir: string; src: FixtureSource }>> {
  const out: Array<{ dataDir: string; src: FixtureSource }> = [];
  for (const id of REPUBLISHED) {
    const original = cases.find((c) => c.src.id === id)?.src;
    if (!original) throw new Error(`fixture ${id} is missing`);
    for (const [ext, write] of Object.entries(FORMATS)) {
      const newId = `${id}-${ext}`;
      const dir = join(republishedDir, 'sources', newId);
      mkdirSync(dir, { recursive: true });
      let manifest = readFileSync(join(original.dir, 'source.yml'), 'utf8');
      for (const f of original.files) {
        const name = f.replace(/\.[a-z]+$/, `.${ext}`);
        const sheet = await sheetOf(f, readFileSync(join(original.dir, f)));
        writeFileSync(join(dir, name), write(newId, sheet));
        manifest = manifest.split(f).join(name);
      }
      writeFileSync(join(dir, 'source.yml'), manifest);
    }
  }
  for (const src of formSources(republishedDir)) out.push({ dataDir: republishedDir, src });
  return out;
}

/** The pipeline in Node over the one source, as `npm run validate` reads it. */
async function cliProblems(dataDir: string, id: string) {
  const loaded = loadSources(dataDir).filter((s) => s.id === id);
  const result = await runPipeline(loaded, AS_OF);
  return result;
}

let browser: Browser;
let server: Served;
let page: Page;

beforeAll(async () => {
  const site = buildSite();
  server = await serve(site.dist, site.base);
  browser = await launch();
  page = await browser.newPage();
  page.on('dialog', (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });
  await page.goto(`${server.url}validate/`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the page and the CLI give the same report', () => {
  it('covers the bad-input fixtures', () => {
    // Most bad-input fixtures are plain notices: if the selection shrinks, the comparison below proves little.
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(cases.some((c) => c.src.files.some((f) => f.endsWith('.xlsx')))).toBe(true);
    expect(cases.some((c) => c.src.files.some((f) => f.endsWith('.json')))).toBe(true);
  });

  it.each(cases.map((c) => [c.src.id, c] as const))('%s', async (_id, c) => {
    await expectSameReport(c);
  });

  it('for the same lists as a notice page, in GB18030, as a Word document, an old Excel workbook and a PDF', async () => {
    const republished = await republish();
    expect(republished.length).toBe(REPUBLISHED.length * Object.keys(FORMATS).length);
    for (const c of republished) await expectSameReport(c);
  });
});

/**
 * The bundled sample's lists saved as Word 97 documents (test/fixtures/doc/samples, LibreOffice's conversion of
 * their .docx), each with its sample manifest.
 */
function wordSources(): Array<{ dataDir: string; src: FixtureSource }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'validate-doc-'));
  const docs = join(FIXTURES, 'doc/samples');
  for (const id of readdirSync(docs).sort()) {
    const [doc] = readdirSync(join(docs, id)).filter((f) => f.endsWith('.doc'));
    if (!doc) continue;
    const dir = join(dataDir, 'sources', id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, doc), readFileSync(join(docs, id, doc)));
    const manifest = readFileSync(join(FIXTURES, 'samples/sources', id, 'source.yml'), 'utf8')
      .split('\n')
      .map((line) => (line.startsWith('files:') ? `files: [${JSON.stringify(doc)}]` : line))
      .join('\n');
    writeFileSync(join(dir, 'source.yml'), manifest);
  }
  return formSources(dataDir).map((src) => ({ dataDir, src }));
}

describe('Word 97 documents', () => {
  it('are read on the page as the CLI reads them', async () => {
    const sources = wordSources();
    expect(sources.length).toBeGreaterThanOrEqual(5);
    for (const c of sources) await expectSameReport(c);
  });
});

/**
 * The sample's first list as `npm run sample -- --formats` re-publishes it: a text PDF and a scanned one (no text
 * layer: one needs-ocr problem), with the sample's manifest.
 */
async function pdfSources(): Promise<Array<{ dataDir: string; src: FixtureSource }>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'validate-pdf-'));
  cpSync(join(FIXTURES, 'samples/sources'), join(dataDir, 'sources'), { recursive: true });
  const written = await writeFormatCopies(dataDir);
  return formSources(dataDir)
    .filter((s) => written.includes(s.id) && /-as-(?:scanned-)?pdf$/.test(s.id))
    .map((src) => ({ dataDir, src }));
}

describe('PDF', () => {
  it('a text PDF and a scanned one are read on the page as the CLI reads them', async () => {
    const sources = await pdfSources();
    expect(sources.map((c) => c.src.id.replace(/^.*-as-/, '')).sort()).toEqual(['pdf', 'scanned-pdf']);
    for (const c of sources) await expectSameReport(c);
    const text = sources.find((c) => c.src.id.endsWith('-as-pdf')) as (typeof sources)[number];
    // The same text PDF once more: a PDF read page by page, its rows published, as the CLI publishes them.
    const cli = await cliProblems(text.dataDir, text.src.id);
    expect(cli.report.totals.published).toBeGreaterThan(0);
    await checkOnPage(page, text.src, AS_OF);
    expect(await page.locator('#v-previews table').count()).toBeGreaterThan(0);
    const scanned = sources.find((c) => c.src.id.endsWith('-as-scanned-pdf')) as (typeof sources)[number];
    await checkOnPage(page, scanned.src, AS_OF);
    expect((await pageProblems(page)).map((p) => p.code)).toEqual(['needs-ocr']);
  });

  it('is read offline once the page is ready, and other pages load none of the reader', async () => {
    const sources = await pdfSources();
    const context = await browser.newContext();
    const offline = await context.newPage();
    const requests: string[] = [];
    try {
      await offline.goto(`${server.url}validate/`);
      await offline.locator('#v-form[data-pdf-ready]').waitFor();
      await context.setOffline(true);
      offline.on('request', (r) => requests.push(r.url()));
      for (const c of sources) {
        const cli = await cliProblems(c.dataDir, c.src.id);
        await checkOnPage(offline, c.src, AS_OF);
        expect(await pageProblems(offline)).toEqual(cli.report.problems.map(problemKey));
      }
      expect(requests.filter((u) => !u.startsWith('blob:'))).toEqual([]);
      await context.setOffline(false);
      // Elsewhere on the site: neither the pipeline nor pdfjs, its worker or its CMaps.
      const elsewhere: string[] = [];
      offline.on('request', (r) => elsewhere.push(r.url()));
      for (const path of ['', 'guide/', 'institutions/']) {
        await offline.goto(`${server.url}${path}`);
        await offline.waitForLoadState('networkidle');
      }
      expect(elsewhere.filter((u) => /pdf|show-check|exceljs/i.test(u))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/** The page lists the problems and counts the rows as the pipeline in Node does for the same source. */
async function expectSameReport({ dataDir, src }: { dataDir: string; src: FixtureSource }) {
  const cli = await cliProblems(dataDir, src.id);
  await checkOnPage(page, src, AS_OF);
  expect(await page.locator('#v-errors').isHidden(), 'the form was accepted').toBe(true);
  expect(await pageProblems(page)).toEqual(cli.report.problems.map(problemKey));
  const counts = await page.$$eval('#v-counts li[data-count]', (lis) =>
    Object.fromEntries(
      lis.map((li) => [(li as HTMLElement).dataset.count, Number(li.querySelector('strong')?.textContent)]),
    ),
  );
  const t = cli.report.totals;
  expect(counts).toMatchObject({
    rows: t.rows,
    published: t.published,
    merged: t.merged,
    hidden: t.hidden,
    rejected: t.rejected,
  });
}

describe('the check on the page', () => {
  const hostileSource = (id: string) => formSources(join(FIXTURES, 'hostile')).find((s) => s.id === id);
  const hostile = hostileSource('hostile-xlsx');

  it('makes no network request', async () => {
    expect(hostile).toBeDefined();
    await page.goto(`${server.url}validate/`);
    // The PDF reader too, which the page loads when idle.
    await page.locator('#v-form[data-pdf-ready]').waitFor();
    const requests: string[] = [];
    const listener = (r: { url(): string }) => requests.push(r.url());
    page.on('request', listener);
    await checkOnPage(page, hostile as FixtureSource, AS_OF);
    await page.click('#v-download');
    // Every workbook fixture, the damaged ones too (those take the reader's exceljs fallback).
    for (const c of cases.filter((x) => x.src.files.some((f) => /\.xlsx?$/.test(f))))
      await checkOnPage(page, c.src, AS_OF);
    page.off('request', listener);
    expect(await page.locator('#v-problem-table tbody tr').count()).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith('blob:'))).toEqual([]);
  });

  it('shows hostile cell text as text', async () => {
    const src = hostileSource('hostile-list');
    expect(src).toBeDefined();
    await page.goto(`${server.url}validate/`);
    await checkOnPage(page, src as FixtureSource, AS_OF);
    const cells = await page.$$eval('#v-previews td', (tds) => tds.map((td) => td.textContent ?? ''));
    expect(cells.some((c) => c.includes('<script>alert("name")</script>'))).toBe(true);
    expect(cells.some((c) => c.includes('<img src=x onerror=alert("address")>'))).toBe(true);
    expect(await page.locator('#v-result script, #v-result img, #v-result svg, #v-result b').count()).toBe(0);
    expect(
      await page.locator('#v-result [onerror], #v-result [onload], #v-result [onmouseover]').count(),
    ).toBe(0);
    expect(await page.locator('#v-manifest').textContent()).toContain('<script>alert(\\"title\\")</script>');
  });

  it('offers a source.yml that passes the manifest check and says what the fixture says', async () => {
    const plain = cases.find((c) => c.src.id === 'csv-stray-quote') as (typeof cases)[number];
    await page.goto(`${server.url}validate/`);
    await checkOnPage(page, plain.src, AS_OF);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#v-download')]);
    expect(download.suggestedFilename()).toBe('source.yml');
    const text = readFileSync(await download.path(), 'utf8');
    const built = checkManifest(plain.src.id, text);
    expect(built.problems).toEqual([]);
    const original = checkManifest(plain.src.id, readFileSync(join(plain.src.dir, 'source.yml'), 'utf8'));
    expect(built.manifest).toEqual(original.manifest);
  });

  it('maps a header the dictionary does not know as source.yml `columns` does for the CLI', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'validate-columns-'));
    const dir = join(dataDir, 'sources', 'unknown-header');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, '名单.csv'),
      '序号,机构名称,地址,TWS\n1,武汉市东西湖区小星星托育中心,东西湖区金银湖路1号,40\n',
    );
    const manifest = [
      'kind: institutions',
      'sector: childcare',
      'list: 备案',
      'publisher: 武汉市东西湖区卫生健康局',
      'title: 东西湖区托育机构备案名单',
      'published: 2024-04-09',
      'retrieved: 2024-04-10',
      'region: "420112"',
      'crs: gcj02',
      'files: [名单.csv]',
    ].join('\n');
    writeFileSync(join(dir, 'source.yml'), `${manifest}\n`);
    const unmapped = await cliProblems(dataDir, 'unknown-header');
    expect(unmapped.report.problems.map((p) => [p.code, p.column])).toContainEqual(['unknown-column', 'TWS']);
    await expectSameReport({ dataDir, src: formSources(dataDir)[0] as FixtureSource });

    writeFileSync(join(dir, 'source.yml'), `${manifest}\ncolumns:\n  TWS: 托位数\n`);
    const mapped = await cliProblems(dataDir, 'unknown-header');
    expect(mapped.report.problems.filter((p) => p.code === 'unknown-column')).toEqual([]);
    expect(mapped.data.institutions[0]?.capacity).toBe(40);
    await expectSameReport({ dataDir, src: formSources(dataDir)[0] as FixtureSource });
    expect(await page.locator('#v-example-card').textContent()).toContain('40 托位');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#v-download')]);
    const built = checkManifest('unknown-header', readFileSync(await download.path(), 'utf8'));
    expect(built.problems).toEqual([]);
    expect(built.manifest).toEqual(
      checkManifest('unknown-header', readFileSync(join(dir, 'source.yml'), 'utf8')).manifest,
    );
  });

  it('reads the tables of a page by the `tables` entries, and offers them in source.yml', async () => {
    const dataDir = join(FIXTURES, 'realdata');
    const src = formSources(dataDir).find((s) => s.id === 'yancheng-wjw-puhui-shifan-2023');
    expect(src?.manifest.tables).toHaveLength(2);
    await expectSameReport({ dataDir, src: src as FixtureSource });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#v-download')]);
    const built = checkManifest(src?.id as string, readFileSync(await download.path(), 'utf8'));
    expect(built.problems).toEqual([]);
    expect(built.manifest).toEqual(
      checkManifest(src?.id as string, readFileSync(join(src?.dir as string, 'source.yml'), 'utf8')).manifest,
    );
  });

  it.each(['bad-url-javascript', 'bad-url-data'])('refuses the link of %s on the URL field', async (id) => {
    const dir = join(FIXTURES, 'hostile/sources', id);
    const manifest = parse(readFileSync(join(dir, 'source.yml'), 'utf8')) as Record<string, unknown>;
    await page.goto(`${server.url}validate/`);
    await checkOnPage(page, { id, dir, manifest, files: manifest.files as string[] }, AS_OF);
    const links = await page
      .locator('#v-errors a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['#v-url']);
    expect(await page.locator('#v-result').isHidden()).toBe(true);
  });

  it('names the header mapping or table entry that is incomplete, linked to its control', async () => {
    const plain = cases.find((c) => c.src.id === 'csv-stray-quote') as (typeof cases)[number];
    await page.goto(`${server.url}validate/`);
    await checkOnPage(page, plain.src, AS_OF);
    await page.click('#v-columns-add');
    await page.fill('#v-columns-0-header', 'JGMC');
    // The labels offered are the fields of the notice's kind, and follow it when it changes.
    const labels = () => page.locator('#v-columns-0-label option').allTextContents();
    expect(await labels()).toContain('托位数');
    expect(await labels()).not.toContain('罚款金额(元)');
    await page.selectOption('#v-columns-0-label', '托位数');
    await page.selectOption('#v-kind', 'penalties');
    expect(await labels()).toContain('罚款金额(元)');
    expect(await labels()).not.toContain('托位数');
    expect(await page.inputValue('#v-columns-0-label')).toBe('');
    await page.selectOption('#v-kind', 'institutions');
    await page.click('#v-tables-add');
    await page.selectOption('#v-tables-0-list', '普惠');
    await page.click('#v-submit');
    const summary = page.locator('#v-errors');
    await summary.waitFor();
    const links = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['#v-columns-0-label', '#v-tables-0-match']);
    expect(await summary.textContent()).toContain('请选择“JGMC”对应的字段');
    expect(await page.getAttribute('#v-columns-0-label', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#v-tables-0-match', 'aria-invalid')).toBe('true');
  });

  it('lists what to correct, linked to the field, when the details are incomplete', async () => {
    await page.goto(`${server.url}validate/`);
    await page.locator('#v-form[data-ready]').waitFor();
    await page.fill('#v-region', '朝阳区');
    await page.click('#v-submit');
    const summary = page.locator('#v-errors');
    await summary.waitFor();
    expect(await summary.evaluate((e) => e === document.activeElement)).toBe(true);
    const links = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(expect.arrayContaining(['#v-files', '#v-publisher', '#v-title', '#v-published']));
    expect(await page.getAttribute('#v-publisher', 'aria-invalid')).toBe('true');
    // Filled in, the ambiguous region is the pipeline's own finding, named on its field.
    await checkOnPage(
      page,
      { ...cases[0]?.src, manifest: { ...cases[0]?.src.manifest, region: '朝阳区' } } as FixtureSource,
      AS_OF,
    );
    expect(await summary.isVisible()).toBe(true);
    expect(await summary.textContent()).toContain('同名');
    expect(await page.getAttribute('#v-region', 'aria-invalid')).toBe('true');
  });

  it.each([390, 1366])('is accessible and fits %i px after a bad-file run', async (width) => {
    const src = cases.find((c) => c.src.id === 'impossible-date') as (typeof cases)[number];
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const narrow = await context.newPage();
    try {
      await narrow.goto(`${server.url}validate/`);
      await checkOnPage(narrow, src.src, AS_OF);
      expect(await narrow.locator('#v-previews td.v-flag').count()).toBeGreaterThan(0);
      // A header mapping and a table entry, whose controls are built on the page.
      await narrow.click('#v-columns-add');
      await narrow.click('#v-tables-add');
      const result = await new AxeBuilder({ page: narrow })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      expect(
        result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
      ).toEqual([]);
      // Wide tables scroll inside their own box; the page itself does not scroll sideways.
      expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    } finally {
      await context.close();
    }
  });
});
