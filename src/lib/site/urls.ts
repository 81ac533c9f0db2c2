/**
 * Every URL of the site is built here, and nowhere else: the site path of each kind of page or file ('/institutions/x/'),
 * a link to it under the configured base path (`href`), and its absolute form for feeds, downloads, the sitemap and
 * JSON-LD (`absolute`). A URL shape changes in one line of this file.
 *
 * Site paths start with '/' and never hold the base path. Ids and codes are URL segments as they are (the site index
 * refuses an institution id that is not [0-9a-z-]); they are still encoded, so an unexpected character cannot open a
 * path of its own.
 */

const seg = encodeURIComponent;

export type DownloadFormat = 'csv' | 'json' | 'xlsx';

/** A path or URL that names a folder ends in '/': '/register' → '/register/'. */
export function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

/** A list narrowed to one value of a facet: ('/institutions/', 'status', 'listed') → /institutions/status/listed/. */
function within(base: string, facet: string, value: string): string {
  return `${withSlash(base)}${seg(facet)}/${seg(value)}/`;
}

export const paths = {
  within,
  home: '/',
  about: '/about/',
  guide: '/guide/',
  institutions: '/institutions/',
  /** Pages 2… of the full list, apart from the institutions' own pages: /institutions/page/2/. */
  institutionPages: '/institutions/page/',
  institution: (id: string) => `/institutions/${seg(id)}/`,
  institutionsWith: (facet: 'status' | 'sector', value: string) => within('/institutions/', facet, value),
  regions: '/regions/',
  region: (code: string) => `/regions/${seg(code)}/`,
  regionWith: (code: string, facet: 'status' | 'sector', value: string) =>
    within(`/regions/${seg(code)}/`, facet, value),
  regionPenalties: (code: string) => `/regions/${seg(code)}/penalties/`,
  regionPenaltiesWith: (code: string, facet: string, value: string) =>
    within(`/regions/${seg(code)}/penalties/`, facet, value),
  regionStatistics: (code: string) => `/regions/${seg(code)}/statistics/`,
  regionDownload: (code: string, dataset: string, format: DownloadFormat) =>
    `/regions/${seg(code)}/${seg(dataset)}.${format}`,
  penalties: '/penalties/',
  penaltiesWith: (facet: string, value: string) => within('/penalties/', facet, value),
  sources: '/sources/',
  sourcePages: '/sources/page/',
  sourcesPage: (n: number) => (n > 1 ? `/sources/page/${n}/` : '/sources/'),
  source: (id: string) => `/sources/${seg(id)}/`,
  downloads: '/downloads/',
  download: (dataset: string, format: DownloadFormat) => `/downloads/${seg(dataset)}.${format}`,
  dictionary: '/downloads/dictionary/',
  dictionaryJson: '/downloads/dictionary.json',
  templates: '/downloads/templates/',
  template: (file: string, format: 'csv' | 'xlsx') => `/downloads/templates/${seg(file)}.${format}`,
  statistics: '/statistics/',
  updates: '/updates/',
  search: '/search/',
  map: '/map/',
  mapPoints: '/map/points.json',
  mapOverview: '/map/overview.json',
  mapPlaces: '/map/places.json',
  mapDetails: '/map/details/',
  mapList: (code: string) => `/map/list/${seg(code)}/`,
  mapRegion: (code: string) => `/map/regions/${seg(code)}.json`,
  validate: '/validate/',
  sitemap: '/sitemap.xml',
  feeds: {
    penalties: '/feeds/penalties.xml',
    listChanges: '/feeds/list-changes.xml',
    updates: '/feeds/updates.xml',
    regionPenalties: (code: string) => `/feeds/regions/${seg(code)}/penalties.xml`,
    regionListChanges: (code: string) => `/feeds/regions/${seg(code)}/list-changes.xml`,
  },
} as const;

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

/**
 * The absolute URL of a site path, from the site root (SITE_URL + base path, ending in '/'), for files read away from
 * the site: feeds, downloads, the sitemap.
 */
export function absolute(siteRoot: string, path: string): string {
  return withSlash(siteRoot) + (path.startsWith('/') ? path.slice(1) : path);
}

/** The site root (SITE_URL + base path, ending in '/') of a build, from Astro's `site` and the base path. */
export function siteRootOf(site: URL | string | undefined, base: string = BASE): string {
  return new URL(withSlash(base), site ?? 'http://localhost/').toString();
}

/** Absolute URL of a page of this site, for permalinks and JSON-LD. */
export function absoluteUrl(site: URL | string | undefined, path: string): string {
  return absolute(siteRootOf(site), path);
}
