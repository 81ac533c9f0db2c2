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
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { GetStaticPathsOptions } from 'astro';
import type { Institution, SourceInfo } from '../domain/schemas.ts';
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
}

interface Scope {
  institutions: ReadonlySet<string> | null;
  regions: ReadonlySet<string> | null;
  siteWide: boolean;
  shard: string | null;
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
 * weight: the national lists, and per record the search index, downloads and map data, 0.3 page each (a 10k register
 * in two shards: at 0.5 the site-wide shard, given only one province, finished 40 s before the other).
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
      k === 0 ? lists + site.sources.length + 0.3 * (site.institutions.length + site.penalties.length) : 0,
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

/** A source as a citation shows it: counts of other rows do not change the page. */
function citationOf(s: SourceInfo | undefined) {
  if (!s) return null;
  const { counts: _c, hiddenByReason: _h, problemsByCode: _p, ...shown } = s;
  return shown;
}

/**
 * A hash of everything an institution page shows: the institution, its penalties and inspections, the sources it
 * cites, its region chain and the as-of date. Equal hashes (with equal code) mean an identical page.
 */
export function institutionPageHash(site: SiteIndex, inst: Institution): string {
  const penalties = site.penaltiesByInstitution.get(inst.id) ?? [];
  const inspections = site.inspectionsByInstitution.get(inst.id) ?? [];
  const sourceIds = new Set<string>([
    ...inst.provenance.map((p) => p.source),
    ...inst.events.map((e) => e.provenance.source),
    ...penalties.flatMap((p) => [p.provenance.source, ...p.alsoIn.map((a) => a.source)]),
    ...inspections.map((i) => i.provenance.source),
  ]);
  const node = site.regions.get(inst.region);
  const chain = node ? [...node.ancestors, node.region].map((r) => [r.code, r.name, r.fullName]) : [];
  return createHash('sha256')
    .update(
      JSON.stringify([
        site.asOf,
        inst,
        penalties,
        inspections,
        [...sourceIds].sort().map((id) => citationOf(site.sourceById.get(id))),
        chain,
      ]),
    )
    .digest('hex')
    .slice(0, 20);
}
