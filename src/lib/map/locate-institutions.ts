/**
 * Where each institution goes on the map, decided once per build from the site index.
 *
 * Points are ordered depth-first through the region tree (province › city › county, then by name), so every region's
 * points form one contiguous range: a region's small map reads its slice, and popups everywhere share one set of
 * detail files keyed by the point's position.
 *
 * An institution without published coordinates may be placed at its county's centre, marked approximate. The centre
 * is the median of the published coordinates of the other institutions in that county — data the register itself
 * publishes; nothing is geocoded. Counties with fewer than MIN_FOR_CENTRE located institutions get no centre, and
 * their institutions stay in the "no location yet" count.
 */
import type { Institution } from '../domain/schemas.ts';
import type { RegionNode, SiteIndex } from '../site/site-index.ts';

export const MIN_FOR_CENTRE = 3;

export type Placement = 'published' | 'approximate' | 'county-centre';

export interface Located {
  institution: Institution;
  lat: number;
  lon: number;
  /**
   * 'published': coordinates from a source; 'approximate': the data marks them approximate;
   * 'county-centre': placed at the county centre here.
   */
  placement: Placement;
}

export interface CountyCentre {
  lat: number;
  lon: number;
  /** How many published coordinates the median was taken over. */
  basis: number;
}

export interface MapLayout {
  /** Institutions with a place on the map, in point order. */
  located: Located[];
  /** Point index by institution id. */
  pointById: ReadonlyMap<string, number>;
  /** [from, to) point range of each region that has points. */
  ranges: ReadonlyMap<string, readonly [number, number]>;
  /** Institutions with no place on the map at all, in the same region order. */
  unlocated: Institution[];
  centres: ReadonlyMap<string, CountyCentre>;
  counts: {
    published: number;
    /** Approximate in the data, or placed at a county centre here. */
    approximate: number;
    countyCentre: number;
    /** Institutions without published coordinates (county-centre ones included). */
    withoutCoordinates: number;
    /** Not on the map at all. */
    unlocated: number;
  };
}

export interface LayoutOptions {
  /** Place institutions without coordinates at their county centre (default true). */
  countyCentres?: boolean;
  minForCentre?: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const v = s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return Math.round(v * 1e6) / 1e6;
}

/** The median of a county's published coordinates, per county with enough of them. */
export function countyCentres(
  regions: Iterable<RegionNode>,
  minCount: number = MIN_FOR_CENTRE,
): Map<string, CountyCentre> {
  const out = new Map<string, CountyCentre>();
  for (const node of regions) {
    if (node.region.level !== 'county') continue;
    const lats: number[] = [];
    const lons: number[] = [];
    for (const i of node.institutions) {
      if (i.coordinates && !i.coordinates.approximate) {
        lats.push(i.coordinates.lat);
        lons.push(i.coordinates.lon);
      }
    }
    if (lats.length >= minCount) {
      out.set(node.region.code, { lat: median(lats), lon: median(lons), basis: lats.length });
    }
  }
  return out;
}

/** Depth-first walk over the region tree: each region's own institutions, then its children's. */
function* regionOrder(nodes: readonly RegionNode[]): Generator<RegionNode> {
  for (const node of nodes) {
    yield node;
    yield* regionOrder(node.children);
  }
}

export function layoutMap(site: SiteIndex, opts: LayoutOptions = {}): MapLayout {
  const centres =
    opts.countyCentres === false
      ? new Map<string, CountyCentre>()
      : countyCentres(site.regions.values(), opts.minForCentre);
  const located: Located[] = [];
  const unlocated: Institution[] = [];
  const ranges = new Map<string, readonly [number, number]>();
  const counts = { published: 0, approximate: 0, countyCentre: 0, withoutCoordinates: 0, unlocated: 0 };

  // Institutions directly in each region, in the index's name order.
  const direct = new Map<string, Institution[]>();
  for (const inst of site.institutions) {
    const list = direct.get(inst.region);
    if (list) list.push(inst);
    else direct.set(inst.region, [inst]);
  }

  // Points are pushed in walk order; a region's range closes once its last descendant is done.
  const open: { code: string; from: number; depth: number }[] = [];
  const depthOf = (n: RegionNode) => n.ancestors.length;
  const close = (depth: number) => {
    while (open.length && (open[open.length - 1] as { depth: number }).depth >= depth) {
      const o = open.pop() as { code: string; from: number };
      if (located.length > o.from) ranges.set(o.code, [o.from, located.length]);
    }
  };
  for (const node of regionOrder(site.provinces)) {
    close(depthOf(node));
    open.push({ code: node.region.code, from: located.length, depth: depthOf(node) });
    for (const inst of direct.get(node.region.code) ?? []) {
      const c = inst.coordinates;
      if (c) {
        located.push({
          institution: inst,
          lat: c.lat,
          lon: c.lon,
          placement: c.approximate ? 'approximate' : 'published',
        });
        if (c.approximate) {
          counts.approximate++;
          counts.withoutCoordinates++;
        } else counts.published++;
        continue;
      }
      counts.withoutCoordinates++;
      const centre = centres.get(inst.region);
      if (centre) {
        located.push({ institution: inst, lat: centre.lat, lon: centre.lon, placement: 'county-centre' });
        counts.approximate++;
        counts.countyCentre++;
      } else {
        unlocated.push(inst);
        counts.unlocated++;
      }
    }
  }
  close(0);

  const pointById = new Map<string, number>();
  located.forEach((l, i) => {
    pointById.set(l.institution.id, i);
  });
  return { located, pointById, ranges, unlocated, centres, counts };
}
