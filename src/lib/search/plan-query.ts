/**
 * From a search state to what Pagefind is asked and which bundles are opened. Pure.
 *
 * - A query word that is exactly a region's name (宁波, 东西湖区) becomes a region filter instead of text: it is
 *   precise, it spares the large index chunks of region words, and on a split index it opens only that region.
 * - A USCC carries its registration region (characters 3–8): the search opens that province's bundles first and
 *   widens to all of them when nothing is found there.
 * - Everything else searches the bundles of the chosen region, or all bundles.
 */
import { type ParsedQuery, parseQuery, queryParts, termsFor } from './normalise-query.ts';
import type { RegionTree } from './region-tree.ts';
import type { ManifestShard } from './search-manifest.ts';
import { CHECKBOX_FILTERS, type SearchState } from './search-state.ts';

export type PagefindFilters = Record<string, { any: string[] }>;
export type PagefindSort = Record<string, 'asc' | 'desc'>;

export interface QueryPlan {
  parsed: ParsedQuery;
  /** Pagefind terms, or null to list every record the filters allow. */
  terms: string | null;
  /** Terms to try when `terms` finds nothing (a code-shaped query that is not a whole code). */
  fallback: string | null;
  filters: PagefindFilters;
  sort: PagefindSort | undefined;
  shards: ManifestShard[];
  /** Bundles to search again when a routed search (by a USCC's region) finds nothing. */
  widen: ManifestShard[] | null;
  /** Region codes the query named (shown to the reader as an applied region). */
  namedRegions: string[];
  /** Record regions the search is limited to, or null for everywhere. */
  recordRegions: string[] | null;
}

const SORT_OPTIONS: Record<SearchState['sort'], PagefindSort | undefined> = {
  relevance: undefined,
  name: { name: 'asc' },
  penalty: { penalty: 'desc' },
};

function intersect(a: readonly string[] | null, b: readonly string[]): string[] {
  if (a === null) return [...b];
  const set = new Set(b);
  return a.filter((x) => set.has(x));
}

export function planQuery(state: SearchState, tree: RegionTree, cover = true): QueryPlan {
  const parsed = parseQuery(state.q, cover);
  let recordRegions: string[] | null = state.region ? tree.recordRegions(state.region) : null;
  let terms: string | null = parsed.terms || null;
  const namedRegions: string[] = [];

  if (parsed.kind === 'text') {
    const parts = queryParts(state.q);
    const rest: string[] = [];
    let named: string[] | null = null;
    for (const part of parts) {
      const codes = tree.named(part);
      if (codes.length === 0) {
        rest.push(part);
        continue;
      }
      const within = [...new Set(codes.flatMap((c) => tree.recordRegions(c)))];
      // Two region words that share no record region (宁波 武汉) are read as text rather than as an empty search.
      const next = intersect(named, within);
      if (next.length === 0) {
        rest.push(part);
        continue;
      }
      named = next;
      namedRegions.push(...codes);
    }
    if (named !== null) {
      recordRegions = intersect(recordRegions, named);
      terms = rest.length ? termsFor(rest, cover) : null;
    }
  }

  const filters: PagefindFilters = {};
  for (const key of CHECKBOX_FILTERS) if (state[key].length) filters[key] = { any: [...state[key]] };
  if (recordRegions !== null) filters.region = { any: recordRegions };

  const all = [...tree.shards];
  let shards = recordRegions === null ? all : tree.shardsFor(recordRegions);
  let widen: ManifestShard[] | null = null;
  if (parsed.kind === 'uscc' && recordRegions === null && all.length > 1) {
    const province = `${parsed.key.slice(2, 4)}0000`;
    const routed = tree.shardsFor(tree.recordRegions(province));
    if (routed.length > 0 && routed.length < all.length) {
      shards = routed;
      widen = all.filter((s) => !routed.includes(s));
    }
  }

  return {
    parsed,
    terms,
    fallback: parsed.fallback,
    filters,
    sort: SORT_OPTIONS[state.sort],
    shards,
    widen,
    namedRegions: [...new Set(namedRegions)],
    recordRegions,
  };
}
