/**
 * The /validate/ page after a run on a bad file, and on the same file printed to PDF, at phone and desktop widths,
 * for a person to look at; and what the page costs: the bytes of its first paint, of the pipeline fetched once it
 * has loaded and of the PDF reader fetched when it is idle (raw and gzip), and the time to check the bundled
 * demo's largest source and a text PDF in the browser and in Node.
 *   node test/e2e/validate-screenshots.ts [outDir]   (default docs/screenshots)
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { textPdf } from '../../src/lib/sample/write-pdf.ts';
import { launch } from './helpers/browser.ts';
import { AS_OF, buildSite, ROOT } from './helpers/build.ts';
import { serve } from './helpers/serve.ts';
import { checkOnPage, type FixtureSource, formSources, pdfTable, sheetOf } from './validate-page-driver.ts';

const out = resolve(ROOT, process.argv[2] ?? 'docs/screenshots');
mkdirSync(out, { recursive: true });
const site = buildSite();
const server = await serve(site.dist, site.base);
const browser = await launch();

const bad = formSources(join(ROOT, 'test/fixtures/bad/impossible-date')).find(
  (s) => s.id === 'impossible-date',
);
if (!bad) throw new Error('test/fixtures/bad/impossible-date is missing');

/** The same list printed to PDF, with the same manifest. */
async function asPdf(src: FixtureSource): Promise<{ dataDir: string; src: FixtureSource }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'validate-shots-'));
  const dir = join(dataDir, 'sources', `${src.id}-pdf`);
  mkdirSync(dir, { recursive: true });
  const [file] = src.files as [string];
  const name = file.replace(/\.[a-z]+$/, '.pdf');
  writeFileSync(
    join(dir, name),
    textPdf(pdfTable(src.id, await sheetOf(file, readFileSync(join(src.dir, file))))),
  );
  writeFileSync(
    join(dir, 'source.yml'),
    readFileSync(join(src.dir, 'source.yml'), 'utf8').split(file).join(name),
  );
  const [pdf] = formSources(dataDir);
  if (!pdf) throw new Error('the PDF copy is not a source the form can express');
  return { dataDir, src: pdf };
}
const pdf = await asPdf(bad);

/**
 * The source with the most bytes of files: of the bundled demo (DATA_DIR, default data), or of a generated sample
 * (TIMING_DATA_DIR, e.g. one written by `npm run sample -- --institutions 5000 --clean --out …`).
 */
const demoDir = resolve(ROOT, process.env.TIMING_DATA_DIR ?? process.env.DATA_DIR ?? 'data');
const bytesOf = (dir: string) => readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
const largest = formSources(demoDir, { allowExtraKeys: true }).sort(
  (a, b) => bytesOf(b.dir) - bytesOf(a.dir),
)[0];
if (!largest) throw new Error(`no source in ${demoDir} the form can express`);

try {
  for (const [name, src] of [
    ['validate', bad],
    ['validate-pdf', pdf.src],
  ] as const) {
    for (const width of [390, 1366]) {
      // In Chinese, as a clerk's browser shows the file picker.
      const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'zh-CN' });
      await page.goto(`${server.url}validate/`);
      await checkOnPage(page, src, AS_OF);
      await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: true });
      await page.close();
    }
  }

  // What the page fetches, by when: its first paint, the pipeline once it has loaded, the PDF reader when idle.
  const page = await browser.newPage();
  const bodies = new Map<string, Buffer>();
  page.on('response', async (r) => {
    if (r.status() === 200) bodies.set(r.url(), await r.body());
  });
  await page.goto(`${server.url}validate/`);
  await page.locator('#v-form[data-ready]').waitFor();
  await page.locator('#v-form[data-pdf-ready]').waitFor();
  const paint = await page.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
    return { fcp: at('first-contentful-paint'), fp: at('first-paint') };
  });
  console.log(
    `/validate/ first paint ${paint.fp.toFixed(0)} ms, first contentful paint ${paint.fcp.toFixed(0)} ms`,
  );
  const stage = (url: string) =>
    /\/pdfjs\/|pdf\.min\.|pdf\.worker\.|\/pdfjs\.[^/]+\.js$|\/pdf-assets\.[^/]+\.js$/.test(url)
      ? 'PDF reader (when idle)'
      : /show-check|exceljs/.test(url)
        ? 'pipeline (once loaded)'
        : 'first paint';
  const totals = new Map<string, { raw: number; gz: number; files: number }>();
  for (const [url, body] of [...bodies].sort()) {
    const z = gzipSync(body, { level: 9 }).length;
    const key = stage(url);
    const t = totals.get(key) ?? { raw: 0, gz: 0, files: 0 };
    totals.set(key, { raw: t.raw + body.length, gz: t.gz + z, files: t.files + 1 });
    console.log(`${key.padEnd(24)} ${url.replace(server.url, '/')}: ${body.length} B, gzip ${z} B`);
  }
  for (const [key, t] of totals)
    console.log(
      `/validate/ ${key}: ${t.files} files, ${t.raw} B (${(t.raw / 1024).toFixed(0)} KiB), gzip ${t.gz} B (${(t.gz / 1024).toFixed(0)} KiB)`,
    );

  const pdfBrowserMs: number[] = [];
  const pdfPageMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    await checkOnPage(page, pdf.src, AS_OF);
    pdfBrowserMs.push(Number(await page.getAttribute('#v-form', 'data-pipeline-ms')));
    pdfPageMs.push(Number(await page.getAttribute('#v-form', 'data-check-ms')));
  }
  const pdfNodeMs: number[] = [];
  const pdfLoaded = loadSources(pdf.dataDir);
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await runPipeline(pdfLoaded, AS_OF);
    pdfNodeMs.push(performance.now() - t);
  }
  console.log(
    `${pdf.src.id} (a ${statSync(join(pdf.src.dir, pdf.src.files[0] as string)).size} B text PDF): runPipeline in the ` +
      `browser [${pdfBrowserMs.join(', ')}] ms, in Node [${pdfNodeMs.map((x) => x.toFixed(0)).join(', ')}] ms; ` +
      `the whole check on the page (the PDF read twice: once for the report, once for the preview) [${pdfPageMs.join(', ')}] ms`,
  );

  const runs = 5;
  const browserMs: number[] = [];
  const pageMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    await checkOnPage(page, largest, AS_OF);
    browserMs.push(Number(await page.getAttribute('#v-form', 'data-pipeline-ms')));
    pageMs.push(Number(await page.getAttribute('#v-form', 'data-check-ms')));
  }
  const nodeMs: number[] = [];
  const loaded = loadSources(demoDir).filter((s) => s.id === largest.id);
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await runPipeline(loaded, AS_OF);
    nodeMs.push(performance.now() - t);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]?.toFixed(0);
  console.log(
    `${largest.id} (${bytesOf(largest.dir)} B of files): runPipeline in the browser median ${median(browserMs)} ms ` +
      `[${browserMs.join(', ')}], in Node median ${median(nodeMs)} ms [${nodeMs.map((x) => x.toFixed(0)).join(', ')}]; ` +
      `the whole check on the page (with the table preview) median ${median(pageMs)} ms (first runs include warm-up)`,
  );
} finally {
  await browser.close();
  await server.close();
}
