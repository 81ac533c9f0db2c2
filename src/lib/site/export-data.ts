/**
 * The published data and the URL settings the downloads, feeds and sitemap need, taken from the model that every
 * page shares, so the data file is read and parsed once per build.
 */
import type { SiteData } from '../domain/schemas.ts';
import type { FeedOptions } from './atom-feeds.ts';
import { siteConfig } from './config.ts';
import { DownloadCache, type ExportOptions, type RenderedDownload, renderRegionDownload } from './export.ts';
import { buildSitemap, collectPagePaths, type Sitemap } from './export-sitemap.ts';
import { getModel, getSite } from './load-data.ts';

/** The published data as it is: downloads and feeds never rebuild it from the pages' index. */
export function exportData(): SiteData {
  return getModel().data;
}

/** Absolute URL of the site root (SITE_URL + BASE_PATH), ending in '/'. */
export function siteRoot(site: URL | undefined): string {
  // Written out in full so Vite replaces it at build time with the configured base path.
  const base = import.meta.env.BASE_URL;
  return new URL(base.endsWith('/') ? base : `${base}/`, site ?? 'http://localhost/').toString();
}

/** The licence as one line: name, URL and note from site.config.mjs. */
export function licenceNote(): string {
  const l = siteConfig.licence;
  return [l.url ? `${l.name}（${l.url}）` : l.name, l.note].filter(Boolean).join('。');
}

export function exportOptions(site: URL | undefined): ExportOptions {
  return { siteRoot: siteRoot(site), licence: licenceNote() };
}

const downloadCaches = new Map<string, DownloadCache>();

/** The build's downloads: one rendering per download, shared by its endpoints and the /downloads/ page. */
export function downloads(site: URL | undefined): DownloadCache {
  const options = exportOptions(site);
  const key = `${options.siteRoot}\n${options.licence}`;
  let cache = downloadCaches.get(key);
  if (!cache) {
    cache = new DownloadCache(exportData(), options);
    downloadCaches.set(key, cache);
  }
  return cache;
}

export function feedOptions(site: URL | undefined): FeedOptions {
  return {
    siteRoot: siteRoot(site),
    siteName: siteConfig.name,
    publisher: siteConfig.publisher,
    rights: licenceNote(),
  };
}

let pagePaths: Promise<string[]> | undefined;
const sitemaps = new Map<string, Promise<Sitemap>>();

/** The sitemap of every page under src/pages, built once per build and shared by its endpoints. */
export function getSitemap(site: URL | undefined): Promise<Sitemap> {
  const root = siteRoot(site);
  let s = sitemaps.get(root);
  if (!s) {
    pagePaths ??= collectPagePaths(import.meta.glob('/src/pages/**/*.astro'));
    s = pagePaths.then((paths) => buildSitemap(root, paths));
    sitemaps.set(root, s);
  }
  return s;
}

const regionDownloads = new Map<string, RenderedDownload>();

/**
 * One region's institutions or penalties. Both files come from one rendering, kept until its second file is taken, so
 * the build does not hold every region's downloads at once.
 */
export function regionDownload(
  site: URL | undefined,
  code: string,
  id: 'institutions' | 'penalties',
  format: 'csv' | 'json',
): string {
  const key = `${siteRoot(site)}\n${code}\n${id}`;
  let r = regionDownloads.get(key);
  if (!r) {
    const node = getSite().regions.get(code);
    if (!node) throw new Error(`no region ${code}`);
    r = renderRegionDownload(exportData(), id, exportOptions(site), {
      code,
      name: node.region.fullName,
      institutions: node.institutions,
      penalties: node.penalties,
    });
    regionDownloads.set(key, r);
  } else {
    regionDownloads.delete(key);
  }
  return format === 'csv' ? r.csv : r.json;
}
