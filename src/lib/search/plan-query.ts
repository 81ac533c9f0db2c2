/**
 * From a search state to what Pagefind is asked and which bundles are opened. Pure.
 *
 * - A query word that is exactly a region's name (宁波, 东西湖区) becomes a region filter instead of text: it is
 *   precise, it spares the large index chunks of region words, and on a split index it opens only that region.
 * - A USCC carries its registration region (characters 3–8): the search opens that province's bundles first and
 *   widens to all of them when nothing is found there.
 * - Everything else searches the bundles of the chosen region, or all bundles.
 */

import { enclosingCodes } from '../domain/rules/regions.ts';
import { allowedFacets, FACET_FILTER } from './facets.ts';
import { leaveOneOut, NEAR_MIN_LENGTH } from './near-match.ts';
import { type ParsedQuery, parseQuery, queryParts, termsFor } from './normalise-query.ts';
import { filterWords, sectorWord } from './query-words.ts';
import type { RegionTree } from './region-tree.ts';
import type { ManifestShard } from './search-manifest.ts';
import { CHECKBOX_FILTERS, type CheckboxFilter, type SearchState } from './search-state.ts';

export type PagefindFilters = Record<string, { any: string[] }>;
export type PagefindSort = Record<string, 'asc' | 'desc'>;

export interface QueryPlan {
  parsed: ParsedQuery;
  /** Whether a long part was cut down to its distinctive words (then more results are checked for an exact match). */
  focused: boolean;
  /** Pagefind terms, or null to list every record the filters allow. */
  terms: string | null;
  /** Terms to try when `terms` finds nothing (a code-shaped query that is not a whole code). */
  fallback: string | null;
  filters: PagefindFilters;
  /** For each filter the reader chose: the filters without that choice (its values are counted with these). */
  filtersWithout: Partial<Record<CheckboxFilter | 'region', PagefindFilters>>;
  sort: PagefindSort | undefined;
  shards: ManifestShard[];
  /** Bundles to add, one group at a time, while a routed search (a USCC, a 文号, a name's region) finds nothing. */
  widen: ManifestShard[][];
  /** Region codes the query named (shown to the reader as an applied region). */
  namedRegions: string[];
  /** Record regions the search is limited to, or null for everywhere. */
  recordRegions: string[] | null;
  /**
   * Tried in order when the search finds nothing: the everyday sector word read as the sector (和颐月子中心 → 和颐
   * among 母婴护理), then near matches of a long name (near-match.ts).
   */
  sectorRetry: { terms: string | null; filters: PagefindFilters } | null;
  near: { terms: string[]; key: string } | null;
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

/**
 * The regions a query part names: the part is one region name (宁波, 东西湖区) or a chain of them (武汉市东西湖区,
 * 湖北武汉) — then the last one, within the ones before it where the names allow.
 */
function regionWords(part: string, tree: RegionTree): string[] {
  const direct = tree.named(part);
  if (direct.length) return direct;
  const { words, rest } = tree.leadingRegions(part);
  if (rest !== '' || words.length < 2) return [];
  let codes = tree.named(words[words.length - 1] as string);
  for (const w of words.slice(0, -1)) {
    const outer = new Set(tree.named(w));
    const inside = codes.filter((c) => tree.chain(c).some((r) => outer.has(r.code)));
    if (inside.length) codes = inside;
  }
  return codes;
}

/** Words institutions' names end with: generic, so a long query is searched by what comes before them. */
const NAME_SUFFIX =
  /(?:有限责任公司|有限公司|分公司|公司|服务中心|服务部|服务站|服务|中心|托育园|托育点|托育所|托育|早教|幼儿园|托儿所|育儿园|婴幼儿|照护|母婴|护理|健康管理|管理|月子会所|月子|会所|产后|康复|家庭|分店|店|第\d+)$/u;

/** Parts at least this long (characters) are cut down to their distinctive words. */
const FOCUS_LENGTH = 6;

const length = (s: string) => [...s].length;

/**
 * A long part (a full name or an address) asks for as few index chunks as tell it apart: the region names it starts
 * with become one bigram of the innermost, the generic words it ends with go (广州市从化区萌书香托育服务有限公司 →
 * 萌书香 从化). Every page with the whole name still matches; exact matches are moved first afterwards.
 * Returns the words to search for, separated by spaces.
 */
function focusPart(part: string, tree: RegionTree): { words: string; region: string | null } {
  if (length(part) < FOCUS_LENGTH) return { words: part, region: null };
  const { words, rest } = tree.leadingRegions(part);
  let core = rest;
  for (;;) {
    const suffix = NAME_SUFFIX.exec(core);
    if (suffix && length(core) - length(suffix[0]) >= 2) {
      core = core.slice(0, core.length - suffix[0].length);
      continue;
    }
    const trailing = tree.trailingRegion(core);
    if (trailing && length(trailing.rest) >= 2) {
      core = trailing.rest;
      continue;
    }
    break;
  }
  if (length(core) < 2) return { words: part, region: null };
  const inner = words[words.length - 1] ?? null;
  return { words: inner ? `${core} ${[...inner].slice(0, 2).join('')}` : core, region: inner };
}

export interface PlanOptions {
  /** Bigrams covering the text rather than all of them (the default; the other is for measuring). */
  cover?: boolean;
  /** The bundles holding 文号 of an agency, by the part of the 文号 before its year (search-manifest.ts). */
  documents?: Readonly<Record<string, readonly string[]>>;
}

/** 凯卫罚202618号 → 凯卫罚: the agency part of a 文号 in normalised form, which the bundles are routed by. */
export function documentPrefix(key: string): string | null {
  return /^(\p{Script=Han}+)\d{4}/u.exec(key)?.[1] ?? null;
}

export function planQuery(state: SearchState, tree: RegionTree, options: PlanOptions = {}): QueryPlan {
  const cover = options.cover ?? true;
  const parsed = parseQuery(state.q, cover);
  let recordRegions: string[] | null = state.region ? tree.recordRegions(state.region) : null;
  let terms: string | null = parsed.terms || null;
  const namedRegions: string[] = [];

  let focused = false;
  // Where a name's own region words point: searched first, the rest only when nothing is found there.
  let route: string[] | null = null;
  const wordFilters: Record<CheckboxFilter, Set<string>> = {
    sector: new Set(state.sector),
    status: new Set(state.status),
    list: new Set(state.list),
    service: new Set(state.service),
  };
  // Query parts left as text (not filter words), in order: the retries work on them.
  const textParts: string[] = [];
  if (parsed.kind === 'text') {
    const rest: string[] = [];
    let named: string[] | null = null;
    for (const whole of queryParts(state.q)) {
      const words = filterWords(whole);
      if (words) for (const f of words.filters) wordFilters[f.key].add(f.value);
      const part = words ? words.rest : whole;
      if (!part) continue;
      textParts.push(part);
      const codes = regionWords(part, tree);
      if (codes.length > 0) {
        const within = [...new Set(codes.flatMap((c) => tree.recordRegions(c)))];
        // Two region words that share no record region (宁波 武汉) are read as text rather than as an empty search.
        const next = intersect(named, within);
        if (next.length > 0) {
          named = next;
          namedRegions.push(...codes);
          continue;
        }
      }
      const focus = focusPart(part, tree);
      if (focus.words !== part) focused = true;
      rest.push(...focus.words.split(' '));
      if (focus.region && route === null)
        route = [...new Set(tree.named(focus.region).flatMap((c) => tree.recordRegions(c)))];
    }
    if (named !== null) recordRegions = intersect(recordRegions, named);
    terms = rest.length ? termsFor(rest, cover) : null;
  }

  // Filter words of the query join the reader's own choices.
  const effective: SearchState = {
    ...state,
    sector: [...wordFilters.sector].sort(),
    status: [...wordFilters.status].sort(),
    list: [...wordFilters.list].sort(),
    service: [...wordFilters.service].sort(),
  };
  // A value no record has stands for "none": the choices allow no combination.
  const facetFilter = (except?: CheckboxFilter, within: SearchState = effective) => {
    const allowed = allowedFacets(tree.facets, within, except);
    return allowed === null ? undefined : { any: allowed.length ? allowed : ['-'] };
  };
  const filters: PagefindFilters = {};
  const facets = facetFilter();
  if (facets) filters[FACET_FILTER] = facets;
  if (recordRegions !== null) filters.region = { any: recordRegions };

  const all = [...tree.shards];
  let shards = recordRegions === null ? all : tree.shardsFor(recordRegions);
  const widen: ManifestShard[][] = [];
  if (recordRegions === null && all.length > 1) {
    // Where to look first, then next: a USCC's registration county, its city, its province; a name's region words;
    // the bundles holding an agency's 文号.
    const tiers: ManifestShard[][] = [];
    if (parsed.kind === 'uscc') {
      const code = parsed.key.slice(2, 8);
      for (const c of enclosingCodes(code)) {
        if (tree.get(c)) tiers.push(tree.shardsFor(tree.recordRegions(c)));
      }
    }
    if (route) tiers.push(tree.shardsFor(route));
    const prefix = parsed.kind === 'document' ? documentPrefix(parsed.key) : null;
    const holding = prefix ? options.documents?.[prefix] : undefined;
    if (holding) tiers.push(all.filter((s) => holding.includes(s.id)));
    const seen = new Set<string>();
    for (const tier of [...tiers, all]) {
      const fresh = tier.filter((s) => !seen.has(s.id));
      if (fresh.length === 0) continue;
      for (const s of fresh) seen.add(s.id);
      widen.push(fresh);
    }
    shards = widen.shift() ?? all;
  }
  // A region filter that keeps every record of the bundles opened only costs its index: leave it out.
  if (recordRegions !== null && terms !== null) {
    const chosen = new Set(recordRegions);
    if (shards.every((s) => s.regions.every((r) => chosen.has(r)))) delete filters.region;
  }

  // For the counts of each chosen filter: the same search without that filter's own choice.
  const filtersWithout: QueryPlan['filtersWithout'] = {};
  for (const key of CHECKBOX_FILTERS) {
    if (!effective[key].length) continue;
    const { [FACET_FILTER]: _, ...rest } = filters;
    const others = facetFilter(key);
    filtersWithout[key] = others ? { ...rest, [FACET_FILTER]: others } : rest;
  }
  if (filters.region) {
    const { region: _, ...rest } = filters;
    filtersWithout.region = rest;
  }

  // Retries for a search that finds nothing. The sector word: the rest of the part, within the sector.
  let sectorRetry: QueryPlan['sectorRetry'] = null;
  if (parsed.kind === 'text' && effective.sector.length === 0) {
    const found = textParts.map((p) => ({ p, s: sectorWord(p) })).find((x) => x.s !== null);
    const word = found?.s;
    // A single character left before the word (小月子) would list the whole sector: no retry then.
    if (found && word && (word.rest === '' || length(word.rest) >= 2)) {
      const rest = textParts.flatMap((p) =>
        p !== found.p ? [p] : word.rest ? focusPart(word.rest, tree).words.split(' ') : [],
      );
      const sectorFacets = facetFilter(undefined, { ...effective, sector: [word.sector] });
      const retryFilters: PagefindFilters = { ...filters };
      if (sectorFacets) retryFilters[FACET_FILTER] = sectorFacets;
      sectorRetry = { terms: rest.length ? termsFor(rest, cover) : null, filters: retryFilters };
    }
  }
  // Near matches: the longest text part, at least NEAR_MIN_LENGTH characters, by all its covering bigrams.
  let near: QueryPlan['near'] = null;
  const longest = [...textParts].sort((a, b) => length(b) - length(a))[0];
  if (parsed.kind === 'text' && longest && length(longest) >= NEAR_MIN_LENGTH) {
    const alternatives = leaveOneOut(termsFor([longest], true));
    if (alternatives.length) near = { terms: alternatives, key: longest };
  }

  return {
    parsed,
    focused,
    sectorRetry,
    near,
    filtersWithout,
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
