/**
 * Penalties grouped the ways the penalty lists filter them — by year decided, by sector, by 处罚类别 — for the whole
 * register and for one region alike, so a region's list filters within the region. Pure; a grouping is kept per
 * list so a region's pages group its penalties once.
 */

import { type Penalty, SECTORS, type Sector } from '../domain/schemas.ts';
import { yearOf } from './format.ts';
import { categorySlugs } from './labels.ts';

export interface PenaltyFacets {
  /** Newest year first. */
  byYear: ReadonlyMap<string, Penalty[]>;
  bySector: ReadonlyMap<Sector, Penalty[]>;
  /** By category slug; a penalty with several categories is in each. */
  byCategory: ReadonlyMap<string, Penalty[]>;
}

export const PENALTY_FACET_KINDS = ['year', 'sector', 'category'] as const;
export type PenaltyFacetKind = (typeof PENALTY_FACET_KINDS)[number];

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const arr = m.get(k);
  if (arr) arr.push(v);
  else m.set(k, [v]);
}

/** Groups keep the order of `penalties` (newest first where the caller sorted them so). */
export function penaltyFacets(penalties: readonly Penalty[]): PenaltyFacets {
  const byYear = new Map<string, Penalty[]>();
  const bySector = new Map<Sector, Penalty[]>(SECTORS.map((s) => [s, []]));
  const byCategory = new Map<string, Penalty[]>();
  for (const p of penalties) {
    pushTo(byYear, yearOf(p.decided), p);
    bySector.get(p.sector)?.push(p);
    for (const slug of categorySlugs(p.categories)) pushTo(byCategory, slug, p);
  }
  const out: PenaltyFacets = {
    byYear: new Map([...byYear.entries()].sort((a, b) => (a[0] < b[0] ? 1 : -1))),
    bySector,
    byCategory,
  };
  return out;
}

/** The penalties one facet value selects. */
export function facetItems(f: PenaltyFacets, kind: PenaltyFacetKind, value: string): Penalty[] {
  const m: ReadonlyMap<string, Penalty[]> =
    kind === 'year'
      ? f.byYear
      : kind === 'sector'
        ? (f.bySector as ReadonlyMap<string, Penalty[]>)
        : f.byCategory;
  return m.get(value) ?? [];
}
