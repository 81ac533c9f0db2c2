/** Internal links that honour the configured base path. */

/** Join a base path ('/', '/register', '/register/') and a site path ('/institutions/x/'). */
export function joinBase(base: string, path: string): string {
  const b = base.endsWith('/') ? base.slice(0, -1) : base;
  const p = path.startsWith('/') ? path : `/${path}`;
  return `${b}${p}`;
}

const BASE: string = import.meta.env?.BASE_URL ?? '/';

/** A link to a page of this site, e.g. href('/institutions/x/') → '/register/institutions/x/'. */
export function href(path: string): string {
  return joinBase(BASE, path);
}

/** Absolute URL of a page of this site, for permalinks and JSON-LD. */
export function absoluteUrl(site: URL | string | undefined, path: string): string {
  return new URL(href(path), site ?? 'http://localhost/').toString();
}
