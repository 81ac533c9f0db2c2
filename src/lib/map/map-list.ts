/**
 * The list the map enhances: every institution grouped by the region it is filed under, those with a place on the
 * map first (with their point index, so the map script can link each entry to its marker), then those without.
 */
import type { Institution } from '../domain/schemas.ts';
import type { RegionNode, SiteIndex } from '../site/site-index.ts';
import type { Located, MapLayout } from './locate-institutions.ts';

export interface ListEntry extends Located {
  /** Position in the points file. */
  point: number;
}

export interface RegionGroup {
  node: RegionNode;
  located: ListEntry[];
  unlocated: Institution[];
}

export function listGroups(site: SiteIndex, layout: MapLayout): RegionGroup[] {
  const groups = new Map<string, RegionGroup>();
  const group = (code: string): RegionGroup => {
    let g = groups.get(code);
    if (!g) {
      const node = site.regions.get(code);
      if (!node) throw new Error(`地区 ${code} 不在 regions 中`);
      g = { node, located: [], unlocated: [] };
      groups.set(code, g);
    }
    return g;
  };
  layout.located.forEach((l, point) => {
    group(l.institution.region).located.push({ ...l, point });
  });
  for (const i of layout.unlocated) group(i.region).unlocated.push(i);
  // Region order is the points' order: depth-first by code. Sort keys by the ancestors' codes to keep it.
  const key = (g: RegionGroup) => [...g.node.ancestors.map((a) => a.code), g.node.region.code].join('/');
  return [...groups.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Coordinates as the list shows them: 5 decimals, latitude first. */
export function formatLatLon(lat: number, lon: number): string {
  return `北纬 ${lat.toFixed(5)}，东经 ${lon.toFixed(5)}`;
}
