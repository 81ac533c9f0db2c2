/**
 * The /validate/ page after a run on a bad file, at phone and desktop widths, for a person to look at; and what the
 * page costs: its JavaScript (raw and gzip) and the time to check the bundled demo's largest source in the browser
 * and in Node.
 *   node test/e2e/validate-screenshots.ts [outDir]   (default docs/screenshots)
 */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { launch } from './helpers/browser.ts';
import { AS_OF, buildSite, ROOT } from './helpers/build.ts';
import { serve } from './helpers/serve.ts';
import { checkOnPage, formSources } from './validate-page-driver.ts';

const out = resolve(ROOT, process.argv[2] ?? 'docs/screenshots');
mkdirSync(out, { recursive: true });
const site = buildSite();
const server = await serve(site.dist, site.base);
const browser = await launch();

const bad = formSources(join(ROOT, 'test/fixtures/bad/impossible-date')).find(
  (s) => s.id === 'impossible-date',
);
if (!bad) throw new Error('test/fixtures/bad/impossible-date is missing');

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
  for (const width of [390, 1366]) {
    // In Chinese, as a clerk's browser shows the file picker.
    const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'zh-CN' });
    await page.goto(`${server.url}validate/`);
    await checkOnPage(page, bad, AS_OF);
    await page.screenshot({ path: join(out, `validate-${width}.png`), fullPage: true });
    await page.close();
  }

  // JavaScript the page loads: its own script and the chunk of the pipeline it fetches once loaded.
  const page = await browser.newPage();
  const scripts = new Map<string, Buffer>();
  page.on('response', async (r) => {
    if (r.url().endsWith('.js')) scripts.set(r.url(), await r.body());
  });
  await page.goto(`${server.url}validate/`);
  await page.locator('#v-form[data-ready]').waitFor();
  let raw = 0;
  let gz = 0;
  for (const [url, body] of [...scripts].sort()) {
    const z = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gz += z;
    console.log(`${url.replace(server.url, '/')}: ${body.length} B, gzip ${z} B`);
  }
  console.log(
    `JavaScript of /validate/: ${raw} B (${(raw / 1024).toFixed(0)} KiB), gzip ${gz} B (${(gz / 1024).toFixed(0)} KiB)`,
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
