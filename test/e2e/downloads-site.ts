/**
 * The built sample site for the download and feed tests, from the shared end-to-end build (one build per change of
 * inputs, reused by every test file). E2E_DIST names a site that is already built instead.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { AS_OF, buildSite } from './helpers/build.ts';

export { AS_OF };

export function builtSite(opts: { copy?: string; base?: string } = {}): string {
  if (process.env.E2E_DIST && !opts.copy && !opts.base) return resolve(process.env.E2E_DIST);
  return buildSite(opts).dist;
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
