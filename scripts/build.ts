/**
 * npm run build:incremental — the build after a data change, redoing only what changed:
 * 1. validate: sources whose files did not change come from the per-source cache;
 * 2. institution pages: only those whose content hash changed are rendered by Astro (BUILD_SCOPE, build-scope.ts); the
 *    others are moved over from the previous dist/. Every other page, the downloads, feeds, sitemap, map data and
 *    the search index are built in full, since they summarise the whole register.
 * Falls back to a full build when there is no previous build, or the code, config or URL settings changed.
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
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveAsOf } from '../src/lib/ingest/as-of.ts';
import { fileSourceCache, loadSources, writeOutputs } from '../src/lib/ingest/pipeline-fs.ts';
import { runPipeline } from '../src/lib/ingest/run-pipeline.ts';
import { type BuildScopeFile, institutionPageHash } from '../src/lib/site/build-scope.ts';
import { configuredAsOf } from '../src/lib/site/config.ts';
import { buildSiteIndex } from '../src/lib/site/site-index.ts';

const incremental = process.argv.includes('--incremental');
const dataDir = process.env.DATA_DIR || 'data';
const asOf = resolveAsOf(process.env.AS_OF || configuredAsOf());
const cacheDir = resolve(process.env.CACHE_DIR || '.cache');
const outDir = resolve(process.env.OUT_DIR || 'dist');
const stateFile = join(cacheDir, 'build-state.json');

interface BuildState {
  codeVersion: string;
  outDir: string;
  pages: Record<string, string>;
}

/** Everything besides the data that shapes the output. */
function codeVersion(): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([process.env.SITE_URL ?? '', process.env.BASE_PATH ?? '']));
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

const site = buildSiteIndex(result.data);
const pages: Record<string, string> = {};
for (const inst of site.institutions) pages[inst.id] = institutionPageHash(site, inst);
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
  existsSync(join(outDir, 'institutions'));

let rendered = site.institutions.length;
if (usable && previous) {
  const old = previous.pages;
  const changed = Object.keys(pages).filter((id) => old[id] !== pages[id]);
  const kept = Object.keys(pages).filter((id) => old[id] === pages[id]);
  rendered = changed.length;
  const scopeFile = join(cacheDir, 'build-scope.json');
  writeFileSync(scopeFile, JSON.stringify({ institutions: changed } satisfies BuildScopeFile));
  const next = `${outDir}.next`;
  rmSync(next, { recursive: true, force: true });
  astroBuild(next, { BUILD_SCOPE: scopeFile });
  // Unchanged institution pages move over from the previous build; everything else is the new build's.
  mkdirSync(join(next, 'institutions'), { recursive: true });
  for (const id of kept) {
    const from = join(outDir, 'institutions', id);
    if (existsSync(from)) renameSync(from, join(next, 'institutions', id));
  }
  rmSync(outDir, { recursive: true, force: true });
  renameSync(next, outDir);
} else {
  rmSync(outDir, { recursive: true, force: true });
  astroBuild(outDir, {});
}
mkdirSync(cacheDir, { recursive: true });
writeFileSync(stateFile, JSON.stringify({ codeVersion: version, outDir, pages } satisfies BuildState));

const seconds = (performance.now() - started) / 1000;
if (process.env.BUILD_TIMINGS_FILE) {
  writeFileSync(
    process.env.BUILD_TIMINGS_FILE,
    JSON.stringify({
      incremental: usable,
      validateSeconds: (validated - started) / 1000,
      astroSeconds: astroSeconds,
      seconds,
      rendered,
      institutions: site.institutions.length,
    }),
  );
}
console.log(
  `${usable ? '增量构建' : '完整构建'}：校验 ${((validated - started) / 1000).toFixed(1)} 秒（缓存命中 ${cache.hits} 个来源，重新读取 ${cache.misses} 个）；` +
    `机构页面 ${rendered}/${site.institutions.length} 个重新生成；共 ${seconds.toFixed(1)} 秒`,
);
