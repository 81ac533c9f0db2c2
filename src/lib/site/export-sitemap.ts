/**
 * The sitemap: every HTML page the build writes, found the way Astro finds them — one route per file under
 * src/pages, expanded by its getStaticPaths — so a new page type is in the sitemap without anyone remembering to add
 * it. More than 50,000 URLs (the sitemap protocol's limit per file) become a sitemap index with numbered parts.
 */

import { xmlEscape } from './atom.ts';
import { absolute } from './urls.ts';

export const SITEMAP_LIMIT = 50_000;

type Params = Record<string, string | number | undefined>;
type StaticPath = { params: Params };
interface PaginateArgs {
  pageSize?: number;
  params?: Params;
}
interface PageModule {
  getStaticPaths?: (opts: {
    paginate: (data: readonly unknown[], args?: PaginateArgs) => StaticPath[];
    routePattern: string;
    /** Every page, even in an incremental build that renders only some (see build-scope.ts). */
    everyPage: boolean;
  }) => StaticPath[] | Promise<StaticPath[]>;
}

/** `./institutions/[id].astro` → `/institutions/[id]/`; `./index.astro` → `/`. */
export function routePattern(file: string): string {
  const rel = file
    .replace(/^.*?src\/pages\//, '')
    .replace(/^\.\//, '')
    .replace(/\.astro$/, '');
  const segments = rel.split('/').filter((s, i, all) => !(i === all.length - 1 && s === 'index'));
  return segments.length ? `/${segments.join('/')}/` : '/';
}

/** Fills a route pattern; an empty rest parameter (`[...page]` on page 1) drops its segment. */
export function fillRoute(pattern: string, params: Params): string {
  const filled = pattern.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, rest: string | undefined, name: string) => {
    const v = params[name];
    if (v === undefined || v === '') {
      if (rest) return '';
      throw new Error(`${pattern}: no value for [${name}]`);
    }
    return String(v)
      .split('/')
      .map((s) => encodeURIComponent(s))
      .join('/');
  });
  return filled.replace(/\/{2,}/g, '/');
}

/** Pages that are not content: error pages are never listed. */
function excluded(pattern: string): boolean {
  return /^\/(?:404|500)\/$/.test(pattern);
}

/** The same pages Astro's paginate() would produce, without the props. */
function paginateParams(pattern: string) {
  const restPage = pattern.includes('[...page]');
  return (data: readonly unknown[], args: PaginateArgs = {}): StaticPath[] => {
    const size = args.pageSize || 10;
    const last = Math.max(1, Math.ceil(data.length / size));
    return Array.from({ length: last }, (_, i) => ({
      params: { ...(args.params ?? {}), page: restPage && i === 0 ? undefined : String(i + 1) },
    }));
  };
}

/**
 * Site paths (without the base) of every page the given page modules produce, sorted. `modules` maps a file path
 * under src/pages to a loader, as `import.meta.glob` returns it.
 */
export async function collectPagePaths(modules: Record<string, () => Promise<unknown>>): Promise<string[]> {
  const out = new Set<string>();
  for (const file of Object.keys(modules).sort()) {
    const pattern = routePattern(file);
    if (excluded(pattern)) continue;
    if (!pattern.includes('[')) {
      out.add(pattern);
      continue;
    }
    const load = modules[file];
    if (!load) continue;
    const mod = (await load()) as PageModule;
    if (!mod.getStaticPaths) throw new Error(`${file}: a dynamic route without getStaticPaths`);
    const paths = await mod.getStaticPaths({
      paginate: paginateParams(pattern),
      routePattern: pattern,
      everyPage: true,
    });
    for (const p of paths) out.add(fillRoute(pattern, p.params));
  }
  return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A <urlset> of absolute URLs. No <lastmod>: a build knows no true per-page change date. */
export function renderUrlset(urls: readonly string[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
  ];
  for (const u of urls) lines.push(`<url><loc>${xmlEscape(u)}</loc></url>`);
  lines.push('</urlset>', '');
  return lines.join('\n');
}

export function renderSitemapIndex(urls: readonly string[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
  ];
  for (const u of urls) lines.push(`<sitemap><loc>${xmlEscape(u)}</loc></sitemap>`);
  lines.push('</sitemapindex>', '');
  return lines.join('\n');
}

/** Path of sitemap part n (1-based) when the sitemap is split. */
export function sitemapPartPath(n: number): string {
  return `sitemaps/${n}.xml`;
}

export interface Sitemap {
  /** The text of /sitemap.xml: a urlset, or an index when the pages need more than one file. */
  main: string;
  /** Parts by number (1-based); empty when one file holds every URL. */
  parts: Map<number, string>;
  urls: number;
}

/** `siteRoot` is the absolute URL of the site root, ending in '/'; `paths` are site paths starting with '/'. */
export function buildSitemap(siteRoot: string, paths: readonly string[], limit = SITEMAP_LIMIT): Sitemap {
  const urls = paths.map((p) => absolute(siteRoot, p));
  if (urls.length <= limit) return { main: renderUrlset(urls), parts: new Map(), urls: urls.length };
  const parts = new Map<number, string>();
  for (let i = 0; i * limit < urls.length; i++)
    parts.set(i + 1, renderUrlset(urls.slice(i * limit, (i + 1) * limit)));
  const main = renderSitemapIndex([...parts.keys()].map((n) => absolute(siteRoot, sitemapPartPath(n))));
  return { main, parts, urls: urls.length };
}

export function robotsTxt(sitemapUrl: string): string {
  return ['User-agent: *', 'Allow: /', '', `Sitemap: ${sitemapUrl}`, ''].join('\n');
}
