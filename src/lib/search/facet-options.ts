/**
 * The filter choices the search page renders, with the whole register's count for each value (what an empty search
 * would show), so the page carries the counts before any index is downloaded. Pure.
 */
import { LISTS, SECTORS, STATUSES } from '../domain/schemas.ts';
import { LIST_LABEL, SECTOR_LABEL, STATUS_INFO } from '../site/labels.ts';
import type { SiteIndex } from '../site/site-index.ts';
import type { CheckboxFilter } from './search-state.ts';

export interface FacetOption {
  value: string;
  label: string;
  /** A symbol shown before the label (statuses), so a status never depends on colour alone. */
  icon: string | null;
  count: number;
}

export interface Facet {
  key: CheckboxFilter;
  legend: string;
  options: FacetOption[];
}

function countBy(values: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

export function facetOptions(site: SiteIndex): Facet[] {
  const lists = countBy(site.institutions.flatMap((i) => i.lists));
  const services = countBy(site.institutions.flatMap((i) => i.serviceTypes));
  return [
    {
      key: 'sector',
      legend: '类别',
      options: SECTORS.map((s) => ({
        value: s,
        label: SECTOR_LABEL[s],
        icon: null,
        count: site.bySector[s],
      })),
    },
    {
      key: 'status',
      legend: '状态',
      options: STATUSES.map((s) => ({
        value: s,
        label: STATUS_INFO[s].label,
        icon: STATUS_INFO[s].icon,
        count: site.byStatus[s],
      })),
    },
    {
      key: 'list',
      legend: '所在名单',
      options: LISTS.filter((l) => lists.has(l)).map((l) => ({
        value: l,
        label: LIST_LABEL[l],
        icon: null,
        count: lists.get(l) ?? 0,
      })),
    },
    {
      key: 'service',
      legend: '服务类型',
      options: [...services.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([value, count]) => ({ value, label: value, icon: null, count })),
    },
  ];
}
