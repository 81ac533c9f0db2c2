/**
 * Builds the site once for the end-to-end tests and reuses it while nothing that goes into it has changed.
 *
 * Data: E2E_DATA=sample (default when the pipeline exists) runs `npm run data` over the bundled sample as of
 * 2026-11-24 and builds from .cache/data.json; E2E_DATA=fixture builds from test/fixtures/site-data.json.
 * E2E_REBUILD=1 forces a build.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const AS_OF = '2026-11-24';
export const FIXTURE = join(ROOT, 'test/fixtures/site-data.json');

export type DataMode = 'sample' | 'fixture';

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

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  execFileSync(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PATH: `${NODE_BIN}:${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 15 * 60_000,
  });
}

/**
 * Build into `outDir` (default dist/) with `base` as BASE_PATH. Returns at once when the last build there had the
 * same inputs.
 */
export function buildSite(opts: { outDir?: string; base?: string; mode?: DataMode } = {}): BuiltSite {
  const mode = opts.mode ?? dataMode();
  const base = opts.base ?? '/';
  const dist = resolve(ROOT, opts.outDir ?? 'dist');
  const files: string[] = [];
  for (const d of ['src', 'public', mode === 'sample' ? 'data' : 'test/fixtures']) walk(join(ROOT, d), files);
  for (const f of ['astro.config.mjs', 'site.config.mjs', 'package.json']) files.push(join(ROOT, f));
  const key = inputKey([mode, base, dist, AS_OF], files);
  const stamp = join(dist, '.e2e-build.json');
  const dataFile = mode === 'sample' ? join(ROOT, '.cache/data.json') : FIXTURE;
  const built: BuiltSite = { dist, base, mode, dataFile };
  if (process.env.E2E_REBUILD !== '1' && existsSync(stamp)) {
    try {
      if (JSON.parse(readFileSync(stamp, 'utf8')).key === key) return built;
    } catch {
      // rebuild
    }
  }
  const env: NodeJS.ProcessEnv = { BASE_PATH: base, OUT_DIR: dist, AS_OF };
  if (mode === 'sample') {
    run('npm', ['run', 'data'], { DATA_DIR: 'data', AS_OF });
    delete env.SITE_DATA;
  } else {
    env.SITE_DATA = FIXTURE;
  }
  run('astro', ['build'], env);
  writeFileSync(stamp, JSON.stringify({ key, mode, base, builtAt: new Date().toISOString() }));
  return built;
}
