/**
 * The site model: what every output reads, built once per build from the published data (publish.ts has already
 * decided what the public may see on the as-of date). Pages, downloads, feeds, the sitemap, search records and map
 * points read it, and only it; none of them filters by date, recomputes a status or rebuilds data from another
 * output's index.
 *
 * Each derived view (the change log, statistics, the map layout, the downloads …) is computed the first time an
 * output asks and kept here, so a build of 100,000 institutions computes each once however many pages read it. The
 * modules that compute them stay pure functions of the data, and this is the one place that holds their results.
 */
import type { Institution, Penalty, SiteData } from '../domain/schemas.ts';
import { layoutMap, type MapLayout } from '../map/locate-institutions.ts';
import { type MapPageData, mapPageData } from '../map/page-data.ts';
import { feedGroups, type RegionGroups } from './atom-feeds.ts';
import { type Change, type ChangeLog, changeLog } from './change-log.ts';
import type { ExportOptions } from './downloads/columns.ts';
import { DownloadCache, exportContext } from './downloads/render.ts';
import { buildSitemap, type Sitemap } from './export-sitemap.ts';
import { type EventRecord, listEvents } from './list-events.ts';
import { PageKeys } from './page-keys.ts';
import { type PenaltyFacets, penaltyFacets } from './penalty-facets.ts';
import { buildSiteIndex, type RegionNode, type SiteIndex } from './site-index.ts';
import { type EnforcementStatistics, nationalStatistics, regionStatistics } from './statistics.ts';

/** A list event with the institution it belongs to, as the home page lists the latest. */
export interface ListChange {
  event: EventRecord;
  institution: Institution;
}

/** How many of the newest list events the home page can show. */
const LATEST_CHANGES = 20;

export class SiteModel {
  /** Exactly what the public may see on the as-of date; downloads and feeds read it as it is. */
  readonly data: SiteData;
  /** Lookups over `data` for the pages. */
  readonly index: SiteIndex;

  readonly #views = new Map<string, unknown>();
  readonly #facets = new WeakMap<readonly Penalty[], PenaltyFacets>();
  readonly #fines = new WeakMap<readonly Penalty[], number>();
  readonly #statistics = new WeakMap<RegionNode, EnforcementStatistics>();

  constructor(data: SiteData) {
    this.data = data;
    this.index = buildSiteIndex(data);
  }

  #view<T>(key: string, make: () => T): T {
    if (!this.#views.has(key)) this.#views.set(key, make());
    return this.#views.get(key) as T;
  }

  /** Every published list event, newest first. */
  get events(): readonly EventRecord[] {
    return this.#view('events', () => listEvents(this.data));
  }

  /** The newest list events across all institutions, at most LATEST_CHANGES, from the one sorted list of events. */
  get latestChanges(): readonly ListChange[] {
    return this.#view('latestChanges', () =>
      this.events.slice(0, LATEST_CHANGES).map((event) => {
        const institution = this.index.institutionById.get(event.institutionId);
        if (!institution) throw new Error(`名单变动 ${event.id} 指向不存在的机构 ${event.institutionId}`);
        return { event, institution };
      }),
    );
  }

  get changeLog(): ChangeLog {
    return this.#view('changeLog', () => changeLog(this.data, this.events));
  }

  /** One institution's changes, newest first. */
  changesOf(id: string): readonly Change[] {
    return this.changeLog.byInstitution.get(id) ?? [];
  }

  /** The groupings the feeds share: newest penalties and list events, site-wide and per region. */
  get feedGroups(): RegionGroups {
    return this.#view('feedGroups', () => feedGroups(this.data, this.index.penalties, this.events));
  }

  /** A penalty list (the register's, a region's, a year's …) by year, sector and category. */
  facets(list: readonly Penalty[]): PenaltyFacets {
    let f = this.#facets.get(list);
    if (!f) {
      f = list === this.index.penalties ? this.index.penaltyFacets : penaltyFacets(list);
      this.#facets.set(list, f);
    }
    return f;
  }

  /** The fines of a penalty list, summed once however many of its pages show the total. */
  totalFines(list: readonly Penalty[]): number {
    let t = this.#fines.get(list);
    if (t === undefined) {
      t = 0;
      for (const p of list) t += p.fineYuan;
      this.#fines.set(list, t);
    }
    return t;
  }

  /** The whole register's enforcement statistics. */
  get statistics(): EnforcementStatistics {
    return this.#view('statistics', () => nationalStatistics(this.index));
  }

  /** A region's enforcement statistics, its sub-regions included. */
  regionStatistics(node: RegionNode): EnforcementStatistics {
    let s = this.#statistics.get(node);
    if (!s) {
      s = regionStatistics(node, this.facets(node.penalties));
      this.#statistics.set(node, s);
    }
    return s;
  }

  get mapLayout(): MapLayout {
    return this.#view('mapLayout', () => layoutMap(this.index));
  }

  get mapPage(): MapPageData {
    return this.#view('mapPage', () => mapPageData(this.index, this.mapLayout));
  }

  /** The downloads for one site root and licence (a build has one of each). */
  downloads(options: ExportOptions): DownloadCache {
    return this.#view(`downloads\n${options.siteRoot}\n${options.licence}`, () => {
      const ctx = exportContext(this.data, options, this.events);
      return new DownloadCache(this.data, ctx);
    });
  }

  /** What each numerous page shows, as a key: an incremental build renders only the pages whose key changed. */
  get pageKeys(): PageKeys {
    return this.#view('pageKeys', () => new PageKeys(this));
  }

  /** The sitemap of the given page paths under a site root. */
  sitemap(siteRoot: string, pagePaths: () => Promise<string[]>): Promise<Sitemap> {
    return this.#view(`sitemap\n${siteRoot}`, () => pagePaths().then((p) => buildSitemap(siteRoot, p)));
  }
}
