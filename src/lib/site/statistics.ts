/**
 * Enforcement statistics per region and per year, as families and journalists compare areas: penalties by sector and
 * by 处罚类别, fines, 黑名单 entries, institutions per 1,000 births where the agency gives the births, and a
 * region's place against the other regions of its level in its province.
 *
 * Pure, over the published data the pages read (site-index.ts), so the as-of date is already applied: only
 * penalties inside their publicity window and list events the public could see on that date are counted
 * (docs/rules.md). Years are those of the decision (处罚决定日期) and of the 黑名单 entry taking effect. Groupings
 * reuse penaltyFacets, the ones the penalty lists filter by, so a figure here and the length of the list it links to
 * are the same number.
 */

import { decideStatus } from '../domain/rules/status.ts';
import { eventDate } from '../domain/rules/visibility.ts';
import { type Institution, type Penalty, SECTORS, type Sector } from '../domain/schemas.ts';
import { yearOf } from './format.ts';
import { categorySlugs, PENALTY_CATEGORIES } from './labels.ts';
import { type PenaltyFacets, penaltyFacets } from './penalty-facets.ts';
import type { RegionNode, SiteIndex } from './site-index.ts';

export interface YearFigures {
  /** 'YYYY', or '' for the total over all years. */
  year: string;
  penalties: number;
  bySector: Record<Sector, number>;
  /** Decisions by category slug (labels.ts); a decision with several categories counts in each. */
  byCategory: Record<string, number>;
  /** Decisions with a fine, and the fines and confiscations summed, in whole yuan. */
  fined: number;
  fineYuan: number;
  confiscatedYuan: number;
  /** 黑名单 列入 that took effect in the year. */
  blacklistings: number;
}

export interface EnforcementStatistics {
  /** Oldest first: every year from the first to the last with a penalty or a 黑名单 entry, gaps as zeros. */
  years: YearFigures[];
  total: YearFigures;
  /** The category slugs that occur, in the order of 行政处罚法 art. 9 (PENALTY_CATEGORIES). */
  categories: string[];
}

function emptyYear(year: string): YearFigures {
  return {
    year,
    penalties: 0,
    bySector: Object.fromEntries(SECTORS.map((s) => [s, 0])) as Record<Sector, number>,
    byCategory: {},
    fined: 0,
    fineYuan: 0,
    confiscatedYuan: 0,
    blacklistings: 0,
  };
}

function addPenalties(into: YearFigures, penalties: readonly Penalty[]): void {
  into.penalties += penalties.length;
  for (const p of penalties) {
    into.bySector[p.sector]++;
    for (const slug of categorySlugs(p.categories)) into.byCategory[slug] = (into.byCategory[slug] ?? 0) + 1;
    if (p.fineYuan > 0) into.fined++;
    into.fineYuan += p.fineYuan;
    into.confiscatedYuan += p.confiscatedYuan;
  }
}

/** The years 黑名单 entries took effect, one per 列入. */
function blacklistingYears(institutions: readonly Institution[]): string[] {
  const out: string[] = [];
  for (const inst of institutions)
    for (const ev of inst.events)
      if (ev.list === '黑名单' && ev.action === '列入') out.push(yearOf(eventDate(ev)));
  return out;
}

/** Statistics of a set of penalties and the institutions of the same area. */
export function enforcementStatistics(
  penalties: readonly Penalty[],
  institutions: readonly Institution[],
  facets: PenaltyFacets = penaltyFacets(penalties),
): EnforcementStatistics {
  const byYear = new Map<string, YearFigures>();
  const yearOf = (y: string) => {
    const f = byYear.get(y) ?? emptyYear(y);
    byYear.set(y, f);
    return f;
  };
  for (const [year, list] of facets.byYear) addPenalties(yearOf(year), list);
  for (const year of blacklistingYears(institutions)) yearOf(year).blacklistings++;

  const known = [...byYear.keys()].map(Number);
  const years: YearFigures[] = [];
  if (known.length > 0) {
    for (let y = Math.min(...known); y <= Math.max(...known); y++)
      years.push(byYear.get(String(y)) ?? emptyYear(String(y)));
  }
  const total = emptyYear('');
  addPenalties(total, penalties);
  total.blacklistings = years.reduce((n, y) => n + y.blacklistings, 0);
  const categories = PENALTY_CATEGORIES.map(([, slug]) => slug).filter(
    (slug) => (total.byCategory[slug] ?? 0) > 0,
  );
  return { years, total, categories };
}

/** Births by region code, then by year ('YYYY'), as the agency sets them in site.config.mjs (`births`). */
export type BirthsTable = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface BirthsFigures {
  year: string;
  births: number;
  /** Institutions on a list (备案, 登记 …; not removed) at the end of the year, or on the as-of date in its year. */
  institutions: Record<Sector, number>;
  /** The same per 1,000 births. */
  perThousand: Record<Sector, number>;
}

/**
 * On a list at the end of `day`: from the list events the public can see that had taken effect by then, decided by
 * the status rule (status.ts) without penalties and 黑名单, which say nothing of the registration.
 */
function onListOn(inst: Institution, day: string): boolean {
  const events = inst.events.filter((e) => e.list !== '黑名单' && eventDate(e) <= day);
  const facts = decideStatus(events, []);
  return facts.status === 'listed' && facts.lists.length > 0;
}

/**
 * Institutions per 1,000 births, for each year the agency gave births for the region, up to the as-of year (a
 * figure set for a later year is not shown).
 */
export function birthsFigures(
  institutions: readonly Institution[],
  births: Readonly<Record<string, number>> | undefined,
  asOf: string,
): BirthsFigures[] {
  if (!births) return [];
  const asOfYear = yearOf(asOf);
  return Object.entries(births)
    .filter(([year]) => year <= asOfYear)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([year, count]) => {
      const day = year === asOfYear ? asOf : `${year}-12-31`;
      const n = Object.fromEntries(SECTORS.map((s) => [s, 0])) as Record<Sector, number>;
      for (const inst of institutions) if (onListOn(inst, day)) n[inst.sector]++;
      const perThousand = Object.fromEntries(SECTORS.map((s) => [s, (n[s] * 1000) / count])) as Record<
        Sector,
        number
      >;
      return { year, births: count, institutions: n, perThousand };
    });
}

/** The figures one region is compared on. */
export const COMPARED_METRICS = [
  'institutions',
  'penalties',
  'per100',
  'fineYuan',
  'blacklistings',
  'childcarePerThousandBirths',
  'postpartumPerThousandBirths',
] as const;
export type ComparedMetric = (typeof COMPARED_METRICS)[number];

/** What each compared figure is, with its unit. */
export const COMPARED_METRIC_LABEL: Readonly<Record<ComparedMetric, string>> = {
  institutions: '收录机构（家）',
  penalties: '公示期内行政处罚（条）',
  per100: '每百家机构的行政处罚（条）',
  fineYuan: '罚款总额（万元）',
  blacklistings: '列入黑名单（次）',
  childcarePerThousandBirths: '托育机构／每千名出生人口（家）',
  postpartumPerThousandBirths: '母婴护理机构／每千名出生人口（家）',
};

export interface RegionSummary {
  node: RegionNode;
  /** A null is a figure that cannot be given: a rate without institutions, a ratio without births. */
  values: Record<ComparedMetric, number | null>;
}

/** A region's statistics (its sub-regions included); the site model keeps them (model.ts). */
export function regionStatistics(node: RegionNode, facets?: PenaltyFacets): EnforcementStatistics {
  return enforcementStatistics(node.penalties, node.institutions, facets);
}

/** The whole register's statistics; the site model keeps them (model.ts). */
export function nationalStatistics(site: SiteIndex): EnforcementStatistics {
  return enforcementStatistics(site.penalties, site.institutions, site.penaltyFacets);
}

/** A region's statistics, as the site model keeps them (model.ts). */
export type StatisticsOf = (node: RegionNode) => EnforcementStatistics;

/** A region's figures; the births ratios for `birthsYear` (regions compare one year's births with one another). */
export function regionSummary(
  node: RegionNode,
  births: BirthsTable,
  asOf: string,
  birthsYear: string | null,
  statisticsOf: StatisticsOf,
): RegionSummary {
  const s = statisticsOf(node);
  const institutions = node.institutions.length;
  const given = births[node.region.code];
  const ratio =
    birthsYear !== null && given?.[birthsYear] !== undefined
      ? (birthsFigures(node.institutions, { [birthsYear]: given[birthsYear] }, asOf)[0] ?? null)
      : null;
  return {
    node,
    values: {
      institutions,
      penalties: s.total.penalties,
      per100: institutions > 0 ? (s.total.penalties * 100) / institutions : null,
      fineYuan: s.total.fineYuan,
      blacklistings: s.total.blacklistings,
      childcarePerThousandBirths: ratio ? ratio.perThousand.childcare : null,
      postpartumPerThousandBirths: ratio ? ratio.perThousand.postpartum : null,
    },
  };
}

/**
 * The regions a region is compared with: those of its level in its province (itself included); a province is
 * compared with every province.
 */
export function peerRegions(site: SiteIndex, node: RegionNode): RegionNode[] {
  if (node.region.level === 'province') return site.provinces;
  const province = node.ancestors[0]?.code;
  return [...site.regions.values()].filter(
    (n) => n.region.level === node.region.level && n.ancestors[0]?.code === province,
  );
}

export interface MetricPlace {
  metric: ComparedMetric;
  value: number | null;
  /** Mean over the peers that have the figure; null when none has. */
  average: number | null;
  /** 1 for the highest among the peers with the figure (ties share a place); null without a value. */
  rank: number | null;
  /** How many peers have the figure. */
  of: number;
}

export interface RegionComparison {
  /** The province's name, or null when provinces are compared with one another. */
  province: string | null;
  peers: RegionSummary[];
  self: RegionSummary;
  places: MetricPlace[];
  /** The year the births ratios are for: the latest the agency gave births for this region; null without. */
  birthsYear: string | null;
}

/** A region against the average of the regions of its level in its province (peerRegions). */
export function compareRegion(
  site: SiteIndex,
  node: RegionNode,
  births: BirthsTable,
  statisticsOf: StatisticsOf,
): RegionComparison {
  const birthsYear =
    birthsFigures(node.institutions, births[node.region.code], site.asOf).at(-1)?.year ?? null;
  const summary = (n: RegionNode) => regionSummary(n, births, site.asOf, birthsYear, statisticsOf);
  const peers = peerRegions(site, node).map(summary);
  const self = peers.find((p) => p.node === node) ?? summary(node);
  const places = COMPARED_METRICS.map((metric): MetricPlace => {
    const values = peers.map((p) => p.values[metric]).filter((v): v is number => v !== null);
    const value = self.values[metric];
    return {
      metric,
      value,
      average: values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null,
      rank: value === null ? null : values.filter((v) => v > value).length + 1,
      of: values.length,
    };
  });
  return {
    province: node.region.level === 'province' ? null : (node.ancestors[0]?.name ?? null),
    peers,
    self,
    places,
    birthsYear,
  };
}
