/**
 * npm run build:incremental — the build after a data change, redoing only what changed:
 * 1. validate: sources whose files did not change come from the per-source cache;
 * 2. pages: every numerous page — institutions, regions and their downloads, the register's lists, sources, latest
 *    changes, the map's region lists and points — has a key of what it shows (page-keys.ts); Astro renders only those
 *    whose key changed (BUILD_SCOPE, build-scope.ts) and the others are moved over from the previous dist/. The few
 *    pages that summarise the whole register (home, statistics, feeds, national downloads, sitemaps, map data) are
 *    rendered every time, and search bundles whose records did not change come from the cache.
 * Falls back to a full build when there is no previous build, or the code, config, URL settings or as-of date changed.
 * The result is byte-identical to a full build (test/e2e/incremental.test.ts).
 *
 * Reads DATA_DIR, AS_OF, CACHE_DIR, SITE_URL, BASE_PATH like every command; OUT_DIR (default dist).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { filesUnder } from '../src/integrations/static-headers.ts';
import { resolveAsOf } from '../src/lib/ingest/as-of.ts';
import { fileSourceCache, loadSources, writeOutputs } from '../src/lib/ingest/pipeline-fs.ts';
import { runPipeline } from '../src/lib/ingest/run-pipeline.ts';
import { type BuildScopeFile, urlFile } from '../src/lib/site/build-scope.ts';
import { configuredAsOf, siteConfig } from '../src/lib/site/config.ts';
import { moveInto } from '../src/lib/site/move-tree-fs.ts';
import { headerRules, renderHeadersFile } from '../src/lib/site/static-headers.ts';

const incremental = process.argv.includes('--incremental');
const dataDir = process.env.DATA_DIR || 'data';
const asOf = resolveAsOf(process.env.AS_OF || configuredAsOf());
const cacheDir = resolve(process.env.CACHE_DIR || '.cache');
const outDir = resolve(process.env.OUT_DIR || 'dist');
const stateFile = join(cacheDir, 'build-state.json');
const basePath = process.env.BASE_PATH || siteConfig.basePath;

interface BuildState {
  codeVersion: string;
  outDir: string;
  pages: Record<string, string>;
  /** Every file of the output that is not a keyed page (path under outDir): what the next build replaces. */
  others: string[];
}

/** Everything besides the data that shapes the output: the code, the settings, and the as-of date every page shows. */
function codeVersion(): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([process.env.SITE_URL ?? '', process.env.BASE_PATH ?? '', asOf]));
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      for (const e of readdirSync(p).sort()) walk(join(p, e));
    } else {
      h.update(p);
      h.update(readFileSync(p));
    }
  };
  for (const p of ['src', 'public', 'astro.config.mjs', 'site.config.mjs', 'package-lock.json']) walk(p);
  return h.digest('hex').slice(0, 20);
}

/** Deletes the files (paths under root), and the folders they leave empty. */
function removeFiles(root: string, files: readonly string[]): void {
  const dirs = new Set<string>();
  for (const f of files) {
    rmSync(join(root, f), { force: true });
    dirs.add(dirname(f));
  }
  // Deepest first, so a folder emptied by its sub-folders' removal goes too.
  const byDepth = [...dirs].sort((a, b) => b.split('/').length - a.split('/').length);
  for (let d of byDepth) {
    while (d !== '.' && d !== '') {
      try {
        rmdirSync(join(root, d));
      } catch {
        break;
      }
      d = dirname(d);
    }
  }
}

/** Moves everything under `from` into `to`: a folder `to` lacks in one rename, others entry by entry. */
let astroSeconds = 0;
function astroBuild(out: string, env: Record<string, string>) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', out], {
    env: { ...process.env, ...env, CACHE_DIR: cacheDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`astro build 失败（退出码 ${r.status}）`);
  astroSeconds += (performance.now() - t0) / 1000;
}

const started = performance.now();
const cache = fileSourceCache(cacheDir);
const result = await runPipeline(loadSources(dataDir), asOf, cache);
writeOutputs(result, { cacheDir, reportsDir: process.env.REPORTS_DIR || 'reports' });
const validated = performance.now();

const version = codeVersion();
let previous: BuildState | null = null;
try {
  previous = JSON.parse(readFileSync(stateFile, 'utf8')) as BuildState;
} catch {
  previous = null;
}
const usable =
  incremental &&
  previous !== null &&
  previous.codeVersion === version &&
  previous.outDir === outDir &&
  Array.isArray(previous.others) &&
  existsSync(outDir);

// Astro records every keyed page's key (page-keys.ts) here, and leaves out those equal to a page kept from before.
mkdirSync(cacheDir, { recursive: true });
const recordFile = join(cacheDir, 'page-keys.json');
const previousFile = join(cacheDir, 'page-keys.previous.json');
const scopeFile = join(cacheDir, 'build-scope.json');
rmSync(recordFile, { force: true });
const kept: Record<string, string> = {};
if (usable && previous) {
  // Only pages whose file is still there can be kept.
  for (const [url, key] of Object.entries(previous.pages)) {
    if (existsSync(join(outDir, urlFile(url)))) kept[url] = key;
  }
  writeFileSync(previousFile, JSON.stringify(kept));
}
writeFileSync(
  scopeFile,
  JSON.stringify({
    pages: { record: recordFile, ...(usable ? { previous: previousFile, previousDir: outDir } : {}) },
  } satisfies BuildScopeFile),
);

const next = usable ? `${outDir}.next` : outDir;
rmSync(next, { recursive: true, force: true });
astroBuild(next, { BUILD_SCOPE: scopeFile });
const pages = JSON.parse(readFileSync(recordFile, 'utf8')) as Record<string, string>;
// Folders kept whole (the search index) are keyed too, as `/folder/*`: they are not pages.
const folder = (url: string) => url.endsWith('/*');
const isInstitutionPage = (url: string) =>
  url.startsWith('/institutions/') && url.split('/').length === 4 && !url.startsWith('/institutions/page/');
const pageUrls = Object.keys(pages).filter((u) => !folder(u));
const keyed = pageUrls.length;
const renderedUrls = pageUrls.filter((u) => kept[u] !== pages[u]);
const rendered = renderedUrls.length;
const institutionPages = pageUrls.filter(isInstitutionPage).length;
const institutionsRendered = renderedUrls.filter(isInstitutionPage).length;
let filesSeconds = 0;
const pageFiles = new Set(pageUrls.map(urlFile));
let others: string[];
if (usable && previous) {
  // The previous output is updated in place: the pages whose key did not change stay where they are, every other
  // file of it goes, and what this build wrote moves in (a folder only it has, such as pagefind/, in one rename).
  // What goes is known from the previous state, so the output is never walked.
  const t0 = performance.now();
  rmSync(stateFile, { force: true });
  const keptFolders = Object.keys(pages)
    .filter((u) => folder(u) && kept[u] === pages[u])
    .map((u) => `${urlFile(u)}/`);
  const inKeptFolder = (f: string) => keptFolders.some((d) => f.startsWith(d));
  const gone = previous.others.filter((f) => !inKeptFolder(f));
  for (const [url, key] of Object.entries(previous.pages)) {
    if (!folder(url) && pages[url] !== key) gone.push(urlFile(url));
  }
  removeFiles(outDir, gone);
  const written = filesUnder(next);
  moveInto(next, outDir, (file) => {
    throw new Error(`${join(outDir, file)}：键未变的页面又生成了一次`);
  });
  rmSync(next, { recursive: true, force: true });
  others = [...previous.others.filter(inKeptFolder), ...written.filter((f) => !pageFiles.has(f))].sort();
  writeFileSync(
    join(outDir, '_headers'),
    renderHeadersFile(headerRules([...pageFiles, ...others.filter((f) => f !== '_headers')], basePath)),
  );
  filesSeconds = (performance.now() - t0) / 1000;
} else {
  others = filesUnder(outDir).filter((f) => !pageFiles.has(f));
}
writeFileSync(
  stateFile,
  JSON.stringify({ codeVersion: version, outDir, pages, others } satisfies BuildState),
);

const seconds = (performance.now() - started) / 1000;
if (process.env.BUILD_TIMINGS_FILE) {
  writeFileSync(
    process.env.BUILD_TIMINGS_FILE,
    JSON.stringify({
      incremental: usable,
      validateSeconds: (validated - started) / 1000,
      astroSeconds: astroSeconds,
      filesSeconds,
      seconds,
      rendered,
      keyed,
      institutionsRendered,
      institutions: institutionPages,
    }),
  );
}
console.log(
  `${usable ? '增量构建' : '完整构建'}：校验 ${((validated - started) / 1000).toFixed(1)} 秒（缓存命中 ${cache.hits} 个来源，重新读取 ${cache.misses} 个）；` +
    `页面 ${rendered}/${keyed} 个重新生成（机构页面 ${institutionsRendered}/${institutionPages} 个），其余页面照常生成；共 ${seconds.toFixed(1)} 秒`,
);
