/**
 * Popup contents, built with DOM APIs only: every value from the data goes in as text, never as markup. Names, ids,
 * places and penalty dates come from the detail files, fetched the first time a popup needs them.
 */

import type { MapPoints } from '../../lib/map/clusters.ts';
import { type DetailsFile, detailAddress } from '../../lib/map/points-format.ts';
import { formatCount, formatDate } from '../../lib/site/format.ts';
import { CAPACITY_LABEL, SECTOR_LABEL, STATUS_INFO } from '../../lib/site/labels.ts';

export interface DetailSource {
  /** URL of details/ ending in '/'. */
  base: string;
  /** URL of the institution pages ending in '/'. */
  institutions: string;
  chunk: number;
}

export interface Detail {
  id: string;
  name: string;
  places: number | null;
  penalty: string | null;
}

const cache = new Map<string, Promise<DetailsFile>>();

function chunkFile(src: DetailSource, file: number): Promise<DetailsFile> {
  const url = `${src.base}${file}.json`;
  let p = cache.get(url);
  if (!p) {
    p = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: ${r.status}`);
      return r.json() as Promise<DetailsFile>;
    });
    p.catch(() => cache.delete(url));
    cache.set(url, p);
  }
  return p;
}

export async function detailOf(src: DetailSource, index: number): Promise<Detail> {
  const { file, at } = detailAddress(index, src.chunk);
  const d = await chunkFile(src, file);
  const id = d.ids[at];
  if (id === undefined) throw new Error(`no detail for point ${index}`);
  return { id, name: d.names[at] ?? id, places: d.places[at] ?? null, penalty: d.penalty[at] ?? null };
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The status badge as on the site's pages: symbol (hidden from screen readers) and label. */
export function statusBadge(statusIndex: number, points: MapPoints): HTMLElement {
  const status = points.data.statuses[statusIndex] ?? 'listed';
  const info = STATUS_INFO[status];
  const badge = el('span', `badge badge-${info.slug}`);
  const icon = el('span', undefined, `${info.icon} `);
  icon.setAttribute('aria-hidden', 'true');
  badge.append(icon, info.label);
  return badge;
}

function fact(dl: HTMLDListElement, term: string, value: string): void {
  const row = el('div');
  row.append(el('dt', undefined, term), el('dd', undefined, value));
  dl.append(row);
}

/** A popup for one point: filled in when its details arrive. */
export function pointPopup(
  points: MapPoints,
  local: number,
  src: DetailSource,
  onReady: () => void,
): HTMLElement {
  const d = points.data;
  const box = el('div', 'map-popup');
  const title = el('p', 'map-popup-name', '正在载入…');
  const meta = el('p', 'map-popup-meta');
  const sector = d.sectors[d.sector[local] ?? 0] ?? 'childcare';
  meta.append(statusBadge(d.status[local] ?? 3, points), ` ${SECTOR_LABEL[sector]}`);
  const dl = el('dl', 'map-popup-facts');
  box.append(title, meta, dl);
  if (d.approximate[local]) box.append(el('p', 'map-popup-approx', '位置为区县中心（近似）'));
  detailOf(src, d.offset + local).then(
    (info) => {
      const a = el('a', undefined, info.name);
      a.href = `${src.institutions}${encodeURIComponent(info.id)}/`;
      title.textContent = '';
      title.append(a);
      fact(dl, CAPACITY_LABEL[sector].unit, info.places === null ? '未公布' : formatCount(info.places));
      fact(dl, '最近处罚', info.penalty ? formatDate(info.penalty) : '无公示期内处罚');
      onReady();
    },
    () => {
      title.textContent = '机构信息暂时无法载入，请查看下方列表。';
      onReady();
    },
  );
  return box;
}

/** A popup listing the points of a cluster that cannot be split further (same or almost the same place). */
export function listPopup(
  points: MapPoints,
  locals: readonly number[],
  total: number,
  src: DetailSource,
  onReady: () => void,
): HTMLElement {
  const box = el('div', 'map-popup');
  const approximate = locals.filter((i) => points.data.approximate[i]).length;
  const all = approximate === locals.length;
  box.append(
    el('p', 'map-popup-name', all ? `位置为区县中心（近似）的 ${total} 家机构` : `此处 ${total} 家机构`),
  );
  const ul = el('ul', 'map-popup-list');
  box.append(ul);
  if (approximate > 0 && !all) box.append(el('p', 'map-popup-approx', '含位置为区县中心（近似）的机构'));
  if (total > locals.length)
    box.append(el('p', 'map-popup-more', `仅列出前 ${locals.length} 家，其余见下方列表。`));
  Promise.all(locals.map((i) => detailOf(src, points.data.offset + i))).then(
    (infos) => {
      infos.forEach((info, k) => {
        const li = el('li');
        const a = el('a', undefined, info.name);
        a.href = `${src.institutions}${encodeURIComponent(info.id)}/`;
        li.append(a, ' ', statusBadge(points.data.status[locals[k] as number] ?? 3, points));
        ul.append(li);
      });
      onReady();
    },
    () => {
      ul.append(el('li', undefined, '机构信息暂时无法载入，请查看下方列表。'));
      onReady();
    },
  );
  return box;
}
