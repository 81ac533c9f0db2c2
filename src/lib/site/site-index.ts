/**
 * Every site-wide lookup the pages need, built once from SiteData. Pages only read from it, so a build does the
 * sorting and grouping once however many pages it renders (100,000 institutions and penalties stay linear).
 */

import {
  compareInspectionsNewest,
  comparePenaltiesNewest,
  compareSourcesNewest,
  nameCollator,
} from '../domain/rules/order.ts';

export { comparePenaltiesNewest, nameCollator };

import {
  type Inspection,
  type Institution,
  type Penalty,
  type Region,
  SECTORS,
  type Sector,
  type SiteData,
  type SourceInfo,
  STATUSES,
  type Status,
} from '../domain/schemas.ts';
import { type PenaltyFacets, penaltyFacets } from './penalty-facets.ts';

export type Counts<K extends string> = Record<K, number>;

export interface RegionNode {
  region: Region;
  /** Province first, the parent last; empty for a province. */
  ancestors: Region[];
  children: RegionNode[];
  /** Institutions in this region or below it, by name; and the same split by status and by sector. */
  institutions: Institution[];
  institutionsByStatus: Map<Status, Institution[]>;
  institutionsBySector: Map<Sector, Institution[]>;
  /** Visible penalties decided in this region or below it, newest first (natural persons included). */
  penalties: Penalty[];
  byStatus: Counts<Status>;
  bySector: Counts<Sector>;
  /** Sum of published 托位数 and how many institutions published one. */
  places: number;
  placesReported: number;
}

export interface SiteIndex {
  asOf: string;
  /** All institutions by name. */
  institutions: Institution[];
  institutionById: ReadonlyMap<string, Institution>;
  institutionsByStatus: ReadonlyMap<Status, Institution[]>;
  institutionsBySector: ReadonlyMap<Sector, Institution[]>;
  byStatus: Counts<Status>;
  bySector: Counts<Sector>;
  /** All visible penalties, newest first. */
  penalties: Penalty[];
  penaltiesByInstitution: ReadonlyMap<string, Penalty[]>;
  /** Newest year first. */
  penaltiesByYear: ReadonlyMap<string, Penalty[]>;
  penaltiesBySector: ReadonlyMap<Sector, Penalty[]>;
  /** Keyed by category slug (labels.ts); a penalty with several categories is in each. */
  penaltiesByCategory: ReadonlyMap<string, Penalty[]>;
  /** The three groupings above, as the penalty list pages take them. */
  penaltyFacets: PenaltyFacets;
  inspectionsByInstitution: ReadonlyMap<string, Inspection[]>;
  sources: SourceInfo[];
  sourceById: ReadonlyMap<string, SourceInfo>;
  /** Row counts over all sources. */
  sourceTotals: RowCounts;
  regions: ReadonlyMap<string, RegionNode>;
  provinces: RegionNode[];
}

function zeroCounts<K extends string>(keys: readonly K[]): Counts<K> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Counts<K>;
}

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const arr = m.get(k);
  if (arr) arr.push(v);
  else m.set(k, [v]);
}

export function compareInstitutionsByName(a: Institution, b: Institution): number {
  return nameCollator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class SiteDataError extends Error {}

const RESERVED_IDS: ReadonlySet<string> = new Set(['page', 'status', 'sector']);

export function buildSiteIndex(data: SiteData): SiteIndex {
  // Regions: nodes, then ancestors through parent links.
  const regions = new Map<string, RegionNode>();
  for (const r of [...data.regions].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
    regions.set(r.code, {
      region: r,
      ancestors: [],
      children: [],
      institutions: [],
      institutionsByStatus: new Map(STATUSES.map((st) => [st, []])),
      institutionsBySector: new Map(SECTORS.map((se) => [se, []])),
      penalties: [],
      byStatus: zeroCounts(STATUSES),
      bySector: zeroCounts(SECTORS),
      places: 0,
      placesReported: 0,
    });
  }
  const provinces: RegionNode[] = [];
  for (const node of regions.values()) {
    const parentCode = node.region.parent;
    const parent = parentCode ? regions.get(parentCode) : undefined;
    if (parentCode && !parent) {
      throw new SiteDataError(`地区 ${node.region.code} 的上级 ${parentCode} 不在 regions 中`);
    }
    if (parent) parent.children.push(node);
    else provinces.push(node);
  }
  for (const node of regions.values()) {
    const chain: Region[] = [];
    const seen = new Set<string>([node.region.code]);
    let p = node.region.parent ? regions.get(node.region.parent) : undefined;
    while (p) {
      if (seen.has(p.region.code)) throw new SiteDataError(`地区 ${node.region.code} 的上级关系成环`);
      seen.add(p.region.code);
      chain.unshift(p.region);
      p = p.region.parent ? regions.get(p.region.parent) : undefined;
    }
    node.ancestors = chain;
  }
  const regionChain = (code: string, what: string): RegionNode[] => {
    const node = regions.get(code);
    if (!node) throw new SiteDataError(`${what} 的地区代码 ${code} 不在 regions 中`);
    return [...node.ancestors.map((a) => regions.get(a.code) as RegionNode), node];
  };

  // Institutions, by name; every grouping below keeps that order.
  const institutions = [...data.institutions].sort(compareInstitutionsByName);
  const institutionById = new Map<string, Institution>();
  const institutionsByStatus = new Map<Status, Institution[]>(STATUSES.map((s) => [s, []]));
  const institutionsBySector = new Map<Sector, Institution[]>(SECTORS.map((s) => [s, []]));
  const byStatus = zeroCounts(STATUSES);
  const bySector = zeroCounts(SECTORS);
  for (const inst of institutions) {
    if (institutionById.has(inst.id)) throw new SiteDataError(`机构编号 ${inst.id} 重复`);
    // /institutions/page/, /status/ and /sector/ hold the lists; an id must not take those names.
    if (RESERVED_IDS.has(inst.id) || !/^[0-9a-z-]+$/.test(inst.id)) {
      throw new SiteDataError(
        `机构编号 ${inst.id} 不能用作网址（只允许小写字母、数字和连字符，且不能是 page、status、sector）`,
      );
    }
    institutionById.set(inst.id, inst);
    institutionsByStatus.get(inst.status)?.push(inst);
    institutionsBySector.get(inst.sector)?.push(inst);
    byStatus[inst.status]++;
    bySector[inst.sector]++;
    for (const node of regionChain(inst.region, `机构 ${inst.id}`)) {
      node.institutions.push(inst);
      node.institutionsByStatus.get(inst.status)?.push(inst);
      node.institutionsBySector.get(inst.sector)?.push(inst);
      node.byStatus[inst.status]++;
      node.bySector[inst.sector]++;
      if (inst.capacity !== null) {
        node.places += inst.capacity;
        node.placesReported++;
      }
    }
  }

  // Penalties, newest first.
  const penalties = [...data.penalties].sort(comparePenaltiesNewest);
  const penaltiesByInstitution = new Map<string, Penalty[]>();
  for (const p of penalties) {
    if (p.institutionId !== null) {
      if (!institutionById.has(p.institutionId)) {
        throw new SiteDataError(`处罚 ${p.documentNumber} 指向不存在的机构 ${p.institutionId}`);
      }
      pushTo(penaltiesByInstitution, p.institutionId, p);
    }
    for (const node of regionChain(p.region, `处罚 ${p.documentNumber}`)) node.penalties.push(p);
  }
  const facets = penaltyFacets(penalties);

  const inspectionsByInstitution = new Map<string, Inspection[]>();
  const inspections = [...data.inspections].sort(compareInspectionsNewest);
  for (const i of inspections)
    if (i.institutionId !== null) pushTo(inspectionsByInstitution, i.institutionId, i);

  const sources = [...data.sources].sort(compareSourcesNewest);

  return {
    asOf: data.asOf,
    institutions,
    institutionById,
    institutionsByStatus,
    institutionsBySector,
    byStatus,
    bySector,
    penalties,
    penaltiesByInstitution,
    penaltyFacets: facets,
    penaltiesByYear: facets.byYear,
    penaltiesBySector: facets.bySector,
    penaltiesByCategory: facets.byCategory,
    inspectionsByInstitution,
    sources,
    sourceById: new Map(sources.map((s) => [s.id, s])),
    sourceTotals: sourceTotals(sources),
    regions,
    provinces,
  };
}

export interface RowCounts {
  rows: number;
  published: number;
  merged: number;
  hidden: number;
  rejected: number;
}

/** Row counts over all sources. */
export function sourceTotals(sources: readonly SourceInfo[]): RowCounts {
  const t = { rows: 0, published: 0, merged: 0, hidden: 0, rejected: 0 };
  for (const s of sources) {
    t.rows += s.counts.rows;
    t.published += s.counts.published;
    t.merged += s.counts.merged;
    t.hidden += s.counts.hidden;
    t.rejected += s.counts.rejected;
  }
  return t;
}
