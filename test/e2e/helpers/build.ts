/**
 * Builds the site once for the end-to-end tests and reuses it while nothing that goes into it has changed.
 *
 * Data: E2E_DATA=sample (default when the pipeline exists) runs `npm run data` over the bundled sample as of
 * 2026-11-24 and builds from .cache/data.json; E2E_DATA=fixture builds from test/fixtures/site-data.json.
 * E2E_REBUILD=1 forces a build.
 *
 * Everything goes under .cache/e2e/ (data, report, site), not dist/ or .cache/data.json, so a build someone runs
 * by hand while the tests run cannot swap files under them.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const AS_OF = '2026-11-24';
export const FIXTURE = join(ROOT, 'test/fixtures/site-data.json');

/** sample: the hostile sample in test/fixtures/samples; fixture: site-data.json; realdata: the real notices. */
export type DataMode = 'sample' | 'fixture' | 'realdata';
const DATA_DIRS: Record<Exclude<DataMode, 'fixture'>, string> = {
  sample: 'test/fixtures/samples',
  realdata: 'test/fixtures/realdata',
};

export interface BuiltSite {
  dist: string;
  base: string;
  mode: DataMode;
  /** The SiteData file the site was built from. */
  dataFile: string;
}

export function dataMode(): DataMode {
  const env = process.env.E2E_DATA;
  if (env === 'sample' || env === 'fixture') return env;
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  return pkg.scripts?.data ? 'sample' : 'fixture';
}

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/** A key over everything the build reads: sources, public files, config, data. */
function inputKey(parts: string[], files: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${p}\n`);
  for (const f of files.sort()) {
    const s = statSync(f);
    h.update(`${f}:${s.size}:${s.mtimeMs}\n`);
  }
  return h.digest('hex');
}

const NODE_BIN = join(ROOT, 'node_modules/.bin');

/**
 * The environment for a child build: Vitest copies its import.meta.env values (BASE_URL, MODE, NODE_ENV=test …)
 * into process.env, and a build that inherited them would ignore the configured base path.
 */
export function childEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(?:VITEST|VITE_|BASE_URL$|MODE$|DEV$|PROD$|SSR$|NODE_ENV$|TEST$|SITE_DATA$|CACHE_DIR$)/.test(k))
      env[k] = v;
  }
  return { ...env, ...extra, PATH: `${NODE_BIN}:${process.env.PATH ?? ''}` };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  execFileSync(cmd, args, {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 15 * 60_000,
  });
}

export const E2E_DIR = join(ROOT, '.cache/e2e');

export interface BuildOptions {
  base?: string;
  mode?: DataMode;
  env?: Record<string, string>;
  /** The as-of date of the sample build (default AS_OF). */
  asOf?: string;
  /**
   * A name for a second, independent build of the same inputs (its own data cache, reports and output), kept apart
   * from the shared one: comparing the two is how a test sees a build that is not deterministic.
   */
  copy?: string;
  /** Sources to build from instead of the sample (sample mode): a directory with sources/ inside. */
  dataDir?: string;
  /** A SiteData file to build from instead of test/fixtures/site-data.json (fixture mode), e.g. a changed copy. */
  siteData?: string;
}

/**
 * Build with `base` as BASE_PATH (and `env`, e.g. SEARCH_SHARD_MAX) into a directory named after the inputs' key,
 * .cache/e2e/<mode><base><env>[-asOf][-copy]-<key>/ (with data/, reports/ and dist/ inside). A build happens in a
 * temporary directory that is renamed into place when complete, so a test never reads a half-written site, and test
 * runs started by different people with different sources never share one. Returns at once when a site for the same
 * inputs exists.
 */
export function buildSite(opts: BuildOptions = {}): BuiltSite {
  const mode = opts.mode ?? (opts.dataDir ? 'sample' : dataMode());
  const dataDirOf = (m: Exclude<DataMode, 'fixture'>) => (m === 'sample' && opts.dataDir) || DATA_DIRS[m];
  const base = opts.base ?? '/';
  const asOf = opts.asOf ?? AS_OF;
  const extra = Object.entries(opts.env ?? {}).sort();
  const files: string[] = [];
  for (const d of ['src', 'public']) walk(join(ROOT, d), files);
  walk(mode === 'fixture' ? join(ROOT, 'test/fixtures') : resolve(ROOT, dataDirOf(mode)), files);
  if (mode === 'fixture' && opts.siteData) files.push(resolve(opts.siteData));
  for (const f of ['astro.config.mjs', 'site.config.mjs', 'package.json']) files.push(join(ROOT, f));
  const key = inputKey(
    [mode, base, asOf, JSON.stringify(extra), opts.copy ?? '', opts.dataDir ?? '', opts.siteData ?? ''],
    files,
  ).slice(0, 16);
  const prefix = [
    `${mode}${opts.dataDir || opts.siteData ? '-own-data' : ''}${base.replace(/[^a-z0-9]+/gi, '_')}${extra.map(([k, v]) => `_${k}-${v}`).join('')}`,
    ...(asOf === AS_OF ? [] : [asOf]),
    ...(opts.copy ? [opts.copy.replace(/[^a-z0-9]+/gi, '_')] : []),
  ].join('-');
  const final = join(E2E_DIR, `${prefix}-${key}`);
  const describe = (dir: string): BuiltSite => ({
    dist: join(dir, 'dist'),
    base,
    mode,
    dataFile: mode === 'fixture' ? resolve(opts.siteData ?? FIXTURE) : join(dir, 'data', 'data.json'),
  });
  if (process.env.E2E_REBUILD !== '1' && existsSync(join(final, 'done'))) return describe(final);

  mkdirSync(E2E_DIR, { recursive: true });
  const tmp = mkdtempSync(join(E2E_DIR, 'tmp-'));
  const env: NodeJS.ProcessEnv = { ...opts.env, BASE_PATH: base, OUT_DIR: join(tmp, 'dist'), AS_OF: asOf };
  if (mode !== 'fixture') {
    const cacheDir = join(tmp, 'data');
    run('npm', ['run', 'data'], {
      DATA_DIR: dataDirOf(mode),
      AS_OF: asOf,
      CACHE_DIR: cacheDir,
      REPORTS_DIR: join(tmp, 'reports'),
    });
    env.CACHE_DIR = cacheDir;
  } else {
    env.SITE_DATA = resolve(opts.siteData ?? FIXTURE);
  }
  run('astro', ['build'], env);
  writeFileSync(join(tmp, 'done'), JSON.stringify({ key, mode, base, builtAt: new Date().toISOString() }));
  if (existsSync(final)) rmSync(final, { recursive: true, force: true });
  try {
    renameSync(tmp, final);
  } catch {
    // Another run finished the same build first; its copy is as good as ours.
    rmSync(tmp, { recursive: true, force: true });
  }
  // Sites for older inputs are kept for a while in case a run that started earlier still reads them.
  for (const e of readdirSync(E2E_DIR)) {
    const p = join(E2E_DIR, e);
    if (
      p !== final &&
      (e.startsWith(`${prefix}-`) || e.startsWith('tmp-')) &&
      Date.now() - statSync(p).mtimeMs > 3_600_000
    ) {
      rmSync(p, { recursive: true, force: true });
    }
  }
  return describe(final);
}
