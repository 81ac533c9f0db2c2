/**
 * Search page behaviour: enhances the form in SearchApp.astro. Reads the search from the URL, runs it with
 * Pagefind, renders the results from each record's meta, announces the count in the live region, and keeps the
 * URL in step with the form so a search can be shared or bookmarked.
 */

import type { Sector } from '../lib/domain/schemas.ts';
import { parseQuery, useSimplifier } from '../lib/search/normalise-query.ts';
import {
  type Hit,
  type PagefindModule,
  SearchEngine,
  type SearchOutcome,
} from '../lib/search/pagefind-client.ts';
import { planQuery, type QueryPlan } from '../lib/search/plan-query.ts';
import { RegionTree } from '../lib/search/region-tree.ts';
import {
  DOCUMENTS_FILE,
  MANIFEST_FILE,
  type ManifestShard,
  type SearchManifest,
} from '../lib/search/search-manifest.ts';
import { META_SEPARATOR } from '../lib/search/search-meta.ts';
import {
  CHECKBOX_FILTERS,
  isEmptySearch,
  type SearchState,
  stateFromParams,
  stateToParams,
} from '../lib/search/search-state.ts';
import { tableSimplifier } from '../lib/search/simplify-table.ts';
import { formatCount, formatDate } from '../lib/site/format.ts';
import { SECTOR_LABEL } from '../lib/site/labels.ts';
import { badgeForSlug, STOP_ORDER_ICON_PATH, STOP_ORDER_ICON_VIEWBOX } from '../lib/site/status-view.ts';

const PAGE = 10;

// Where a first search's time is counted from (scripts/bench-search.ts): the page script starting.
performance.mark('search-script');

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string | null)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c !== null) e.append(c);
  return e;
}

/** The drawn sign of an order to stop, as the pages draw it (StatusIcon.astro). */
function stopOrderIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'svg-icon');
  svg.setAttribute('viewBox', STOP_ORDER_ICON_VIEWBOX);
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', STOP_ORDER_ICON_PATH);
  svg.append(path);
  return svg;
}

function need<T extends Element>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`search page: ${selector} missing`);
  return found;
}

class SearchPage {
  private readonly form: HTMLFormElement;
  private readonly input: HTMLInputElement;
  private readonly filters: HTMLFieldSetElement;
  private readonly status: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly moreButton: HTMLButtonElement;
  private readonly sortSelect: HTMLSelectElement;
  private readonly regionSelects: HTMLSelectElement[];
  private readonly engine: SearchEngine;
  private tree: RegionTree | null = null;
  private run = 0;
  private outcome: SearchOutcome | null = null;
  private regionCounts: Map<string, number> | null = null;

  private readonly root: HTMLElement;

  constructor(root: HTMLElement) {
    this.root = root;
    this.form = need(root, '[data-search-form]');
    this.input = need(this.form, 'input[name="q"]');
    this.filters = need(root, '[data-search-filters]');
    this.status = need(root, '[data-status]');
    this.list = need(root, '[data-results]');
    this.moreButton = need(root, '[data-more]');
    this.sortSelect = need(root, '[data-sort]');
    this.regionSelects = [...root.querySelectorAll<HTMLSelectElement>('[data-region-level]')];
    const pagefindPath = root.dataset.pagefind ?? '/pagefind/';
    this.engine = new SearchEngine({
      pagefindPath,
      siteBase: root.dataset.base ?? '/',
      load: (url) => import(/* @vite-ignore */ url) as Promise<PagefindModule>,
    });
  }

  async start(): Promise<void> {
    need<HTMLElement>(this.root, '[data-search-panel]').hidden = false;
    this.filters.disabled = false;
    // On a narrow screen the filters start folded, so the results are not below a screenful of checkboxes.
    const box = this.root.querySelector<HTMLDetailsElement>('[data-filters-box]');
    const params = new URLSearchParams(location.search);
    const filtered = [...params.keys()].some((k) => k !== 'q');
    if (box && !filtered && window.matchMedia('(max-width: 52em)').matches) box.open = false;
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.update('push');
    });
    this.filters.addEventListener('change', (e) => {
      const target = e.target as HTMLElement;
      const level = target.dataset.regionLevel;
      if (level !== undefined) this.fillRegionLevels(Number(level) + 1);
      this.update('replace');
    });
    need<HTMLButtonElement>(this.root, '[data-clear]').addEventListener('click', () => {
      for (const box of this.filters.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'))
        box.checked = false;
      this.sortSelect.value = 'relevance';
      if (this.regionSelects[0]) this.regionSelects[0].value = '';
      this.fillRegionLevels(1);
      this.update('replace');
    });
    this.moreButton.addEventListener('click', () => void this.showMore());
    // While the reader types, load what a search in the chosen region will need, if that is a single bundle (a
    // search everywhere on a split index is not worth loading ahead; the national layer answers most of them).
    this.input.addEventListener('focus', () => this.prepareBundle());
    // On every keystroke, not after a pause: the layer files of the words typed so far are what the search asks
    // for first, and fetching them is most of its time.
    this.input.addEventListener('input', () => this.warm(this.readState()));
    window.addEventListener('popstate', () => void this.restore());

    try {
      const res = await fetch(`${this.root.dataset.pagefind ?? '/pagefind/'}${MANIFEST_FILE}`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const manifest = (await res.json()) as SearchManifest;
      useSimplifier(tableSimplifier(manifest.t2s));
      this.tree = new RegionTree(manifest);
      this.engine.useWordRoutes(manifest.words ?? null);
      this.engine.useNationalLayer(manifest.national ?? null, manifest.shards, manifest.facets);
    } catch (e) {
      this.fail(e);
      return;
    }
    performance.mark('search-ready');
    // The search the URL holds starts fetching now, while the form is filled in from the URL.
    this.warm(stateFromParams(params));
    this.fillRegionLevels(0);
    await this.restore();
    // Most searches are answered by the national layer without Pagefind; the rest (a common word alone, filters
    // without words, a sort by penalty date) need its runtime and a bundle. Where the next search would open one
    // bundle, it is loaded once the page is idle, so that such a search does not wait for it.
    const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
    idle(() => this.prepareBundle());
  }

  private warm(state: SearchState): void {
    if (this.tree && !isEmptySearch(state)) this.engine.warm(planQuery(state, this.tree));
  }

  /** Loads the bundle a search in the chosen region (or the whole index) would open, if that is one bundle. */
  private prepareBundle(): void {
    const tree = this.tree;
    if (!tree) return;
    const { shards } = planQuery({ ...this.readState(), q: '' }, tree);
    if (shards.length === 1) this.engine.prepare(shards);
  }

  /** Form ← URL, then search. */
  private async restore(): Promise<void> {
    const state = stateFromParams(new URLSearchParams(location.search));
    this.input.value = state.q;
    this.sortSelect.value = state.sort;
    for (const key of CHECKBOX_FILTERS) {
      for (const box of this.filters.querySelectorAll<HTMLInputElement>(`input[name="${key}"]`)) {
        box.checked = state[key].includes(box.value);
      }
    }
    this.setRegion(state.region);
    await this.search(state);
  }

  private readState(): SearchState {
    const pick = (key: string) =>
      [...this.filters.querySelectorAll<HTMLInputElement>(`input[name="${key}"]:checked`)]
        .map((b) => b.value)
        .sort();
    let region = '';
    for (const s of this.regionSelects) if (!s.disabled && s.value) region = s.value;
    return stateFromParams(
      stateToParams({
        q: this.input.value,
        region,
        sector: pick('sector'),
        status: pick('status'),
        list: pick('list'),
        service: pick('service'),
        sort: this.sortSelect.value as SearchState['sort'],
      }),
    );
  }

  /** URL ← form, then search. */
  private update(mode: 'push' | 'replace'): void {
    const state = this.readState();
    const qs = stateToParams(state).toString();
    const url = `${location.pathname}${qs ? `?${qs}` : ''}`;
    if (url !== `${location.pathname}${location.search}`) {
      if (mode === 'push') history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    void this.search(state);
  }

  // Region selects: province → city → county, filled from the manifest's tree.

  private setRegion(code: string): void {
    const chain = code && this.tree ? this.tree.chain(code).map((r) => r.code) : [];
    this.regionSelects.forEach((select, level) => {
      this.fillRegionLevel(level);
      select.value = chain[level] ?? '';
    });
  }

  /** Refills the selects from `level` down, each from the choice above it. */
  private fillRegionLevels(level: number): void {
    for (let l = level; l < this.regionSelects.length; l++) this.fillRegionLevel(l);
  }

  private fillRegionLevel(level: number): void {
    const tree = this.tree;
    const select = this.regionSelects[level];
    if (!tree || !select) return;
    const parent = level === 0 ? null : this.regionSelects[level - 1];
    const codes =
      level === 0
        ? tree.roots
        : parent && !parent.disabled && parent.value
          ? (tree.get(parent.value)?.children ?? [])
          : [];
    const keep = select.value;
    select.replaceChildren(el('option', { value: '' }, '全部'));
    for (const code of codes) {
      const r = tree.get(code);
      if (r)
        select.append(el('option', { value: code, 'data-name': r.name }, this.regionLabel(r.name, code)));
    }
    select.disabled = codes.length === 0;
    select.value = codes.includes(keep) ? keep : '';
  }

  private regionLabel(name: string, code: string): string {
    const n = this.regionCounts?.get(code);
    return n === undefined ? name : `${name}（${formatCount(n)}）`;
  }

  /** Region counts of the last search: known for the regions whose bundles it searched. */
  private setRegionCounts(counts: Map<string, number> | null): void {
    this.regionCounts = counts;
    for (const select of this.regionSelects) {
      for (const option of select.options) {
        const name = option.dataset.name;
        if (name) option.textContent = this.regionLabel(name, option.value);
      }
    }
  }

  // Searching and rendering.

  private documents: Record<string, string[]> | null = null;

  /** The 文号 routing table, fetched the first time a 文号 is searched on a split index. */
  private async documentsFor(state: SearchState): Promise<Record<string, string[]> | undefined> {
    if (!this.tree || this.tree.shards.length < 2 || parseQuery(state.q).kind !== 'document')
      return undefined;
    if (!this.documents) {
      try {
        const res = await fetch(`${this.root.dataset.pagefind ?? '/pagefind/'}${DOCUMENTS_FILE}`);
        this.documents = res.ok ? ((await res.json()) as Record<string, string[]>) : {};
      } catch {
        this.documents = {};
      }
    }
    return this.documents;
  }

  private async search(state: SearchState): Promise<void> {
    const run = ++this.run;
    const tree = this.tree;
    if (!tree) return;
    // When the reader asked (submitted, changed a filter, opened a URL): a typed search is timed from here.
    performance.mark(`search-asked-${run}`);
    this.outcome = null;
    if (isEmptySearch(state)) {
      this.list.replaceChildren();
      this.moreButton.hidden = true;
      this.say('请输入要查找的名称、代码、地址或文号，或选择筛选条件。');
      return;
    }
    const plan = planQuery(state, tree, { documents: await this.documentsFor(state) });
    if (run !== this.run) return;
    // Marks for timing a search in the field and in the benchmark (scripts/bench-search.ts).
    performance.mark(`search-start-${run}`);
    this.say('正在搜索……');
    this.list.setAttribute('aria-busy', 'true');
    let outcome: SearchOutcome;
    try {
      outcome = await this.engine.search(plan, PAGE);
    } catch (e) {
      if (run === this.run) this.fail(e);
      return;
    }
    if (run !== this.run) return;
    this.outcome = outcome;
    this.list.replaceChildren(...outcome.hits.map((h) => this.renderHit(h, plan)));
    this.list.removeAttribute('aria-busy');
    this.moreButton.hidden = outcome.hits.length >= outcome.total;
    this.say(this.summary(state, plan, outcome));
    performance.measure('search-results', `search-start-${run}`);
    // Near matches are a suggestion, not a result set to count filters over.
    if (outcome.near) return;
    try {
      const counts = await this.engine.counts(plan, outcome);
      if (run !== this.run) return;
      this.showCounts(counts, outcome.shards);
      performance.measure('search-counts', `search-start-${run}`);
    } catch {
      // Counts are a help, not the result: the results stay without them.
    }
  }

  private summary(state: SearchState, plan: QueryPlan, outcome: SearchOutcome): string {
    const tree = this.tree;
    const named = plan.namedRegions.map((c) => tree?.get(c)?.name).filter(Boolean);
    const where = named.length ? `（地区：${named.join('、')}）` : '';
    if (outcome.total === 0) {
      return state.q.trim()
        ? `没有找到与“${state.q.trim()}”相符的结果${where}。可以少输入几个字，或去掉筛选条件。`
        : '没有符合筛选条件的结果。';
    }
    if (outcome.near) {
      return `没有找到与“${state.q.trim()}”完全相符的结果${where}。您是不是要找：（${formatCount(outcome.total)} 个相近的名称）`;
    }
    const about = outcome.approximate ? '约 ' : '';
    return `找到 ${about}${formatCount(outcome.total)} 条结果${where}${outcome.total > outcome.hits.length ? `，显示前 ${outcome.hits.length} 条` : ''}。`;
  }

  private async showMore(): Promise<void> {
    const outcome = this.outcome;
    const tree = this.tree;
    if (!outcome || !tree) return;
    const run = this.run;
    this.moreButton.disabled = true;
    const added = await outcome.more(PAGE);
    this.moreButton.disabled = false;
    if (run !== this.run) return;
    const plan = planQuery(this.readState(), tree, { documents: this.documents ?? undefined });
    const items = added.map((h) => this.renderHit(h, plan));
    this.list.append(...items);
    this.moreButton.hidden = outcome.hits.length >= outcome.total;
    this.moreButton.hidden = outcome.hits.length >= outcome.total || added.length === 0;
    this.say(
      `已显示 ${formatCount(outcome.hits.length)} 条，共${outcome.approximate ? '约' : ''} ${formatCount(outcome.total)} 条。`,
    );
    items[0]?.querySelector('a')?.focus();
  }

  private renderHit(hit: Hit, plan: QueryPlan): HTMLLIElement {
    const m = hit.meta;
    const facts = el('p', { class: 'search-facts' });
    if (m.kind === 'institution') {
      const info = badgeForSlug(m.status);
      if (info) {
        facts.append(
          el(
            'span',
            { class: `badge badge-${info.slug}` },
            el(
              'span',
              { 'aria-hidden': 'true' },
              info.slug === 'stop-order' ? stopOrderIcon() : '',
              `${info.icon} `,
            ),
            info.label,
          ),
        );
      }
      if (m.unlisted) {
        facts.append(
          el(
            'span',
            { class: 'badge badge-unlisted' },
            el('span', { 'aria-hidden': 'true' }, '? '),
            m.unlisted,
          ),
        );
      }
      const sector = SECTOR_LABEL[m.sector as Sector];
      if (sector) facts.append(el('span', {}, sector));
      facts.append(el('span', {}, m.region));
      facts.append(el('span', {}, m.latest ? `最近处罚：${formatDate(m.latest)}` : '无公示期内的行政处罚'));
    } else {
      facts.append(el('span', {}, '行政处罚'));
      facts.append(el('span', {}, m.region));
      facts.append(el('span', {}, `决定日期：${formatDate(m.latest)}`));
    }
    const li = el('li', {}, el('h3', {}, el('a', { href: hit.url }, m.title)), facts);
    const code = this.codeLine(hit, plan);
    if (code) li.append(code);
    return li;
  }

  /** For a code search, the code that matched, so a journalist sees it is the one pasted. */
  private codeLine(hit: Hit, plan: QueryPlan): HTMLParagraphElement | null {
    const m = hit.meta;
    if ((plan.parsed.kind === 'uscc' || plan.parsed.kind === 'organisation') && m.uscc)
      return el('p', { class: 'search-code' }, `统一社会信用代码：${m.uscc}`);
    if ((plan.parsed.kind === 'document' || m.kind === 'penalty') && m.docs) {
      return el('p', { class: 'search-code' }, `处罚决定书文号：${m.docs.split(META_SEPARATOR).join('、')}`);
    }
    return null;
  }

  private showCounts(counts: Record<string, Record<string, number>>, shards: readonly ManifestShard[]): void {
    for (const key of CHECKBOX_FILTERS) {
      const values = counts[key] ?? {};
      for (const span of this.filters.querySelectorAll<HTMLElement>(
        `[data-facet="${key}"] [data-count-for]`,
      )) {
        span.textContent = `（${formatCount(values[span.dataset.countFor ?? ''] ?? 0)}）`;
      }
    }
    const tree = this.tree;
    if (!tree) return;
    const searched = new Set(shards.flatMap((s) => s.regions));
    const rolled = tree.rollUp(counts.region ?? {});
    const known = new Map<string, number>();
    for (const code of tree.regions.keys()) {
      if (tree.recordRegions(code).every((c) => searched.has(c))) known.set(code, rolled.get(code) ?? 0);
    }
    this.setRegionCounts(known);
  }

  private say(message: string): void {
    this.status.textContent = message;
  }

  private fail(e: unknown): void {
    this.list.replaceChildren();
    this.list.removeAttribute('aria-busy');
    this.moreButton.hidden = true;
    this.say(
      `搜索暂时无法使用（${e instanceof Error ? e.message : String(e)}）。请使用下方的地区和名单目录查找。`,
    );
  }
}

const root = document.querySelector<HTMLElement>('[data-module="search"]');
if (root) void new SearchPage(root).start();
