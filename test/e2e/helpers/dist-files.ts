/** Reading a built site: its files, pages and internal links. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export function listFiles(dir: string, ext?: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!ext || e.name.endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Site path of an HTML file: dist/institutions/x/index.html → /institutions/x/. */
export function pagePath(dist: string, file: string): string {
  const rel = relative(dist, file).split('\\').join('/');
  return `/${rel.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** Every href/src/action value in an HTML document (attribute values decoded for &amp;). */
export function links(html: string): string[] {
  const out: string[] = [];
  const re = /\s(?:href|src|action)=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g;
  for (const m of html.matchAll(re)) out.push((m[1] ?? m[2] ?? m[3] ?? '').replaceAll('&amp;', '&'));
  return out;
}

/**
 * Whether an internal URL (starting with `base`) resolves to a file in dist: directories need an index.html.
 * Query strings and fragments are ignored.
 */
export function resolvesInDist(dist: string, base: string, url: string): boolean {
  // Segment by segment: an encoded slash (%2F) inside a segment is not a path separator to a static host.
  const segments = (url.split(/[?#]/)[0] ?? '').split('/').map(decodeURIComponent);
  if (segments.some((s) => s.includes('/'))) return false;
  const path = segments.join('/');
  const b = base.endsWith('/') ? base : `${base}/`;
  if (!path.startsWith(b)) return false;
  const file = join(dist, path.slice(b.length));
  if (existsSync(file) && statSync(file).isFile()) return true;
  return existsSync(join(file, 'index.html'));
}

export function read(file: string): string {
  return readFileSync(file, 'utf8');
}
