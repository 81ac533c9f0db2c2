/**
 * The built sample site for the download and feed tests. E2E_DIST names a site that is already built; otherwise the
 * sample data is built once per test run (files run one after another, each in its own worker, so a stamp with the
 * run's process id lets the second file reuse the first file's build). The site is built under a base path so the
 * tests see absolute URLs the way a deployment does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const AS_OF = '2026-11-24';
const SITE_URL = 'https://register.example.org';
const BASE_PATH = '/reg/';

export function buildSite(outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  // Vitest puts its own import.meta.env values (BASE_URL='/', MODE, NODE_ENV=test …) into process.env; a child
  // build that inherited them would ignore the configured base path.
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(?:VITEST|VITE_|BASE_URL$|MODE$|DEV$|PROD$|SSR$|NODE_ENV$|TEST$)/.test(k)) env[k] = v;
  }
  const r = spawnSync('npm', ['run', 'build', '--', '--outDir', outDir], {
    env: { ...env, DATA_DIR: 'data', AS_OF, SITE_URL, BASE_PATH },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0)
    throw new Error(`build failed (${r.status}):\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`);
}

export function builtSite(): string {
  if (process.env.E2E_DIST) return resolve(process.env.E2E_DIST);
  const out = resolve('.cache/e2e-downloads-dist');
  const stamp = join(out, '.e2e-run');
  const run = String(process.ppid);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === run) return out;
  buildSite(out);
  writeFileSync(stamp, run);
  return out;
}

/** Absolute URL of the built site's root, read back from robots.txt so any build can be tested. */
export function siteRoot(dist: string): string {
  const m = /^Sitemap: (.+)sitemap\.xml$/m.exec(readFileSync(join(dist, 'robots.txt'), 'utf8'));
  if (!m?.[1]) throw new Error('robots.txt names no sitemap');
  return m[1];
}

/** Every file under dir, as paths relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** The dist file an absolute URL of the site points to, or null when the URL is outside the site. */
export function fileForUrl(dist: string, root: string, url: string): string | null {
  if (!url.startsWith(root)) return null;
  const path = decodeURIComponent(url.slice(root.length).split('#')[0] ?? '');
  return join(dist, path === '' || path.endsWith('/') ? `${path}index.html` : path);
}
