/**
 * The settings the downloads, feeds and sitemap need beside the site model: the site root (SITE_URL + base path) and
 * the licence, both fixed for a build.
 */
import { statSync } from 'node:fs';
import type { SiteData } from '../domain/schemas.ts';
import type { FeedOptions } from './atom-feeds.ts';
import { keptFile, regionsToRender, renderChanged, rendersSiteWide } from './build-scope.ts';
import { siteConfig } from './config.ts';
import type { ExportOptions } from './downloads/columns.ts';
import { DATASET_IDS } from './downloads/columns.ts';
import type { DownloadCache } from './downloads/render.ts';
import { collectPagePaths, type Sitemap } from './export-sitemap.ts';
import { getModel, getSite } from './load-data.ts';
import { paths, siteRootOf } from './urls.ts';

/** The published data as it is: downloads and feeds never rebuild it from the pages' index. */
export function exportData(): SiteData {
  return getModel().data;
}

/** Absolute URL of the site root (SITE_URL + BASE_PATH), ending in '/'. */
export function siteRoot(site: URL | undefined): string {
  // Written out in full so Vite replaces it at build time with the configured base path.
  return siteRootOf(site, import.meta.env.BASE_URL);
}

/** The licence as one line: name, URL and note from site.config.mjs. */
export function licenceNote(): string {
  const l = siteConfig.licence;
  return [l.url ? `${l.name}（${l.url}）` : l.name, l.note].filter(Boolean).join('。');
}

export function exportOptions(site: URL | undefined): ExportOptions {
  return { siteRoot: siteRoot(site), licence: licenceNote() };
}

/** The build's downloads: one rendering per download, shared by its endpoints and the /downloads/ page. */
export function downloads(site: URL | undefined): DownloadCache {
  const model = getModel();
  const cache = model.downloads(exportOptions(site));
  cache.useKept((id) => {
    const key = model.pageKeys.download(id);
    const csv = keptFile(paths.download(id, 'csv'), key);
    const json = keptFile(paths.download(id, 'json'), key);
    return csv && json ? { csvBytes: statSync(csv).size, jsonBytes: statSync(json).size } : null;
  });
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

/** The sitemap of every page under src/pages, built once per build and shared by its endpoints. */
export function getSitemap(site: URL | undefined): Promise<Sitemap> {
  return getModel().sitemap(siteRoot(site), () =>
    collectPagePaths(import.meta.glob('/src/pages/**/*.astro')),
  );
}

/** One region's institutions or penalties (both files come from one rendering, released once both are taken). */
export function regionDownload(
  site: URL | undefined,
  code: string,
  id: 'institutions' | 'penalties',
  format: 'csv' | 'json',
): string {
  const node = getSite().regions.get(code);
  if (!node) throw new Error(`no region ${code}`);
  const region = {
    code,
    name: node.region.fullName,
    institutions: node.institutions,
    penalties: node.penalties,
  };
  return downloads(site).region(region, id, format);
}

/** getStaticPaths of a national download route (`format`): every dataset, less those an incremental build keeps. */
export function downloadPaths(format: 'csv' | 'json', everyPage = false): { params: { dataset: string } }[] {
  if (!rendersSiteWide(everyPage)) return [];
  const keys = getModel().pageKeys;
  const entries = DATASET_IDS.map((dataset) => ({ params: { dataset } }));
  return renderChanged(
    `/downloads/[dataset].${format}`,
    entries,
    (e) => keys.download(e.params.dataset),
    everyPage,
  );
}

/** getStaticPaths of a region download route (`format`): each region's two datasets, less those kept. */
export function regionDownloadPaths(
  format: 'csv' | 'json',
  everyPage = false,
): { params: { code: string; dataset: string } }[] {
  const keys = getModel().pageKeys;
  const entries = regionsToRender(getSite().regions.values(), everyPage).flatMap((node) =>
    (['institutions', 'penalties'] as const).map((dataset) => ({
      params: { code: node.region.code, dataset },
      node,
    })),
  );
  return renderChanged(
    `/regions/[code]/[dataset].${format}`,
    entries,
    (e) => keys.region(e.node),
    everyPage,
  ).map((e) => ({ params: e.params }));
}
