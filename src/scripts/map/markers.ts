/**
 * Marker icons built with DOM APIs. A point shows its status three ways — colour, shape and the badge's symbol — and
 * says it in words to screen readers; a cluster shows its count, and a flag when it holds blacklisted or sanctioned
 * institutions. Each marker gets its own elements: Leaflet moves an icon's element into the marker that uses it.
 */
import L from 'leaflet';
import type { Status } from '../../lib/domain/schemas.ts';
import { clusterCountText, clusterLabel, MARKER_SHAPE, strongestStatus } from '../../lib/map/status-marks.ts';
import { STATUS_INFO } from '../../lib/site/labels.ts';

/** Counts of blacklisted, sanctioned and removed points in a cluster; listed is the rest. */
export interface ClusterCounts {
  b: number;
  s: number;
  r: number;
}

function hiddenText(text: string): HTMLElement {
  const s = document.createElement('span');
  s.className = 'visually-hidden';
  s.textContent = text;
  return s;
}

function symbol(text: string, className: string): HTMLElement {
  const s = document.createElement('span');
  s.className = className;
  s.setAttribute('aria-hidden', 'true');
  s.textContent = text;
  return s;
}

/** A point marker; `label` (for markers that are controls) is read out by screen readers. */
export function pointIcon(status: Status, approximate: boolean, label?: string): L.DivIcon {
  const info = STATUS_INFO[status];
  const shape = document.createElement('span');
  shape.className = `mk-shape mk-${MARKER_SHAPE[status]} mk-${status}`;
  shape.append(symbol(info.icon, 'mk-symbol'));
  const outer = document.createElement('span');
  outer.append(shape);
  if (label !== undefined) outer.append(hiddenText(label));
  return L.divIcon({
    html: outer,
    className: `mk${approximate ? ' mk-approx' : ''}`,
    iconSize: [28, 28],
    iconAnchor: [14, 14],
    popupAnchor: [0, -12],
  });
}

export function pointLabel(status: Status, approximate: boolean): string {
  return `${STATUS_INFO[status].label}机构${approximate ? '（位置为区县中心，近似）' : ''}，按回车查看`;
}

/**
 * A cluster to zoom into, or (not expandable) institutions at one place to list; `approximate` when that place is a
 * county centre.
 */
export function clusterIcon(
  count: number,
  props: ClusterCounts,
  expandable: boolean,
  approximate = false,
): L.DivIcon {
  const counts = [props.b, props.s, props.r];
  const strongest = strongestStatus([...counts, 1]);
  const size = count < 100 ? 34 : count < 1000 ? 40 : count < 10000 ? 46 : 52;
  const outer = document.createElement('span');
  outer.append(symbol(clusterCountText(count), 'mk-count'));
  if (strongest === 'blacklisted' || strongest === 'sanctioned') {
    outer.append(symbol(STATUS_INFO[strongest].icon, `mk-flag mk-flag-${strongest}`));
  }
  outer.append(hiddenText(clusterLabel(count, counts, expandable, approximate)));
  return L.divIcon({
    html: outer,
    className: approximate ? 'mk-cluster mk-cluster-approx' : 'mk-cluster',
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
  });
}
