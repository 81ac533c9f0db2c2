/**
 * Runs a planned search in the browser with Pagefind. Each set of bundles is opened once: pagefind.js and its
 * WebAssembly come from the root bundle (one URL, so the browser fetches them once), the shards are merged into it.
 * Results are turned into hits from each record's `meta` — never from Pagefind's excerpt, which would show the
 * index tokens.
 *
 * Pagefind merges bundles by score, which is right for relevance but not for a sort; a sorted search over several
 * bundles therefore opens each bundle on its own and merges their sorted lists by the same keys.
 *
 * A search the national layer can answer (national-layer.ts) opens no bundle at all: the layer gives the records and
 * where their fragments are, and the filter counts come from the same entries.
 */
import { countsByValue, FACET_FILTER } from './facets.ts';
import { NATIONAL_DIR, NationalLayer, type NationalLayerManifest } from './national-layer.ts';
import { withinOneEdit } from './near-match.ts';
import { compactForm, hasTerms } from './normalise-query.ts';
import type { PagefindFilters, PagefindSort, QueryPlan } from './plan-query.ts';
import { exactFirst, exactMatch, type MatchKind } from './rank-results.ts';
import { type ManifestShard, ROOT_BUNDLE } from './search-manifest.ts';
import { META_SEPARATOR, type SearchMeta } from './search-meta.ts';
import type { CheckboxFilter } from './search-state.ts';
import {
  bundlesWithAll,
  routeFile,
  termWords,
  WORDS_DIR,
  type WordRoutesManifest,
  wordStart,
} from './word-routes.ts';

interface PagefindFragment {
  url: string;
  /** The record's index text (its tokens). */
  content: string;
  meta: Record<string, string>;
}

interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindFragment>;
}

type FilterCounts = Record<string, Record<string, number>>;

interface PagefindResponse {
  results: PagefindResult[];
  unfilteredResultCount: number;
  filters: FilterCounts;
}

interface PagefindSearchOptions {
  filters?: PagefindFilters;
  sort?: PagefindSort;
}

export interface PagefindModule {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(path: string, options?: Record<string, unknown>): Promise<void>;
  search(term: string | null, options?: PagefindSearchOptions): Promise<PagefindResponse>;
  filters(): Promise<FilterCounts>;
}

export interface Hit {
  id: string;
  url: string;
  meta: SearchMeta;
  exact: MatchKind;
}

/** What Pagefind's files start with once unpacked. */
const SIGNATURE = 'pagefind_dcd';

/** Near matches checked at most, however many the leave-one-out searches find. */
const NEAR_CANDIDATES = 30;

export interface SearchOutcome {
  /** Results found; records seen to lack a term are taken off as the results are loaded. */
  total: number;
  /** Whether `total` may still count records lacking a term (some were found among those loaded so far). */
  approximate: boolean;
  /** Hits in display order, loaded so far. */
  hits: Hit[];
  /** Loads the next `n` hits (appended to `hits`); resolves to the new ones. */
  more(n: number): Promise<Hit[]>;
  /** Which terms found the results (the fallback when the code itself found nothing). */
  usedTerms: string | null;
  shards: ManifestShard[];
  /** The results are near matches of a name typed with one error, not matches ("您是不是要找…"). */
  near?: boolean;
  /** For results the national layer found: counts per filter value under other filters, without Pagefind. */
  tally?: (filters: PagefindFilters) => FilterCounts;
}

/** A common word's first ranked records must fill this many results under the filters, else the bundles answer. */
const COMMON_FIRST_SHOWN = 20;

/** Records the national layer found: their results so far, counts, and for a common word the rest on demand. */
interface LayerResults {
  results: PagefindResult[];
  tally: (f: PagefindFilters) => FilterCounts;
  /** The records found, when `results` holds only the first of them. */
  total?: number;
  /** Appends the next ranked file's records to `results`; false when there are no more. */
  grow?: () => Promise<boolean>;
}

export interface EngineOptions {
  /** URL path of the pagefind directory, with a trailing slash: /reg/pagefind/. */
  pagefindPath: string;
  /** The site's base path: result URLs are stored without it. */
  siteBase: string;
  /** Imports a module by URL; the page passes `(u) => import(u)` (tests may pass another loader). */
  load: (url: string) => Promise<PagefindModule>;
}

const isMeta = (m: Record<string, string>): m is SearchMeta => typeof m.kind === 'string' && m.kind !== '';

/**
 * Results in the order asked for. Name order is the order records were added in, which Pagefind keeps for a search
 * without words: a search with words is put in that order by listing the filtered records and keeping those found.
 * Pagefind leaves records without the sort key out of a sorted search (records with no penalty have no `penalty`
 * key): those follow the sorted ones, in relevance order.
 */
async function searchSorted(
  mod: PagefindModule,
  terms: string | null,
  filters: PagefindFilters,
  sort: PagefindSort | undefined,
): Promise<PagefindResult[]> {
  const all = (await mod.search(terms, { filters })).results;
  if (!sort) return all;
  if ('name' in sort) {
    if (terms === null) return all;
    const found = new Set(all.map((r) => r.id));
    const listed = (await mod.search(null, { filters })).results;
    return listed.filter((r) => found.has(r.id));
  }
  const sorted = (await mod.search(terms, { filters, sort })).results;
  const seen = new Set(sorted.map((r) => r.id));
  return [...sorted, ...all.filter((r) => !seen.has(r.id))];
}

export class SearchEngine {
  private readonly modules = new Map<string, Promise<PagefindModule>>();
  private readonly filtersLoaded = new Set<string>();
  private routes: WordRoutesManifest | null = null;
  private readonly routeFiles = new Map<number, Promise<Record<string, string>>>();
  private layer: NationalLayer | null = null;
  /** Record regions in the layer's numbering (the manifest's shard regions in order), and their bundles. */
  private layerRegions: { code: string; shard: ManifestShard }[] = [];
  private layerFacets: readonly string[] = [];

  private readonly opts: EngineOptions;

  constructor(opts: EngineOptions) {
    this.opts = opts;
  }

  private open(shards: readonly ManifestShard[]): Promise<PagefindModule> {
    const key = shards.map((s) => s.id).join(',');
    let mod = this.modules.get(key);
    if (!mod) {
      mod = (async () => {
        const url = `${this.opts.pagefindPath}${ROOT_BUNDLE}/pagefind.js?bundles=${encodeURIComponent(key)}`;
        const m = await this.opts.load(url);
        await m.options({ baseUrl: this.opts.siteBase, excerptLength: 0 });
        await m.init();
        for (const s of shards) await m.mergeIndex(`${this.opts.pagefindPath}${s.path}`);
        return m;
      })();
      this.modules.set(key, mod);
      mod.catch(() => this.modules.delete(key));
    }
    return mod;
  }

  /** The word routes of a split index (manifest.words): searches then open only the bundles that hold their words. */
  useWordRoutes(routes: WordRoutesManifest | null): void {
    this.routes = routes;
  }

  /**
   * The national layer (manifest.national): searches with words it can answer read its files and the fragments they
   * show instead of opening bundles.
   */
  useNationalLayer(
    manifest: NationalLayerManifest | null,
    shards: readonly ManifestShard[],
    facets: readonly string[],
  ): void {
    const files = new Map<string, Promise<Record<string, string | number>>>();
    this.layer = manifest
      ? new NationalLayer(manifest, (path) => {
          let file = files.get(path);
          if (!file) {
            file = fetch(`${this.opts.pagefindPath}${NATIONAL_DIR}/${path}`).then((r) => {
              if (!r.ok) throw new Error(`${NATIONAL_DIR}/${path}: HTTP ${r.status}`);
              return r.json() as Promise<Record<string, string | number>>;
            });
            files.set(path, file);
            file.catch(() => files.delete(path));
          }
          return file;
        })
      : null;
    this.layerRegions = shards.flatMap((shard) => shard.regions.map((code) => ({ code, shard })));
    this.layerFacets = facets;
  }

  private readonly fragments = new Map<string, Promise<PagefindFragment>>();

  /** A record's fragment read as Pagefind reads it: gzip behind a 12-byte signature, JSON, the URL on the base. */
  private fragment(shard: ManifestShard, name: string): Promise<PagefindFragment> {
    const url = `${this.opts.pagefindPath}${shard.path}fragment/${name}.pf_fragment`;
    let f = this.fragments.get(url);
    if (!f) {
      f = (async () => {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        let bytes = new Uint8Array(await res.arrayBuffer());
        // A host that sent it with Content-Encoding: gzip has already unpacked it, as Pagefind allows for.
        if (new TextDecoder().decode(bytes.subarray(0, SIGNATURE.length)) !== SIGNATURE) {
          // From a Response rather than a Blob: Chromium reads a Blob's bytes back through its browser process.
          const unpacked = (new Response(bytes).body as ReadableStream<BufferSource>).pipeThrough(
            new DecompressionStream('gzip'),
          );
          bytes = new Uint8Array(await new Response(unpacked).arrayBuffer());
        }
        const data = JSON.parse(
          new TextDecoder().decode(bytes.subarray(SIGNATURE.length)),
        ) as PagefindFragment;
        return { ...data, url: `${this.opts.siteBase}/${data.url}`.replace(/\/+/g, '/') };
      })();
      this.fragments.set(url, f);
      f.catch(() => this.fragments.delete(url));
    }
    return f;
  }

  /**
   * Results from the national layer, within `shards` and `filters`, or null when the layer cannot answer (no
   * layer, no words, a sort by penalty date, words it cannot tell apart). Relevance order, or name order for a
   * sort by name. `tally` counts filter values over the same records under other filters.
   */
  private async fromLayer(
    plan: QueryPlan,
    shards: readonly ManifestShard[],
    terms: string | null,
    filters: PagefindFilters,
  ): Promise<LayerResults | null> {
    const layer = this.layer;
    if (!layer || terms === null || (plan.sort && !('name' in plan.sort))) return null;
    const answer = await layer.answer(terms);
    if (!answer) return null;
    // A common word's records come ranked by relevance, a chunk at a time: name order would need them all.
    if (answer.common && plan.sort) return null;
    const open = new Set(shards.map((s) => s.id));
    const inOpen = (m: { region: number }) => open.has(this.layerRegions[m.region]?.shard.id ?? '');
    const within = answer.matches.filter(inOpen);
    if (plan.sort) within.sort((a, b) => a.order - b.order);
    const passes = (region: number, facet: number, f: PagefindFilters): boolean => {
      const regions = f.region?.any;
      const facets = f[FACET_FILTER]?.any;
      return (
        (!regions || regions.includes(this.layerRegions[region]?.code ?? '')) &&
        (!facets || facets.includes(this.layerFacets[facet] ?? ''))
      );
    };
    const pass = (m: (typeof within)[number], f: PagefindFilters) => passes(m.region, m.facet, f);
    const toResult = (m: (typeof within)[number]): PagefindResult => {
      const shard = this.layerRegions[m.region]?.shard as ManifestShard;
      return { id: `${shard.id}/${m.fragment}`, score: 0, data: () => this.fragment(shard, m.fragment) };
    };
    const passed = within.filter((m) => pass(m, filters));
    const results = passed.map(toResult);
    /** Counts per filter value under other filters, over [region, facet, records] groups. */
    const tallyOf =
      (groups: readonly (readonly [number, number, number])[]) =>
      (f: PagefindFilters): FilterCounts => {
        const facets: Record<string, number> = {};
        const region: Record<string, number> = {};
        for (const [r, fc, n] of groups) {
          if (!passes(r, fc, f)) continue;
          const fv = this.layerFacets[fc] ?? '';
          const rv = this.layerRegions[r]?.code ?? '';
          facets[fv] = (facets[fv] ?? 0) + n;
          region[rv] = (region[rv] ?? 0) + n;
        }
        return { [FACET_FILTER]: facets, region };
      };
    const common = answer.common;
    if (common) {
      // Counted from the word's tally; further records read a ranked file at a time as the reader pages on.
      const groups = common.tally.filter(([r]) => inOpen({ region: r }));
      let total = 0;
      for (const [r, fc, n] of groups) if (passes(r, fc, filters)) total += n;
      // Filters that leave too few of its first records: the bundles of the filtered regions answer sooner.
      if (passed.length < answer.matches.length && results.length < Math.min(total, COMMON_FIRST_SHOWN))
        return null;
      let read = 1;
      const grow = async (): Promise<boolean> => {
        if (read >= common.chunks) return false;
        const next = await common.chunk(read++);
        for (const m of next) if (inOpen(m) && pass(m, filters)) results.push(toResult(m));
        return true;
      };
      return { results, tally: tallyOf(groups), total, grow };
    }
    return { results, tally: tallyOf(within.map((m) => [m.region, m.facet, 1] as const)) };
  }

  /** The records of a search in relevance order: from the national layer, else from the bundles holding its words. */
  private async results(
    plan: QueryPlan,
    shards: ManifestShard[],
    terms: string | null,
    filters: PagefindFilters,
  ): Promise<PagefindResult[]> {
    const layered = await this.fromLayer(plan, shards, terms, filters);
    if (layered) return layered.results;
    const open = await this.narrow(shards, terms);
    if (open.length === 0) return [];
    return (await (await this.open(open)).search(terms, { filters })).results;
  }

  /** Of `shards`, those that may hold every word of `terms` (all of them without word routes). */
  private async narrow(shards: ManifestShard[], terms: string | null): Promise<ManifestShard[]> {
    const routes = this.routes;
    if (!routes || terms === null || shards.length === 0) return shards;
    const words = termWords(terms);
    const starts = words.map(wordStart).filter((s): s is string => s !== null);
    const tables = new Map<string, Record<string, string>>();
    await Promise.all(
      starts.map(async (start) => {
        const n = routeFile(start, routes.files);
        let file = this.routeFiles.get(n);
        if (!file) {
          file = fetch(`${this.opts.pagefindPath}${WORDS_DIR}/${n}.json`).then((r) => {
            if (!r.ok) throw new Error(`${WORDS_DIR}/${n}.json: HTTP ${r.status}`);
            return r.json() as Promise<Record<string, string>>;
          });
          this.routeFiles.set(n, file);
          file.catch(() => this.routeFiles.delete(n));
        }
        tables.set(start, await file);
      }),
    );
    return bundlesWithAll(shards, words, (start) => tables.get(start)?.[start], routes);
  }

  /** Starts loading the bundles (script, WebAssembly, page lists) before a search needs them. */
  prepare(shards: readonly ManifestShard[]): void {
    this.open(shards).catch(() => undefined);
  }

  /**
   * Starts reading what the plan's search will read first, before it is asked (while the reader types, or while
   * the page fills in the form from the URL): the national layer's files of its words, or — for a search without
   * words, which the layer cannot answer — its bundle when it opens one. Every bundle of a split index is too much
   * to load for a search the reader may not ask. The search then finds them loading or loaded.
   */
  warm(plan: QueryPlan): void {
    if (plan.terms !== null) {
      if (this.layer && !(plan.sort && !('name' in plan.sort)))
        this.layer.answer(plan.terms).catch(() => null);
    } else if (plan.shards.length === 1) this.prepare(plan.shards);
  }

  /** The hit for a result, or null for the root bundle's empty record and for a record lacking a term. */
  private async toHit(r: PagefindResult, plan: QueryPlan, terms: string | null): Promise<Hit | null> {
    const f = await r.data();
    if (!isMeta(f.meta)) return null;
    if (terms !== null && !hasTerms(f.content, terms)) return null;
    return { id: r.id, url: f.url, meta: f.meta, exact: exactMatch(plan.parsed, f.meta) };
  }

  /** Runs the plan; widens a routed search and falls back to token terms when nothing is found. */
  async search(plan: QueryPlan, firstPage: number): Promise<SearchOutcome> {
    let shards = plan.shards;
    let terms = plan.terms;
    let outcome = await this.searchShards(plan, shards, terms, firstPage);
    for (const more of plan.widen) {
      if (outcome.total > 0) break;
      shards = [...shards, ...more];
      outcome = await this.searchShards(plan, shards, terms, firstPage, outcome);
    }
    if (outcome.total === 0 && plan.fallback) {
      terms = plan.fallback;
      outcome = await this.searchShards(plan, shards, terms, firstPage);
    }
    if (outcome.total === 0 && plan.sectorRetry) {
      const retry = { ...plan, terms: plan.sectorRetry.terms, filters: plan.sectorRetry.filters };
      const found = await this.searchShards(retry, shards, retry.terms, firstPage);
      if (found.total > 0) return found;
    }
    if (outcome.total === 0 && plan.near) return this.nearMatches(plan, shards, plan.near);
    return outcome;
  }

  /** Names within one typing error of the query: leave-one-out searches, each result checked against its name. */
  private async nearMatches(
    plan: QueryPlan,
    shards: ManifestShard[],
    near: NonNullable<QueryPlan['near']>,
  ): Promise<SearchOutcome> {
    // One after another: Pagefind's searches on one instance are not safe to interleave.
    const lists: { r: PagefindResult; terms: string }[][] = [];
    for (const terms of near.terms) {
      lists.push((await this.results(plan, shards, terms, plan.filters)).map((r) => ({ r, terms })));
    }
    // Round-robin over the searches, so that one search's many results do not crowd out another's few.
    const candidates: { r: PagefindResult; terms: string }[] = [];
    const seen = new Set<string>();
    for (let i = 0; candidates.length < NEAR_CANDIDATES && lists.some((l) => i < l.length); i++) {
      for (const l of lists) {
        const c = l[i];
        if (!c || seen.has(c.r.id)) continue;
        seen.add(c.r.id);
        candidates.push(c);
        if (candidates.length >= NEAR_CANDIDATES) break;
      }
    }
    const hits: Hit[] = [];
    for (const h of await Promise.all(candidates.map((c) => this.toHit(c.r, plan, c.terms)))) {
      if (!h) continue;
      const names = [h.meta.title, ...(h.meta.alt ? h.meta.alt.split(META_SEPARATOR) : [])];
      if (names.some((n) => withinOneEdit(near.key, compactForm(n)))) hits.push(h);
    }
    return {
      total: hits.length,
      approximate: false,
      hits,
      more: async () => [],
      usedTerms: null,
      shards,
      near: true,
    };
  }

  /**
   * One search over `shards`: by the national layer when it can answer, else by the bundles that may hold the
   * words. `previous`: the outcome of the same search over fewer bundles, returned when narrowing opens no more.
   */
  private async searchShards(
    plan: QueryPlan,
    shards: ManifestShard[],
    terms: string | null,
    firstPage: number,
    previous?: SearchOutcome,
  ): Promise<SearchOutcome> {
    const filters = plan.filters;
    const layered = await this.fromLayer(plan, shards, terms, filters);
    if (layered) return this.outcomeOf(plan, layered.results, shards, terms, firstPage, layered);
    const open = await this.narrow(shards, terms);
    if (previous && open.length === previous.shards.length) return previous;
    if (open.length === 0) {
      // No bundle holds every word: nothing to open.
      return { total: 0, approximate: false, hits: [], more: async () => [], usedTerms: terms, shards: open };
    }
    if (plan.sort && open.length > 1) return this.sortedAcross(plan, open, terms, filters, firstPage);
    const mod = await this.open(open);
    return this.outcomeOf(plan, await searchSorted(mod, terms, filters, plan.sort), open, terms, firstPage);
  }

  /** The outcome for results in order: the first page loaded, exact matches first. */
  private async outcomeOf(
    plan: QueryPlan,
    results: PagefindResult[],
    shards: ManifestShard[],
    terms: string | null,
    firstPage: number,
    layered?: LayerResults,
  ): Promise<SearchOutcome> {
    let next = 0;
    let dropped = 0;
    const hits: Hit[] = [];
    const buffer: Hit[] = [];
    const grow = layered?.grow;
    const known = () => layered?.total ?? results.length;
    const outcome: SearchOutcome = {
      total: known(),
      approximate: false,
      hits,
      more,
      usedTerms: terms,
      shards,
      tally: layered?.tally,
    };
    // Loads the next n hits, skipping records that lack a term (see hasTerms), at most 5n fragments a time.
    async function load(
      this: void,
      n: number,
      toHit: (r: PagefindResult) => Promise<Hit | null>,
    ): Promise<Hit[]> {
      const out: Hit[] = [];
      let examined = 0;
      while (out.length < n && examined < 5 * n) {
        if (next >= results.length && !(grow && (await grow()))) break;
        if (next >= results.length) continue;
        const slice = results.slice(next, next + (n - out.length));
        next += slice.length;
        examined += slice.length;
        for (const h of await Promise.all(slice.map(toHit))) {
          if (h) out.push(h);
          else dropped++;
        }
      }
      outcome.total = known() - dropped;
      outcome.approximate = dropped > 0 && next < known();
      return out;
    }
    const toHit = (r: PagefindResult) => this.toHit(r, plan, terms);
    async function more(this: void, n: number): Promise<Hit[]> {
      const out = buffer.splice(0, n);
      if (out.length < n) out.push(...(await load(n - out.length, toHit)));
      hits.push(...out);
      return out;
    }
    // Exact matches first: Pagefind ranks them high, this makes them first. A query cut down to its distinctive
    // words matches more pages, so twice as many are checked.
    const look = plan.sort ? firstPage : plan.focused ? firstPage * 2 : firstPage;
    const first = await load(look, toHit);
    if (first.length === 0) outcome.total = 0;
    const ordered = plan.sort ? first : exactFirst(first, (h) => h.exact !== null);
    hits.push(...ordered.slice(0, firstPage));
    buffer.push(...ordered.slice(firstPage));
    return outcome;
  }

  /** Sorted results of several bundles: each bundle sorts its own, the sorted lists are merged by the same key. */
  private async sortedAcross(
    plan: QueryPlan,
    shards: ManifestShard[],
    terms: string | null,
    filters: PagefindFilters,
    firstPage: number,
  ): Promise<SearchOutcome> {
    const lists = await Promise.all(
      shards.map(
        async (s) => (await (await this.open([s])).search(terms, { filters, sort: plan.sort })).results,
      ),
    );
    const [key, dir] = Object.entries(plan.sort ?? {})[0] ?? ['name', 'asc'];
    const field = key === 'penalty' ? 'latest' : 'rank';
    const pos = lists.map(() => 0);
    const heads: (Hit | null | undefined)[] = lists.map(() => undefined);
    const hits: Hit[] = [];
    const loadHead = async (i: number): Promise<void> => {
      for (;;) {
        const r = lists[i]?.[pos[i] as number];
        if (!r) {
          heads[i] = null;
          return;
        }
        pos[i] = (pos[i] as number) + 1;
        const h = await this.toHit(r, plan, terms);
        if (h) {
          heads[i] = h;
          return;
        }
      }
    };
    // Records without the key come last in either direction, as Pagefind puts them.
    const better = (a: Hit, b: Hit): boolean => {
      const x = a.meta[field] ?? '';
      const y = b.meta[field] ?? '';
      if (!x || !y) return !!x && !y;
      return dir === 'asc' ? x < y : x > y;
    };
    const more = async (n: number): Promise<Hit[]> => {
      const out: Hit[] = [];
      while (out.length < n) {
        await Promise.all(lists.map((_, i) => (heads[i] === undefined ? loadHead(i) : undefined)));
        let best = -1;
        heads.forEach((h, i) => {
          const b = best >= 0 ? heads[best] : null;
          if (h && (!b || better(h, b))) best = i;
        });
        if (best < 0) break;
        out.push(heads[best] as Hit);
        heads[best] = undefined;
      }
      hits.push(...out);
      return out;
    };
    await more(firstPage);
    const total = hits.length === 0 ? 0 : lists.reduce((a, l) => a + l.length, 0);
    return { total, approximate: terms !== null, hits, more, usedTerms: terms, shards };
  }

  /**
   * Counts per filter value for the plan's results: sector, status, list and service counted from the combinations
   * (facets.ts), region per record region. Loads every filter index of the bundles once (the first call downloads
   * them); a filter the reader chose is counted on the search without that choice, so each other value shows how
   * many it would give.
   */
  async counts(plan: QueryPlan, outcome: SearchOutcome): Promise<FilterCounts> {
    const { shards, usedTerms: terms, tally } = outcome;
    if (shards.length === 0) return {};
    const merged: FilterCounts = {};
    const add = (key: string, values: Readonly<Record<string, number>>) => {
      const target = merged[key] ?? {};
      for (const [v, n] of Object.entries(values)) target[v] = (target[v] ?? 0) + n;
      merged[key] = target;
    };
    /** Counts of one group of records, given how to count them under some filters. */
    const countWith = async (search: (filters: PagefindFilters) => Promise<FilterCounts> | FilterCounts) => {
      const base = await search(plan.filters);
      const counts: FilterCounts = { ...countsByValue(base[FACET_FILTER] ?? {}), region: base.region ?? {} };
      for (const [k, filters] of Object.entries(plan.filtersWithout)) {
        const res = await search(filters);
        counts[k] =
          k === 'region' ? (res.region ?? {}) : countsByValue(res[FACET_FILTER] ?? {})[k as CheckboxFilter];
      }
      for (const [k, values] of Object.entries(counts)) add(k, values);
    };
    if (tally) {
      await countWith(tally);
      return merged;
    }
    const groups = plan.sort && shards.length > 1 ? shards.map((s) => [s]) : [shards];
    for (const group of groups) {
      const mod = await this.open(group);
      const key = group.map((s) => s.id).join(',');
      if (!this.filtersLoaded.has(key)) {
        await mod.filters();
        this.filtersLoaded.add(key);
      }
      await countWith(async (filters) => (await mod.search(terms, { filters })).filters);
    }
    return merged;
  }
}
