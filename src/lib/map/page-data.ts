/** What the map page and its list pages show; the site model computes it once per build (model.ts). */
import { SECTORS, type Sector, STATUSES, type Status } from '../domain/schemas.ts';
import type { SiteIndex } from '../site/site-index.ts';
import { layoutMap, type MapLayout } from './locate-institutions.ts';
import { listGroups, type RegionGroup } from './map-list.ts';

/** Up to this many institutions, /map/ lists every one; beyond, it lists regions and each region has list pages. */
export const INLINE_LIST_LIMIT = 2000;

export interface MapPageData {
  groups: RegionGroup[];
  inline: boolean;
  /** Points on the map by status and by sector, for the filter labels. */
  byStatus: Record<Status, number>;
  bySector: Record<Sector, number>;
}

export function mapPageData(site: SiteIndex, layout: MapLayout = layoutMap(site)): MapPageData {
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const bySector = Object.fromEntries(SECTORS.map((s) => [s, 0])) as Record<Sector, number>;
  for (const l of layout.located) {
    byStatus[l.institution.status]++;
    bySector[l.institution.sector]++;
  }
  return {
    groups: listGroups(site, layout),
    inline: site.institutions.length <= INLINE_LIST_LIMIT,
    byStatus,
    bySector,
  };
}
