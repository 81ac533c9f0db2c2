/**
 * The search part of the benchmark, and two measurements behind the search design.
 *
 *   benchSearch({ distDir })   index size, and for typical first searches in Chromium on a local static server
 *                              that gzips like any static host: bytes transferred (init + query + 10 results, then
 *                              with filter counts), time to first results from the page script's start, where it
 *                              went (manifest, layer files, fragments), the same query typed into the open page,
 *                              and a baseline from the same run: a plain fetch of the same files. Called by
 *                              scripts/bench.ts.
 *   node scripts/bench-search.ts <dist> [--repeat n] [--layer-only] the same, printed; each probe run n times
 *                              (median), interleaved so that the machine's load falls on every probe alike;
 *                              --layer-only leaves out the runs with the manifest served without the layer
 *   node scripts/bench-search.ts <dist> --against <dist before> [--repeat n]   the probes on both builds (same data),
 *                              alternating, medians of n runs: a change's before → after in one run
 *   node scripts/bench-search.ts <dist> --compare <queries.json>    recall@10 of Pagefind's default over the same
 *                              pages (query as typed) against this design, and variants of it
 *   node scripts/bench-search.ts <dist> --word-check [n]            for n indexed bigrams, do pagefind.search(word)
 *                              results equal the records whose tokens contain the word?
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from 'playwright-core';
import { parseQuery, useSimplifier } from '../src/lib/search/normalise-query.ts';
import { planQuery } from '../src/lib/search/plan-query.ts';
import { exactFirst, exactMatch } from '../src/lib/search/rank-results.ts';
import { RegionTree } from '../src/lib/search/region-tree.ts';
import { MANIFEST_FILE, ROOT_BUNDLE, type SearchManifest } from '../src/lib/search/search-manifest.ts';
import type { SearchMeta } from '../src/lib/search/search-meta.ts';
import { EMPTY_STATE } from '../src/lib/search/search-state.ts';
import { tableSimplifier } from '../src/lib/search/simplify-table.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LAB = '/__search-lab.html';

// A static server that compresses text like a static host would, and counts the bytes it sends.

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.json', '.svg', '.xml']);

export interface CountingServer {
  origin: string;
  url: string;
  /** Bytes of response bodies sent (after compression) since the last reset, by path. */
  sent: Map<string, number>;
  reset(): void;
  close(): Promise<void>;
}

/**
 * `withoutLayer`: the search manifest is served without its national layer, so the page searches as it did before
 * the layer (bundles chosen by word routes): the before → after comparison on the same build.
 */
export async function serveCounting(root: string, base = '/', withoutLayer = false): Promise<CountingServer> {
  const sent = new Map<string, number>();
  const gzCache = new Map<string, Buffer>();
  const b = base.endsWith('/') ? base : `${base}/`;
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    if (path === LAB) {
      res.writeHead(200, { 'content-type': TYPES['.html'] as string });
      res.end(
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>lab</title></head><body></body></html>',
      );
      return;
    }
    let file = normalize(join(root, path.slice(b.length)));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!path.startsWith(b) || !file.startsWith(normalize(root) + sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const ext = extname(file);
    let body: Buffer = readFileSync(file);
    if (withoutLayer && path.endsWith(`/pagefind/${MANIFEST_FILE}`)) {
      const manifest = JSON.parse(body.toString('utf8')) as SearchManifest;
      body = Buffer.from(JSON.stringify({ ...manifest, national: null }));
    }
    const headers: Record<string, string> = {
      'content-type': TYPES[ext] ?? (ext === '.pagefind' ? 'application/wasm' : 'application/octet-stream'),
      'cache-control': 'max-age=3600',
    };
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      let gz = gzCache.get(file);
      if (!gz) {
        gz = gzipSync(body, { level: 6 });
        gzCache.set(file, gz);
      }
      body = gz;
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(body);
    sent.set(path, (sent.get(path) ?? 0) + body.length);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}${b}`,
    sent,
    reset: () => sent.clear(),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

function walk(dir: string, out: { path: string; size: number }[] = []): { path: string; size: number }[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push({ path: p, size: statSync(p).size });
  }
  return out;
}

/** The site's base path, read from the search page's script data. */
function basePathOf(distDir: string): string {
  const html = readFileSync(join(distDir, 'search/index.html'), 'utf8');
  return /data-base="([^"]+)"/.exec(html)?.[1] ?? '/';
}

function readManifest(distDir: string): SearchManifest {
  return JSON.parse(readFileSync(join(distDir, 'pagefind', MANIFEST_FILE), 'utf8')) as SearchManifest;
}

// The benchmark proper.

export interface SearchRun {
  name: string;
  query: string;
  /** Bundles the search opened. */
  bundles: number;
  results: number;
  /** Everything fetched for the search (scripts, manifest, Pagefind, 10 results), the page and its CSS excluded. */
  firstResultsBytes: number;
  /** From the page's navigation start to the results on screen (page load included). */
  firstResultsMs: number;
  /** From the start of the search (manifest read, query planned) to the results on screen. */
  searchMs: number;
  /** From the page script's start to the results on screen. */
  fromScriptMs: number;
  /**
   * Where `fromScriptMs` went, each from the page script's start: the manifest read (`search-ready`), the search
   * asked, the last national layer file and the last fragment arrived (0 when none was fetched).
   */
  phases: { ready: number; asked: number; layer: number; fragments: number };
  /**
   * Baseline from the same run: the files the page fetched between its script's start and the results, fetched at
   * once by a page without the search script (a fresh browser context, so from the network, not the cache).
   */
  plainFetchMs: number;
  /**
   * The same query typed into the search page opened without one (Enter after the last key): from the search asked
   * to its results, and what was fetched from the first key to the results.
   */
  typedMs: number;
  typedBytes: number;
  /** National layer files fetched for the first results. */
  layerFiles: number;
  /** The next query in the same page (runtime and bundles loaded): its search time and what it fetched. */
  nextQuery: string;
  nextSearchMs: number;
  nextSearchBytes: number;
  /** The same after the filter counts arrived. */
  withCountsBytes: number;
  withCountsMs: number;
  /** firstResultsBytes by kind of file. */
  breakdown: Record<string, number>;
}

export interface SearchBench {
  records: number;
  bundles: number;
  indexBytes: number;
  indexFiles: number;
  /** Largest pf_meta of one bundle (what any search opening it downloads first). */
  largestMetaBytes: number;
  /** The first search a family makes: a name fragment within one province (bytes of init + query + 10 results). */
  firstQueryBytes: number;
  /** Its results on screen, from the page's navigation start. */
  firstResultsMs: number;
  /** Its results on screen, from the start of the search (page script loaded). */
  firstSearchMs: number;
  /** The same search across every bundle (a name fragment with no region). */
  allBundlesQueryBytes: number;
  allBundlesSearchMs: number;
  /** Its results from the page script's start. */
  allBundlesFromScriptMs: number;
  /** Files and bytes of the national layer on disk. */
  layerFiles: number;
  layerBytes: number;
  runs: SearchRun[];
  /** The same probes with the manifest served without the national layer (the search before it). */
  runsWithoutLayer: SearchRun[];
}

interface Probe {
  name: string;
  params: string;
  query: string;
  /** A second query typed into the same page once the first has its results: a search with the runtime loaded. */
  next: string;
}

/**
 * Typical first searches, drawn from the built site: a name fragment in its province, the same everywhere, the full
 * name, the name without its region words, a USCC, its 组织机构代码, a 文号, a common word.
 */
function probes(distDir: string, manifest: SearchManifest): Probe[] {
  const dirs = readdirSync(join(distDir, 'institutions'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !['page', 'sector', 'status'].includes(d.name))
    .map((d) => d.name)
    .sort();
  // The middle institution with a penalty, so there is a 文号 to search for too.
  const withPenalty = (d: string) =>
    readFileSync(join(distDir, 'institutions', d, 'index.html'), 'utf8').includes('行政处罚 ');
  const middle = Math.floor(dirs.length / 2);
  const pick = dirs.slice(middle).find(withPenalty) ?? dirs[middle] ?? dirs[0];
  if (!pick) throw new Error(`${distDir} has no institution pages`);
  const html = readFileSync(join(distDir, 'institutions', pick, 'index.html'), 'utf8');
  const name = (/<h1>([^<]+)<\/h1>/.exec(html)?.[1] ?? '').trim();
  const uscc = /\b([0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10})\b/.exec(html)?.[1];
  const regionLinks = [...html.matchAll(/href="[^"]*\/regions\/(\d{6})\/"/g)].map((m) => m[1] as string);
  const province = regionLinks.find((c) => c.endsWith('0000') && manifest.regions[c]);
  // A brand-like fragment: three characters after the region words the name starts with (广东广州…, 武汉市…), read
  // as the page reads them.
  useSimplifier(tableSimplifier(manifest.t2s));
  const rest = new RegionTree(manifest).leadingRegions(name).rest;
  const fragment = [...rest].slice(0, 3).join('');
  const q = (s: string) => `q=${encodeURIComponent(s)}`;
  const out: Probe[] = [];
  if (province)
    out.push({
      name: '名称片段（本省）',
      params: `${q(fragment)}&region=${province}`,
      query: fragment,
      next: name,
    });
  out.push({ name: '名称片段（全国）', params: q(fragment), query: fragment, next: name });
  out.push({ name: '完整名称', params: q(name), query: name, next: fragment });
  // The name without the region words it starts with: a name or brand searched nationally, with no region cue.
  if (rest !== name && [...rest].length >= 4)
    out.push({ name: '名称（全国，无地区词）', params: q(rest), query: rest, next: fragment });
  if (uscc) {
    out.push({ name: '统一社会信用代码', params: q(uscc), query: uscc, next: fragment });
    const org = uscc.slice(8, 17);
    out.push({ name: '组织机构代码', params: q(org), query: org, next: fragment });
  }
  const doc = /行政处罚 ([^<]+号)<\/h3>/.exec(html)?.[1]?.trim();
  if (doc) out.push({ name: '处罚决定书文号', params: q(doc), query: doc, next: fragment });
  out.push({ name: '常见词（全国）', params: q('托育'), query: '托育', next: fragment });
  return out;
}

function kindOf(path: string): string {
  if (path.endsWith('/pagefind.js')) return 'pagefind.js';
  if (path.endsWith('.pagefind')) return 'wasm';
  if (path.endsWith(`/${MANIFEST_FILE}`)) return 'manifest';
  if (path.endsWith('.pf_meta')) return 'pf_meta';
  if (path.endsWith('.pf_index')) return 'index';
  if (path.endsWith('.pf_fragment')) return 'fragments';
  if (path.endsWith('.pf_filter')) return 'filters';
  if (path.endsWith('pagefind-entry.json')) return 'entry';
  if (path.includes('/pagefind/national/')) return 'layer';
  if (path.includes('/pagefind/words/')) return 'word routes';
  if (path.endsWith('.js')) return 'page script';
  return 'other';
}

interface Fetched {
  path: string;
  bytes: number;
  start?: number;
  end: number;
}

/** What the page fetched for the search up to `until` (ms since navigation): the page itself, CSS and icons aside. */
function searchBytes(fetched: readonly Fetched[], until = Number.POSITIVE_INFINITY) {
  const breakdown: Record<string, number> = {};
  let total = 0;
  for (const f of fetched) {
    if (f.end > until || /(?:\/|\.html|\.css|\.svg)$/.test(f.path)) continue;
    const k = kindOf(f.path);
    breakdown[k] = (breakdown[k] ?? 0) + f.bytes;
    total += f.bytes;
  }
  return { total, breakdown };
}

async function measure(browser: Browser, server: CountingServer, probe: Probe): Promise<SearchRun> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}search/?${probe.params}`, { waitUntil: 'commit' });
  await page.waitForFunction(() => performance.getEntriesByName('search-results').length > 0, null, {
    timeout: 120_000,
    polling: 10,
  });
  const status = (await page.textContent('[data-status]')) ?? '';
  await page
    .waitForFunction(() => performance.getEntriesByName('search-counts').length > 0, null, {
      timeout: 120_000,
    })
    .catch(() => undefined);
  await page.waitForLoadState('networkidle');
  const fetchedBefore = await page.evaluate(() => performance.getEntriesByType('resource').length);
  // Resource Timing gives each response's compressed size and when it arrived.
  const { fetched, timing } = await page.evaluate(() => {
    const m = (n: string) => performance.getEntriesByName(n)[0] as PerformanceMeasure | undefined;
    const results = m('search-results');
    const counts = m('search-counts');
    const script = performance.getEntriesByName('search-script')[0];
    const resultsAt = results ? results.startTime + results.duration : 0;
    // Pages built before these marks existed: the manifest read and the search asked are then not told apart.
    const ready = performance.getEntriesByName('search-ready')[0]?.startTime ?? results?.startTime ?? 0;
    const asked =
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('search-asked-') && m.startTime <= resultsAt)
        .at(-1)?.startTime ??
      results?.startTime ??
      0;
    return {
      fetched: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
        path: new URL(r.name).pathname,
        url: r.name,
        bytes: r.encodedBodySize,
        start: r.startTime,
        end: r.responseEnd,
      })),
      timing: {
        resultsAt,
        search: results?.duration ?? 0,
        countsAt: counts ? counts.startTime + counts.duration : 0,
        scriptAt: script?.startTime ?? 0,
        ready,
        asked,
      },
    };
  });
  const first = searchBytes(fetched, timing.resultsAt);
  const withCounts = searchBytes(fetched);
  const opened = new Set(
    fetched.map((f) => /\/pagefind\/([^/]+)\/pagefind\.[^/]+\.pf_meta$/.exec(f.path)?.[1]).filter(Boolean),
  );
  opened.delete(ROOT_BUNDLE);
  // The next search in the same page, as when a reader changes the query: Pagefind and the bundles are loaded.
  await page.fill('input[name="q"]', probe.next);
  await page.press('input[name="q"]', 'Enter');
  await page.waitForFunction(() => performance.getEntriesByName('search-results').length > 1, null, {
    timeout: 120_000,
    polling: 10,
  });
  const next = await page.evaluate(
    (before) => ({
      ms: (performance.getEntriesByName('search-results')[1] as PerformanceMeasure).duration,
      bytes: (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .slice(before)
        .reduce((a, r) => a + r.encodedBodySize, 0),
    }),
    fetchedBefore,
  );
  await context.close();
  const lastEnd = (match: (path: string) => boolean) =>
    Math.max(
      timing.scriptAt,
      ...fetched.filter((f) => f.end <= timing.resultsAt && match(f.path)).map((f) => f.end),
    ) - timing.scriptAt;
  const during = fetched.filter(
    (f) =>
      f.start >= timing.scriptAt && f.end <= timing.resultsAt && !/(?:\/|\.html|\.css|\.svg)$/.test(f.path),
  );
  const typed = await measureTyped(browser, server, probe);
  return {
    name: probe.name,
    query: probe.query,
    bundles: opened.size,
    results: Number(/找到 (?:约 )?([\d,]+)/.exec(status)?.[1]?.replace(/,/g, '') ?? 0),
    firstResultsBytes: first.total,
    firstResultsMs: Math.round(timing.resultsAt),
    searchMs: Math.round(timing.search),
    fromScriptMs: Math.round(timing.resultsAt - timing.scriptAt),
    phases: {
      ready: Math.round(timing.ready - timing.scriptAt),
      asked: Math.round(timing.asked - timing.scriptAt),
      layer: Math.round(lastEnd((p) => p.includes('/pagefind/national/'))),
      fragments: Math.round(lastEnd((p) => p.endsWith('.pf_fragment'))),
    },
    plainFetchMs: Math.round(
      await plainFetch(
        browser,
        server,
        during.map((f) => f.url),
      ),
    ),
    typedMs: Math.round(typed.ms),
    typedBytes: typed.bytes,
    layerFiles: fetched.filter((f) => f.end <= timing.resultsAt && f.path.includes('/pagefind/national/'))
      .length,
    withCountsBytes: withCounts.total,
    withCountsMs: Math.round(timing.countsAt),
    breakdown: first.breakdown,
    nextQuery: probe.next,
    nextSearchMs: Math.round(next.ms),
    nextSearchBytes: next.bytes,
  };
}

/** Milliseconds to fetch `urls` at once, bodies read, from a fresh context on a page without the search script. */
async function plainFetch(
  browser: Browser,
  server: CountingServer,
  urls: readonly string[],
): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.origin}${LAB}`);
  const ms = await page.evaluate(async (urls) => {
    const t0 = performance.now();
    await Promise.all(urls.map(async (u) => (await fetch(u)).arrayBuffer()));
    return performance.now() - t0;
  }, urls);
  await context.close();
  return ms;
}

/**
 * The probe's query typed into the search page opened empty, as a reader does once the page has settled: from the
 * search asked (Enter) to its results, and the bytes fetched from the first key on.
 */
async function measureTyped(
  browser: Browser,
  server: CountingServer,
  probe: Probe,
): Promise<{ ms: number; bytes: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const params = new URLSearchParams(probe.params);
  params.delete('q');
  await page.goto(`${server.url}search/${params.size ? `?${params}` : ''}`);
  await page.waitForLoadState('networkidle');
  const before = await page.evaluate(() => performance.getEntriesByType('resource').length);
  const shown = await page.evaluate(() => performance.getEntriesByName('search-results').length);
  await page.focus('input[name="q"]');
  await page.keyboard.type(probe.query, { delay: 60 });
  await page.press('input[name="q"]', 'Enter');
  await page.waitForFunction((n) => performance.getEntriesByName('search-results').length > n, shown, {
    timeout: 120_000,
    polling: 10,
  });
  const result = await page.evaluate((before) => {
    const results = performance.getEntriesByName('search-results').at(-1) as PerformanceMeasure;
    const end = results.startTime + results.duration;
    const asked =
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('search-asked-') && m.startTime <= results.startTime)
        .at(-1)?.startTime ?? results.startTime;
    const bytes = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .slice(before)
      .filter((r) => r.responseEnd <= end)
      .reduce((a, r) => a + r.encodedBodySize, 0);
    return { ms: end - asked, bytes };
  }, before);
  await context.close();
  return result;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? ((s[(s.length - 1) >> 1] as number) + (s[s.length >> 1] as number)) / 2 : 0;
};

/** Of several runs of one probe, the run with the median time from the script's start, its typed time the median. */
function medianRun(runs: readonly SearchRun[]): SearchRun {
  const sorted = [...runs].sort((a, b) => a.fromScriptMs - b.fromScriptMs);
  const mid = sorted[(sorted.length - 1) >> 1] as SearchRun;
  return {
    ...mid,
    typedMs: Math.round(median(runs.map((r) => r.typedMs))),
    plainFetchMs: Math.round(median(runs.map((r) => r.plainFetchMs))),
  };
}

/** Runs every probe in a fresh browser context against a server (with or without the layer). */
async function runProbes(
  dist: string,
  manifest: SearchManifest,
  withoutLayer: boolean,
  repeat = 1,
): Promise<SearchRun[]> {
  const [runs] = await runProbesOn([{ dist, withoutLayer }], probes(dist, manifest), repeat);
  return runs ?? [];
}

/**
 * The probes on several builds in one browser, alternating build by build for each probe and repeat, so that a
 * change in the machine's load falls on every build alike. One list of runs per build, each the median of `repeat`.
 */
async function runProbesOn(
  builds: readonly { dist: string; withoutLayer: boolean }[],
  list: readonly Probe[],
  repeat: number,
): Promise<SearchRun[][]> {
  const servers = await Promise.all(
    builds.map((b) => serveCounting(b.dist, basePathOf(b.dist), b.withoutLayer)),
  );
  const browser = await launchChromium();
  const runs: SearchRun[][][] = builds.map(() => list.map(() => []));
  try {
    // One warm-up per server so the first measured run does not pay for starting the browser.
    for (const server of servers) {
      const warm = await browser.newPage();
      await warm.goto(`${server.url}search/`);
      await warm.close();
    }
    for (let r = 0; r < repeat; r++) {
      for (const [i, p] of list.entries()) {
        for (const [b, server] of servers.entries()) runs[b]?.[i]?.push(await measure(browser, server, p));
      }
    }
  } finally {
    await browser.close();
    await Promise.all(servers.map((s) => s.close()));
  }
  return runs.map((perProbe) => perProbe.map(medianRun));
}

/**
 * The probes on this build and on another of the same data (a build before a change), alternating: the before →
 * after of a change to the search page, measured in one run.
 */
export async function compareBuilds(
  distDir: string,
  beforeDir: string,
  repeat = 3,
): Promise<{ before: SearchRun[]; after: SearchRun[] }> {
  const dist = resolve(distDir);
  const [after, before] = await runProbesOn(
    [
      { dist, withoutLayer: false },
      { dist: resolve(beforeDir), withoutLayer: false },
    ],
    probes(dist, readManifest(dist)),
    repeat,
  );
  return { before: before ?? [], after: after ?? [] };
}

export async function benchSearch({
  distDir,
  repeat = 1,
  withoutLayer = true,
}: {
  distDir: string;
  repeat?: number;
  /** Whether to run the probes again with the manifest served without the layer. */
  withoutLayer?: boolean;
}): Promise<SearchBench> {
  const dist = resolve(distDir);
  const manifest = readManifest(dist);
  const files = walk(join(dist, 'pagefind'));
  const metas = files.filter(
    (f) => f.path.endsWith('.pf_meta') && !f.path.includes(`${sep}${ROOT_BUNDLE}${sep}`),
  );
  const layer = files.filter((f) => f.path.includes(`${sep}pagefind${sep}national${sep}`));
  const runs = await runProbes(dist, manifest, false, repeat);
  const runsWithoutLayer =
    manifest.national && withoutLayer ? await runProbes(dist, manifest, true, repeat) : [];
  const first = runs[0];
  const everywhere = runs[1];
  return {
    records: manifest.records,
    bundles: manifest.shards.length,
    indexBytes: files.reduce((a, f) => a + f.size, 0),
    indexFiles: files.length,
    largestMetaBytes: Math.max(0, ...metas.map((m) => m.size)),
    firstQueryBytes: first?.firstResultsBytes ?? 0,
    firstResultsMs: first?.firstResultsMs ?? 0,
    firstSearchMs: first?.searchMs ?? 0,
    allBundlesQueryBytes: everywhere?.firstResultsBytes ?? 0,
    allBundlesSearchMs: everywhere?.searchMs ?? 0,
    allBundlesFromScriptMs: everywhere?.fromScriptMs ?? 0,
    layerFiles: layer.length,
    layerBytes: layer.reduce((a, f) => a + f.size, 0),
    runs,
    runsWithoutLayer,
  };
}

// Measurements behind the design: recall of the default against this design, and the word check.

interface LabHit {
  url: string;
  meta: Record<string, string>;
}

/** Runs Pagefind searches in a page without the site's CSP: `bundles` merged into the first one. */
async function labSearch(
  page: Page,
  bundles: string[],
  searches: { terms: string | null; filters?: Record<string, unknown>; top: number }[],
): Promise<{ total: number; hits: LabHit[] }[]> {
  return page.evaluate(
    async ({ bundles, searches }) => {
      const key = bundles.join(',');
      const w = window as unknown as Record<string, Promise<unknown>>;
      w[key] ??= (async () => {
        const [first, ...rest] = bundles;
        const pf = (await import(`${first}pagefind.js?lab=${encodeURIComponent(key)}`)) as {
          options(o: unknown): Promise<void>;
          init(): Promise<void>;
          mergeIndex(p: string): Promise<void>;
        };
        await pf.options({ baseUrl: '/', excerptLength: 0 });
        await pf.init();
        for (const r of rest) await pf.mergeIndex(r);
        return pf;
      })();
      const pf = (await w[key]) as {
        search(
          t: string | null,
          o?: unknown,
        ): Promise<{ results: { data(): Promise<{ url: string; meta: Record<string, string> }> }[] }>;
      };
      const out: { total: number; hits: { url: string; meta: Record<string, string> }[] }[] = [];
      for (const s of searches) {
        const res = await pf.search(s.terms, { filters: s.filters ?? {} });
        const hits = await Promise.all(
          res.results.slice(0, s.top).map(async (r) => {
            const d = await r.data();
            return { url: d.url, meta: d.meta };
          }),
        );
        out.push({ total: res.results.length, hits });
      }
      return out;
    },
    { bundles, searches },
  );
}

interface QueryCase {
  q: string;
  kind: string;
  expect: string[];
}

function recallOf(cases: QueryCase[], tops: string[][]): { found: number; wanted: number; misses: string[] } {
  let found = 0;
  let wanted = 0;
  const misses: string[] = [];
  cases.forEach((c, i) => {
    const top = tops[i] ?? [];
    for (const e of c.expect) {
      wanted++;
      const want = e.startsWith('/') ? e : `/institutions/${e}/`;
      if (top.some((u) => u === want || (e.startsWith('/') && u.startsWith(want)))) found++;
      else misses.push(`${c.q} → ${e}`);
    }
  });
  return { found, wanted, misses };
}

/** Path part of a result URL, without the base. */
function sitePath(url: string, base: string): string {
  const u = url.replace(/^https?:\/\/[^/]+/, '');
  return u.startsWith(base) ? `/${u.slice(base.length)}` : u;
}

async function compare(distDir: string, queriesFile: string): Promise<void> {
  const dist = resolve(distDir);
  const base = basePathOf(dist);
  const cases = (JSON.parse(readFileSync(queriesFile, 'utf8')) as { queries: QueryCase[] }).queries;
  const manifest = readManifest(dist);
  // The browser's conversion table, so queries are read as the page reads them.
  useSimplifier(tableSimplifier(manifest.t2s));
  const tree = new RegionTree(manifest);

  // Pagefind's default over the same pages: institution pages and the penalty list, language from the page.
  const defaultOut = join(dist, '__pagefind-default');
  rmSync(defaultOut, { recursive: true, force: true });
  const bin = resolve('node_modules/.bin/pagefind');
  const r = spawnSync(
    bin,
    [
      '--site',
      dist,
      '--glob',
      '{institutions/*/index.html,penalties/index.html}',
      '--output-path',
      defaultOut,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`pagefind failed: ${r.stderr}`);

  const server = await serveCounting(dist, base);
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${server.origin}${LAB}`);
  const rows: [string, { found: number; wanted: number; misses: string[] }][] = [];
  try {
    const defaultBundle = `${base}__pagefind-default/`;
    const plain = await labSearch(
      page,
      [defaultBundle],
      cases.map((c) => ({ terms: c.q, top: 10 })),
    );
    rows.push([
      'Pagefind 默认（zh-CN 分词，查询不处理）',
      recallOf(
        cases,
        plain.map((p) => p.hits.map((h) => sitePath(h.url, base))),
      ),
    ]);

    const bundles = manifest.shards.map((s) => `${base}pagefind/${s.path}`);
    const root = `${base}pagefind/${ROOT_BUNDLE}/`;
    const design = async (cover: boolean, withPlan: boolean): Promise<string[][]> => {
      const tops: string[][] = [];
      for (const c of cases) {
        const plan = planQuery({ ...EMPTY_STATE, q: c.q }, tree, { cover });
        const terms = withPlan ? plan.terms : parseQuery(c.q, cover).terms || null;
        const filters = withPlan ? plan.filters : {};
        const top = withPlan && plan.focused ? 20 : 10;
        let [res] = await labSearch(page, [root, ...bundles], [{ terms, filters, top }]);
        if (res && res.total === 0 && plan.fallback) {
          [res] = await labSearch(page, [root, ...bundles], [{ terms: plan.fallback, filters, top }]);
        }
        const hits = (res?.hits ?? []).filter((h) => h.meta.kind);
        const ranked = exactFirst(hits, (h) => exactMatch(plan.parsed, h.meta as SearchMeta) !== null);
        tops.push(ranked.slice(0, 10).map((h) => sitePath(h.url, base)));
      }
      return tops;
    };
    rows.push([
      '本设计：二元组 + 查询规范化 + 地区识别 + 精确匹配优先',
      recallOf(cases, await design(true, true)),
    ]);
    rows.push(['本设计，查询用全部二元组（不取覆盖子集）', recallOf(cases, await design(false, true))]);
    rows.push(['本设计，不识别地区名（地区名也按二元组查）', recallOf(cases, await design(true, false))]);
  } finally {
    await browser.close();
    await server.close();
    rmSync(defaultOut, { recursive: true, force: true });
  }
  for (const [name, { found, wanted, misses }] of rows) {
    console.log(`${name}: recall@10 = ${found}/${wanted} = ${(found / wanted).toFixed(3)}`);
    for (const m of misses) console.log(`    未找到：${m}`);
  }
}

/**
 * The word check: for indexed bigrams, the pages Pagefind returns for the word alone must be exactly the records
 * whose token text contains the word (or a word it is a prefix of). Run against every bundle of a built site.
 */
async function wordCheck(distDir: string, sample: number): Promise<void> {
  const dist = resolve(distDir);
  const base = basePathOf(dist);
  const manifest = readManifest(dist);
  const server = await serveCounting(dist, base);
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${server.origin}${LAB}`);
  let checked = 0;
  const wrong: string[] = [];
  try {
    for (const shard of manifest.shards) {
      const bundle = [`${base}pagefind/${ROOT_BUNDLE}/`, `${base}pagefind/${shard.path}`];
      // Every record of the bundle with its tokens, read through Pagefind itself (fragment content).
      const all = await page.evaluate(async (bundle) => {
        const pf = (await import(`${bundle[0]}pagefind.js?words=${encodeURIComponent(bundle[1] ?? '')}`)) as {
          options(o: unknown): Promise<void>;
          init(): Promise<void>;
          mergeIndex(p: string): Promise<void>;
          search(
            t: string | null,
            o?: unknown,
          ): Promise<{
            results: { data(): Promise<{ url: string; content: string; meta: Record<string, string> }> }[];
          }>;
        };
        await pf.options({ baseUrl: '/', excerptLength: 0 });
        await pf.init();
        await pf.mergeIndex(bundle[1] as string);
        (window as unknown as { pf: unknown }).pf = pf;
        const res = await pf.search(null);
        const records: { url: string; content: string; kind: string | undefined }[] = [];
        // In batches: thousands of fragment requests at once overrun the browser.
        for (let i = 0; i < res.results.length; i += 200) {
          const batch = await Promise.all(
            res.results.slice(i, i + 200).map(async (r) => {
              const d = await r.data();
              return { url: d.url, content: d.content, kind: d.meta.kind };
            }),
          );
          records.push(...batch);
        }
        // The root bundle's empty record has no kind.
        return records.filter((r) => r.kind);
      }, bundle);
      const tokens = new Map<string, Set<string>>();
      for (const rec of all) {
        for (const t of rec.content.split(/\s+/)) {
          if (!t) continue;
          const set = tokens.get(t) ?? new Set<string>();
          set.add(rec.url);
          tokens.set(t, set);
        }
      }
      const bigrams = [...tokens.keys()].filter((t) => /^\p{Script=Han}{2}$/u.test(t)).sort();
      const step = Math.max(
        1,
        Math.floor(bigrams.length / Math.max(1, Math.ceil(sample / manifest.shards.length))),
      );
      const words = bigrams.filter((_, i) => i % step === 0);
      for (const w of words) {
        // Pagefind matches prefixes: a bigram also matches longer tokens starting with it.
        const expected = new Set<string>();
        for (const [t, urls] of tokens) if (t.startsWith(w)) for (const u of urls) expected.add(u);
        const got = await page.evaluate(async (w) => {
          const pf = (
            window as unknown as {
              pf: { search(t: string): Promise<{ results: { data(): Promise<{ url: string }> }[] }> };
            }
          ).pf;
          const res = await pf.search(w);
          const urls: string[] = [];
          for (let i = 0; i < res.results.length; i += 200) {
            urls.push(
              ...(await Promise.all(res.results.slice(i, i + 200).map(async (r) => (await r.data()).url))),
            );
          }
          return urls;
        }, w);
        checked++;
        const gotSet = new Set(got);
        const missing = [...expected].filter((u) => !gotSet.has(u));
        const extra = got.filter((u) => !expected.has(u));
        if (missing.length || extra.length)
          wrong.push(`${shard.id} ${w}: −${missing.length} +${extra.length}`);
      }
      await page.goto(`${server.origin}${LAB}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const version = JSON.parse(readFileSync('node_modules/pagefind/package.json', 'utf8')).version as string;
  console.log(`词检查（pagefind ${version}）：${checked} 个二元组，${wrong.length} 个结果集不符`);
  for (const w of wrong.slice(0, 50)) console.log(`    ${w}`);
}

if (import.meta.main) {
  const argv = process.argv.slice(2);
  const dist = argv[0] ?? 'dist';
  const opt = (n: string) => {
    const i = argv.indexOf(n);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--against')) {
    const { before, after } = await compareBuilds(dist, opt('--against') ?? '', Number(opt('--repeat') ?? 3));
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    const ratio = (r: SearchRun) => (r.fromScriptMs / Math.max(1, r.plainFetchMs)).toFixed(1);
    console.log(
      '首次搜索 | 首批结果字节 前 → 后 | 自页面脚本开始 ms 前 → 后 | 基线 ms 前 / 后 | ×基线 前 → 后 | 输入后回车 ms 前 → 后 | 自打开页面 ms 前 → 后',
    );
    before.forEach((b, i) => {
      const a = after[i] as SearchRun;
      console.log(
        `${a.name}「${a.query}」 | ${kb(b.firstResultsBytes)} → ${kb(a.firstResultsBytes)} | ${b.fromScriptMs} → ${a.fromScriptMs} | ` +
          `${b.plainFetchMs} / ${a.plainFetchMs} | ${ratio(b)} → ${ratio(a)} | ${b.typedMs} → ${a.typedMs} | ${b.firstResultsMs} → ${a.firstResultsMs}`,
      );
    });
    if (argv.includes('--json')) console.log(JSON.stringify({ before, after }));
  } else if (argv.includes('--compare')) {
    await compare(dist, opt('--compare') ?? 'test/fixtures/search-queries.json');
  } else if (argv.includes('--word-check')) {
    await wordCheck(dist, Number(opt('--word-check') ?? 300));
  } else {
    const r = await benchSearch({
      distDir: dist,
      repeat: Number(opt('--repeat') ?? 1),
      withoutLayer: !argv.includes('--layer-only'),
    });
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    console.log(
      `搜索索引：${r.records} 条记录，${r.bundles} 个分片，${kb(r.indexBytes)}，${r.indexFiles} 个文件；最大 pf_meta ${kb(r.largestMetaBytes)}；全国索引 ${r.layerFiles} 个文件，${kb(r.layerBytes)}`,
    );
    const print = (title: string, runs: SearchRun[]) => {
      console.log(title);
      for (const run of runs) {
        console.log(
          `  ${run.name}「${run.query}」：${run.results} 条，${run.bundles} 个分片，${run.layerFiles} 个全国索引文件；首批结果 ${kb(run.firstResultsBytes)}，` +
            `${run.firstResultsMs} ms（自打开页面）/ ${run.fromScriptMs} ms（自页面脚本开始）/ ${run.searchMs} ms（自开始搜索）；含筛选计数 ${kb(run.withCountsBytes)} / ${run.withCountsMs} ms；` +
            `接着搜「${run.nextQuery}」${run.nextSearchMs} ms，另取 ${kb(run.nextSearchBytes)}`,
        );
        const p = run.phases;
        console.log(
          `    自脚本开始：清单就绪 ${p.ready} ms，开始搜索 ${p.asked} ms，全国索引文件到齐 ${p.layer} ms，片段到齐 ${p.fragments} ms，结果 ${run.fromScriptMs} ms；` +
            `基线（同样的文件一次取完）${run.plainFetchMs} ms，×${(run.fromScriptMs / Math.max(1, run.plainFetchMs)).toFixed(1)}；` +
            `在已打开的页面输入后回车 ${run.typedMs} ms（自输入起取 ${kb(run.typedBytes)}）`,
        );
        console.log(
          `    ${Object.entries(run.breakdown)
            .map(([k, n]) => `${k} ${kb(n)}`)
            .join('，')}`,
        );
      }
    };
    print('有全国索引：', r.runs);
    if (r.runsWithoutLayer.length) print('不用全国索引（清单中去掉，同一构建）：', r.runsWithoutLayer);
    if (argv.includes('--json')) console.log(JSON.stringify(r));
  }
}
