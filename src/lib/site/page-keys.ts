/**
 * What each numerous page shows, reduced to a key: equal keys (with equal code, as-of date and site settings) mean a
 * byte-identical page, so an incremental build (scripts/build.ts --incremental) renders only the pages whose key
 * changed and keeps the others from the previous build. Each key lists the inputs of its page as the page's
 * component reads them — the rows on the page, the counts and filter links around them, the pager — and over-reaches
 * where that is simpler (an institution row is keyed by the whole institution). A key that missed an input would
 * keep a stale page; test/e2e/incremental.test.ts builds the same changed data both ways and compares every byte.
 *
 * Pages that summarise the whole register (home, statistics, feeds, sitemaps, map data) have no key and are
 * rendered every time: they are few. The national downloads have one (their records), so that an unchanged one is
 * not rendered again.
 */
import { createHash } from 'node:crypto';
import type { Institution, Penalty, SourceInfo } from '../domain/schemas.ts';
import type { RegionGroup } from '../map/map-list.ts';
import { siteConfig } from './config.ts';
import type { DatasetId } from './downloads/columns.ts';
import type { SiteModel } from './model.ts';
import { pageOf } from './paginate.ts';
import type { RegionNode } from './site-index.ts';
import { compareRegion } from './statistics.ts';

export function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 20);
}

/** A source as a citation shows it: counts of other rows do not change the pages that cite it. */
export function citationOf(s: SourceInfo | undefined) {
  if (!s) return null;
  const { counts: _c, hiddenByReason: _h, problemsByCode: _p, ...shown } = s;
  return shown;
}

/** A list's filter links and counts, as the list pages show them above their rows. */
interface Counts {
  length: number;
  byStatus: unknown;
  bySector: unknown;
}

export class PageKeys {
  readonly #model: SiteModel;
  readonly #rows = new WeakMap<object, string>();
  readonly #institutions = new WeakMap<Institution, string>();
  readonly #regions = new WeakMap<RegionNode, string>();
  readonly #downloads = new Map<DatasetId, string>();

  constructor(model: SiteModel) {
    this.#model = model;
  }

  get #site() {
    return this.#model.index;
  }

  /** An institution as a row of a list shows it (its whole record: more than a row shows, never less). */
  row(inst: Institution): string {
    let k = this.#rows.get(inst);
    if (k === undefined) {
      k = digest(inst);
      this.#rows.set(inst, k);
    }
    return k;
  }

  /** A penalty as a row shows it: the penalty, the name of its institution and the sources it cites. */
  penalty(p: Penalty): string {
    let k = this.#rows.get(p);
    if (k === undefined) {
      const inst = p.institutionId ? this.#site.institutionById.get(p.institutionId) : undefined;
      const sources = [p.provenance.source, ...p.alsoIn.map((a) => a.source)];
      k = digest([
        p,
        inst ? [inst.id, inst.name] : null,
        sources.map((id) => citationOf(this.#site.sourceById.get(id))),
      ]);
      this.#rows.set(p, k);
    }
    return k;
  }

  /**
   * An institution's page: the institution, its penalties and inspections, the sources it cites, its region chain,
   * the institutions of the same name it lists, and the county centre its map uses when it published no coordinates.
   */
  institution(inst: Institution): string {
    let k = this.#institutions.get(inst);
    if (k !== undefined) return k;
    const site = this.#site;
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
    const sameName = inst.sameNameAs.map((id) => {
      const o = site.institutionById.get(id);
      return o ? [o.id, o.name, o.uscc] : null;
    });
    const centre = inst.coordinates ? null : (this.#model.mapLayout.centres.get(inst.region) ?? null);
    k = digest([
      this.row(inst),
      penalties.map((p) => this.penalty(p)),
      inspections,
      [...sourceIds].sort().map((id) => citationOf(site.sourceById.get(id))),
      chain,
      sameName,
      centre,
      this.#model.changesOf(inst.id),
    ]);
    this.#institutions.set(inst, k);
    return k;
  }

  /**
   * Everything in a region and below it: its place in the tree, the pages of its institutions and its penalties.
   * A region's lists, downloads and feeds show nothing else.
   */
  region(node: RegionNode): string {
    let k = this.#regions.get(node);
    if (k !== undefined) return k;
    k = digest([
      node.region,
      node.ancestors,
      node.children.map((c) => c.region.code),
      node.institutions.map((i) => this.institution(i)),
      node.penalties.map((p) => this.penalty(p)),
    ]);
    this.#regions.set(node, k);
    return k;
  }

  /**
   * A region compared with its peers (its overview and statistics pages): everything in the region, and the
   * comparison as those pages show it — each peer's code, name and figures, the averages and places.
   */
  regionAmongPeers(node: RegionNode): string {
    const model = this.#model;
    const c = compareRegion(this.#site, node, siteConfig.births, (n) => model.regionStatistics(n));
    return digest([
      this.region(node),
      c.province,
      c.birthsYear,
      c.places,
      c.peers.map((p) => [p.node.region.code, p.node.region.name, p.values]),
    ]);
  }

  /** One page of an institution list under its filter links. */
  #institutionList(items: readonly Institution[], page: number, around: Counts): string {
    const p = pageOf(items, siteConfig.pageSize.institutions, page);
    return digest([around, items.length, p.current, p.last, p.items.map((i) => this.row(i))]);
  }

  /** A page of the register's institution list (InstitutionListPage.astro): all, or one status or sector. */
  institutionListPage(items: readonly Institution[], page: number): string {
    const site = this.#site;
    return this.#institutionList(items, page, {
      length: site.institutions.length,
      byStatus: site.byStatus,
      bySector: site.bySector,
    });
  }

  /**
   * A page of a region (RegionPage.astro). Page 1 of the full list is its overview: everything in the region and
   * its place among its peers. Other pages show the region's name, chain and counts around a page of institutions.
   */
  regionPage(node: RegionNode, items: readonly Institution[], overview: boolean, page: number): string {
    if (overview) return digest(['overview', this.regionAmongPeers(node), page]);
    return digest([
      node.region,
      node.ancestors,
      node.penalties.length,
      this.#institutionList(items, page, {
        length: node.institutions.length,
        byStatus: node.byStatus,
        bySector: node.bySector,
      }),
    ]);
  }

  /**
   * One page of a penalty list (PenaltyListPage.astro): its rows, the list's total fine, and the counts of the
   * filters over its scope (a region's penalties, or the register's).
   */
  penaltyListPage(items: readonly Penalty[], page: number, scope: RegionNode | null): string {
    const p = pageOf(items, siteConfig.pageSize.penalties, page);
    const site = this.#site;
    const within = scope ? scope.penalties : site.penalties;
    const f = this.#model.facets(within);
    const lengths = (m: ReadonlyMap<string, readonly unknown[]>) => [...m].map(([v, l]) => [v, l.length]);
    const links = (scope ? scope.children : site.provinces).map((n) => [n.region.code, n.penalties.length]);
    return digest([
      scope ? this.region(scope) : null,
      site.penalties.length,
      within.length,
      lengths(f.byYear),
      lengths(f.bySector),
      lengths(f.byCategory),
      links,
      items.length,
      this.#model.totalFines(items),
      p.current,
      p.last,
      p.items.map((x) => this.penalty(x)),
    ]);
  }

  /**
   * A region's slice of the map (its points file): everything in the region, and where its points start (a point
   * is named by its place in the register's points).
   */
  mapRegion(code: string): string {
    const node = this.#site.regions.get(code);
    return digest([node ? this.region(node) : code, this.#model.mapLayout.ranges.get(code) ?? null]);
  }

  /** A page of a region's part of the map list. */
  mapList(group: RegionGroup, page: number): string {
    return digest([
      this.mapRegion(group.node.region.code),
      group.located.length,
      group.unlocated.length,
      page,
    ]);
  }

  /** A source's page: the source as it is recorded, counts included, and its region. */
  source(s: SourceInfo): string {
    return digest([s, this.#site.regions.get(s.region)?.region ?? null]);
  }

  /**
   * A national download (downloads/*.ts): every record of its dataset and the sources the rows cite. A download
   * of list events reads the events, which carry their institution's current name.
   */
  download(id: DatasetId): string {
    const known = this.#downloads.get(id);
    if (known !== undefined) return known;
    const data = this.#model.data;
    const records: readonly string[] =
      id === 'institutions'
        ? data.institutions.map((i) => this.row(i))
        : id === 'penalties'
          ? data.penalties.map((p) => this.penalty(p))
          : id === 'inspections'
            ? data.inspections.map((x) => digest(x))
            : id === 'list-history'
              ? this.#model.events.map((e) => digest(e))
              : data.sources.map((s) => digest(s));
    const k = digest([id, records, data.sources.map(citationOf)]);
    this.#downloads.set(id, k);
    return k;
  }

  /** A page of the register's latest changes: its changes, and the counts above them. */
  updatesPage(page: number): string {
    const { all, counts } = this.#model.changeLog;
    const p = pageOf(all, siteConfig.pageSize.penalties, page);
    return digest([counts, p.total, p.current, p.last, p.items]);
  }
}
