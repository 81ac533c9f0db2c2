/**
 * How statuses look on the map: the badge's symbol and label (labels.ts), a marker shape per status so that neither
 * colour nor symbol alone carries the meaning, and what a cluster shows about the statuses inside it.
 */
import type { Status } from '../domain/schemas.ts';
import { STATUS_INFO } from '../site/labels.ts';
import { MAP_STATUSES as STATUSES } from './values.ts';

/** Marker shapes by status: CSS classes in map.css draw them. */
export const MARKER_SHAPE: Readonly<
  Record<Status, 'octagon' | 'triangle' | 'square' | 'circle' | 'diamond'>
> = {
  blacklisted: 'octagon',
  sanctioned: 'triangle',
  removed: 'square',
  listed: 'circle',
  proposed: 'diamond',
};

export interface StatusMark {
  status: Status;
  icon: string;
  label: string;
  shape: string;
}

export const STATUS_MARKS: readonly StatusMark[] = STATUSES.map((s) => ({
  status: s,
  icon: STATUS_INFO[s].icon,
  label: STATUS_INFO[s].label,
  shape: MARKER_SHAPE[s],
}));

/** Counts by status index, as supercluster's reduce keeps them on a cluster. */
export type StatusCounts = [number, number, number, number];

/** The strongest status present in a cluster (STATUSES is ordered strongest first), or null when empty. */
export function strongestStatus(counts: readonly number[]): Status | null {
  for (let i = 0; i < STATUSES.length; i++) if ((counts[i] ?? 0) > 0) return STATUSES[i] as Status;
  return null;
}

/** A cluster's accessible name, e.g. "12 家机构，其中 黑名单 1 家、处罚公示中 3 家；按回车放大". */
export function clusterLabel(
  total: number,
  counts: readonly number[],
  expandable: boolean,
  approximate = false,
): string {
  const parts: string[] = [];
  for (let i = 0; i < 3; i++) {
    const c = counts[i] ?? 0;
    if (c > 0) parts.push(`${STATUS_INFO[STATUSES[i] as Status].label} ${c} 家`);
  }
  const detail = parts.length ? `，其中 ${parts.join('、')}` : '';
  const where = approximate ? '（位置为区县中心，近似）' : '';
  return `${total} 家机构${where}${detail}；${expandable ? '按回车放大' : '按回车列出'}`;
}

/** Short text for a cluster bubble: 1234 → '1234', 12345 → '1.2万'. */
export function clusterCountText(n: number): string {
  if (n < 10000) return String(n);
  const w = n / 10000;
  return `${w < 10 ? w.toFixed(1).replace(/\.0$/, '') : Math.round(w)}万`;
}
