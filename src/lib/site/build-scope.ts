/**
 * Which pages a build renders. A full build renders all of them. BUILD_SCOPE names a JSON file (BuildScopeFile) that
 * narrows it:
 * - an incremental build (scripts/build.ts --incremental) renders only the institution pages whose content changed
 *   and keeps the others from the previous build;
 * - a shard of a sharded build (scripts/build-shards.ts) renders the institution and region pages of its provinces,
 *   and the site-wide pages (lists, penalties, downloads, feeds, sitemap, map data, search index…) only when it is
 *   the site-wide shard.
 * Pages of one province link only to that province and to site-wide pages, so the shards' outputs are disjoint
 * trees that are joined by copying.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GetStaticPathsOptions } from 'astro';
import type { Institution } from '../domain/schemas.ts';
import { pageCount } from './paginate.ts';
import type { RegionNode, SiteIndex } from './site-index.ts';

/** The file BUILD_SCOPE points to. A list that is absent means all. */
export interface BuildScopeFile {
  institutions?: string[];
  /** Region codes whose /regions/<code>/… pages are rendered. */
  regions?: string[];
  /** Whether the site-wide pages are rendered (default true). */
  siteWide?: boolean;
  /** 'K/N' in a sharded build: the shard writes no file that spans shards (the merge writes those). */
  shard?: string;
  /**
   * Page keys (page-keys.ts): every keyed page's key is recorded in `record` (a JSON object, URL → key) when the
   * build ends; a page whose key equals its key in `previous` is not rendered, the previous build's file is kept.
   */
  pages?: { record: string; previous?: string; previousDir?: string };
}

interface Scope {
  institutions: ReadonlySet<string> | null;
  regions: ReadonlySet<string> | null;
  siteWide: boolean;
  shard: string | null;
  record: string | null;
  previous: ReadonlyMap<string, string> | null;
  previousDir: string | null;
}

let scope: Scope | undefined;

function currentScope(): Scope {
  if (scope === undefined) {
    const file = process.env.BUILD_SCOPE;
    const s: BuildScopeFile = file ? JSON.parse(readFileSync(file, 'utf8')) : {};
    scope = {
      institutions: s.institutions ? new Set(s.institutions) : null,
      regions: s.regions ? new Set(s.regions) : null,
      siteWide: s.siteWide ?? true,
      shard: s.shard ?? null,
      record: s.pages?.record ?? null,
      previous: s.pages?.previous
        ? new Map(
            Object.entries(JSON.parse(readFileSync(s.pages.previous, 'utf8')) as Record<string, string>),
          )
        : null,
      previousDir: s.pages?.previousDir ?? null,
    };
  }
  return scope;
}

/** What getStaticPaths receives: `everyPage` asks for all pages whatever the scope (the sitemap lists every page). */
export type ScopeOptions = Partial<GetStaticPathsOptions> & { everyPage?: boolean };

export function institutionsToRender(all: readonly Institution[], everyPage = false): readonly Institution[] {
  const only = currentScope().institutions;
  return everyPage || !only ? all : all.filter((i) => only.has(i.id));
}

/** The regions whose /regions/<code>/… pages this build renders. */
export function regionsToRender(all: Iterable<RegionNode>, everyPage = false): RegionNode[] {
  const only = currentScope().regions;
  return everyPage || !only ? [...all] : [...all].filter((n) => only.has(n.region.code));
}

/** Whether this build renders the site-wide pages: the first line of their getStaticPaths. */
export function rendersSiteWide(everyPage = false): boolean {
  return everyPage || currentScope().siteWide;
}

/** 'K/N' when this build is one shard of several, else null. */
export function shardOfBuild(): string | null {
  return currentScope().shard;
}

/** Whether this build writes only part of the site (a shard, or an incremental build keeping earlier pages). */
export function partialBuild(): boolean {
  const s = currentScope();
  return s.shard !== null || s.previous !== null;
}

/** The URL a route writes for some params: '/regions/[code]/[...page]' with { code: '11' } → '/regions/11/'. */
export function routeUrl(route: string, params: Readonly<Record<string, string | undefined>>): string {
  const filled = route
    .replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, _rest, name: string) => params[name] ?? '')
    .replace(/\/{2,}/g, '/');
  const last = filled.slice(filled.lastIndexOf('/') + 1);
  return last.includes('.') ? filled : filled.endsWith('/') ? filled : `${filled}/`;
}

/**
 * The file a URL is written to under the output directory ('/regions/11/' → 'regions/11/index.html'), or for a
 * folder keyed as a whole ('/pagefind/*') the folder ('pagefind').
 */
export function urlFile(url: string): string {
  if (url.endsWith('/*')) return url.slice(1, -2);
  const path = url.replace(/^\//, '');
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
}

/** The keys of the pages this build process listed, kept on globalThis: pages and integrations load their own copy. */
const RECORDED = Symbol.for('care-register.page-keys');

export function recordedKeys(): Map<string, string> {
  const shared = globalThis as { [RECORDED]?: Map<string, string> };
  shared[RECORDED] ??= new Map();
  return shared[RECORDED];
}

/** Where this build records its page keys, or null when it does not. */
export function keysRecordFile(): string | null {
  return currentScope().record;
}

/**
 * The previous build's file of a page this build keeps (its key is `key` now and was then), or null when the page
 * is rendered: what a page that describes a kept file (the downloads page gives every download's size) reads.
 */
export function keptFile(url: string, key: string): string | null {
  const s = currentScope();
  if (s.previousDir === null || s.previous?.get(url) !== key) return null;
  return join(s.previousDir, urlFile(url));
}

/**
 * A folder of outputs that are not pages (`/pagefind/*`), keyed as a whole: records its key, and returns the
 * previous build's folder when its key was the same — the build then keeps that folder and writes none.
 */
export function keptFolder(url: `${string}/*`, key: string): string | null {
  if (currentScope().record === null) return null;
  recordedKeys().set(url, key);
  return keptFile(url, key);
}

/**
 * The entries of a route's getStaticPaths this build renders: all of them, unless the build records page keys and
 * keeps unchanged pages, in which case an entry whose key (page-keys.ts) equals the previous build's is left out.
 * `route` is the page's path pattern as its file names it ('/regions/[code]/[...page]').
 */
export function renderChanged<T extends { params: Readonly<Record<string, string | undefined>> }>(
  route: string,
  entries: readonly T[],
  keyOf: (entry: T) => string,
  everyPage = false,
): T[] {
  const s = currentScope();
  if (everyPage || s.record === null) return [...entries];
  const keys = recordedKeys();
  const out: T[] = [];
  for (const e of entries) {
    const url = routeUrl(route, e.params);
    const key = keyOf(e);
    keys.set(url, key);
    if (s.previous?.get(url) !== key) out.push(e);
  }
  return out;
}

/** The province a region belongs to (a province is its own). */
export function provinceOf(node: RegionNode): string {
  return node.ancestors[0]?.code ?? node.region.code;
}

/**
 * The pages a region's /regions/<code>/… routes write, as their getStaticPaths count them: lists of its
 * institutions (all, by status, by sector) and of its penalties (all, and about as many again by each of year, sector
 * and category), and 4 downloads. An estimate is enough for balancing shards.
 */
interface PageSizes {
  institutions: number;
  penalties: number;
}

function regionPages(node: RegionNode, size: PageSizes): number {
  const inst = (n: number) => pageCount(n, size.institutions);
  const pen = (n: number) => (n ? pageCount(n, size.penalties) : 0);
  const byStatus = Object.values(node.byStatus).reduce((a, n) => a + (n ? inst(n) : 0), 0);
  const bySector = Object.values(node.bySector).reduce((a, n) => a + (n ? inst(n) : 0), 0);
  const penalties = pageCount(node.penalties.length, size.penalties) + 3 * pen(node.penalties.length);
  return inst(node.institutions.length) + byStatus + bySector + penalties + 4;
}

/** Pages per province: its institutions' pages and its regions' pages. */
export function provinceWeights(site: SiteIndex, size: PageSizes): Map<string, number> {
  const weight = new Map<string, number>();
  const add = (code: string, w: number) => weight.set(code, (weight.get(code) ?? 0) + w);
  for (const node of site.regions.values()) add(provinceOf(node), regionPages(node, size));
  for (const inst of site.institutions) {
    const node = site.regions.get(inst.region);
    if (node) add(provinceOf(node), 1);
  }
  return weight;
}

export interface ShardPlan {
  /** 1-based shard number → its provinces, the site-wide pages in shard 1. */
  shards: { shard: number; siteWide: boolean; provinces: string[]; weight: number }[];
}

/**
 * Provinces packed into n shards by page count, largest first into the lightest shard (ties: the lower code, the
 * lower shard), so every job computes the same plan. Shard 1 also renders the site-wide pages and starts with their
 * weight: the national lists, and per record the search index, downloads and map data, 0.2 page each. Measured on
 * the 2-core machine: at 10k, 0.5 made the site-wide shard, given one province, finish 40 s before the other, and 0.3
 * balanced; at 100k, 0.3 gave it 2 provinces of 7 and it finished in 177 s against 254 s (their pages' cost puts
 * the site-wide part at 0.17 a record there).
 */
export function planShards(
  site: SiteIndex,
  n: number,
  size: { institutions: number; penalties: number },
): ShardPlan {
  if (!Number.isInteger(n) || n < 1) throw new Error(`分片数应为正整数，收到 ${n}`);
  const weight = provinceWeights(site, size);
  const lists =
    3 * pageCount(site.institutions.length, size.institutions) +
    4 * pageCount(site.penalties.length, size.penalties);
  const shards = Array.from({ length: n }, (_, k) => ({
    shard: k + 1,
    siteWide: k === 0,
    provinces: [] as string[],
    weight:
      k === 0 ? lists + site.sources.length + 0.2 * (site.institutions.length + site.penalties.length) : 0,
  }));
  const provinces = [...weight].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [code, w] of provinces) {
    let lightest = shards[0] as (typeof shards)[number];
    for (const s of shards) if (s.weight < lightest.weight) lightest = s;
    lightest.provinces.push(code);
    lightest.weight += w;
  }
  for (const s of shards) s.provinces.sort();
  return { shards };
}

/** The scope of shard k of a plan: its provinces' institutions and regions, and the site-wide pages in shard 1. */
export function shardScope(site: SiteIndex, plan: ShardPlan, k: number): BuildScopeFile {
  const s = plan.shards[k - 1];
  if (!s) throw new Error(`分片 ${k} 不在 1..${plan.shards.length} 之间`);
  const mine = new Set(s.provinces);
  const regions = [...site.regions.values()].filter((node) => mine.has(provinceOf(node)));
  const codes = new Set(regions.map((node) => node.region.code));
  return {
    institutions: site.institutions.filter((i) => codes.has(i.region)).map((i) => i.id),
    regions: [...codes],
    siteWide: s.siteWide,
    shard: `${k}/${plan.shards.length}`,
  };
}
