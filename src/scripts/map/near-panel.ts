/**
 * 附近 on /map/: from the reader's position (the browser's geolocation) or a typed road, town or district, the
 * institutions within 1, 3 or 5 km, nearest first, with their distance, on the map as a circle and beside it as a
 * list. The position never leaves the page: it is not fetched from or sent to anywhere, nor written into the URL.
 * A typed place is looked up in the site's own places file (near.ts), fetched the first time a place is typed.
 */
import L from 'leaflet';
import type { MapPoints } from '../../lib/map/clusters.ts';
import {
  DEFAULT_RADIUS_KM,
  findPlaces,
  formatDistance,
  type Place,
  type PlacesFile,
  pointsWithin,
} from '../../lib/map/near.ts';
import { formatCount } from '../../lib/site/format.ts';
import { SECTOR_LABEL } from '../../lib/site/labels.ts';
import type { BaseMap } from './base-map.ts';
import { type DetailSource, detailOf, statusBadge } from './popups.ts';

/** At most this many results are listed; the count says how many there are. */
const LIST_MAX = 50;

export interface NearPanel {
  /** Search again with the current filters (after the reader changed them). */
  refresh(): void;
}

interface Centre {
  lat: number;
  lon: number;
  /** How the centre was found, for the result heading: 您的位置, or the place's name. */
  label: string;
}

export function setupNearPanel(
  panel: HTMLElement,
  results: HTMLElement,
  opts: {
    base: BaseMap;
    points: MapPoints;
    pass: (local: number) => boolean;
    src: DetailSource;
    placesUrl: string;
  },
): NearPanel {
  const { base, points, src } = opts;
  const { map } = base;
  const locate = panel.querySelector<HTMLButtonElement>('[data-near-locate]');
  const form = panel.querySelector<HTMLFormElement>('form');
  const input = panel.querySelector<HTMLInputElement>('input[name="near"]');
  const radiusSelect = panel.querySelector<HTMLSelectElement>('select[name="radius"]');
  const message = panel.querySelector<HTMLElement>('[data-near-message]');
  const choices = panel.querySelector<HTMLElement>('[data-near-choices]');
  const clear = panel.querySelector<HTMLButtonElement>('[data-near-clear]');
  const heading = results.querySelector<HTMLElement>('[data-near-heading]');
  const list = results.querySelector<HTMLOListElement>('ol');
  if (!locate || !form || !input || !radiusSelect || !message || !choices || !clear || !heading || !list)
    return { refresh() {} };

  let centre: Centre | null = null;
  let drawn: L.LayerGroup | null = null;
  let places: Promise<PlacesFile> | null = null;
  let run = 0;

  const say = (text: string) => {
    message.textContent = text;
  };
  const radius = () => Number(radiusSelect.value) || DEFAULT_RADIUS_KM;

  const show = () => {
    if (!centre) return;
    const km = radius();
    // Institutions placed at their county's centre have no distance worth giving: they are counted, not listed.
    const all = pointsWithin(points.data, centre, km, opts.pass);
    const hits = all.filter((h) => points.data.approximate[h.local] !== 1);
    const approximate = all.length - hits.length;
    drawn?.remove();
    const at = base.toDisplay(centre.lat, centre.lon);
    const circle = L.circle(at, { radius: km * 1000, weight: 2, fill: false, interactive: false });
    drawn = L.layerGroup([circle, L.circleMarker(at, { radius: 5, interactive: false })]).addTo(map);
    map.fitBounds(circle.getBounds(), { animate: false });
    heading.textContent = `${centre.label}附近 ${km} 公里内：${formatCount(hits.length)} 家有坐标的机构${hits.length > 0 ? '，由近及远' : ''}`;
    list.textContent = '';
    results.hidden = false;
    clear.hidden = false;
    const notes: string[] = [];
    if (hits.length > LIST_MAX) notes.push(`列出最近的 ${LIST_MAX} 家。`);
    if (approximate > 0)
      notes.push(
        `另有 ${formatCount(approximate)} 家机构未公布坐标，只知道所在区县，未列入；可在下方“按地区列出”中查看。`,
      );
    say(notes.join(''));
    const mine = ++run;
    for (const hit of hits.slice(0, LIST_MAX)) {
      const li = document.createElement('li');
      const sector = points.data.sectors[points.data.sector[hit.local] ?? 0] ?? 'childcare';
      const name = document.createElement('span');
      name.textContent = '…';
      const distance = document.createElement('span');
      distance.className = 'near-distance';
      distance.textContent = formatDistance(hit.km);
      li.append(
        distance,
        ' ',
        name,
        ' ',
        statusBadge(points.data.status[hit.local] ?? 3, points),
        ` ${SECTOR_LABEL[sector]}`,
      );
      list.append(li);
      detailOf(src, points.data.offset + hit.local).then(
        (d) => {
          if (mine !== run) return;
          const a = document.createElement('a');
          a.href = `${src.institutions}${encodeURIComponent(d.id)}/`;
          a.textContent = d.name;
          name.replaceWith(a);
        },
        () => {
          name.textContent = '机构信息暂时无法载入';
        },
      );
    }
  };

  const useCentre = (c: Centre) => {
    centre = c;
    choices.textContent = '';
    show();
  };

  locate.addEventListener('click', () => {
    if (!('geolocation' in navigator)) {
      say('此浏览器不能提供位置，请在下面输入道路、街道或区县。');
      return;
    }
    say('正在取得您的位置…');
    navigator.geolocation.getCurrentPosition(
      (pos) => useCentre({ lat: pos.coords.latitude, lon: pos.coords.longitude, label: '您的位置' }),
      (err) =>
        say(
          err.code === err.PERMISSION_DENIED
            ? '未获准使用您的位置。可在下面输入道路、街道或区县。'
            : '暂时无法取得您的位置，请在下面输入道路、街道或区县。',
        ),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  });

  const choose = (p: Place) =>
    useCentre({ lat: p.lat, lon: p.lon, label: `${p.countyLabel}${p.name === p.county ? '' : p.name}` });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const typed = input.value.trim();
    choices.textContent = '';
    if (typed.length < 2) {
      say('请输入至少两个字的道路、街道、镇或区县名称。');
      return;
    }
    say('正在查找…');
    places ??= fetch(opts.placesUrl).then((r) => {
      if (!r.ok) throw new Error(`${opts.placesUrl}: ${r.status}`);
      return r.json() as Promise<PlacesFile>;
    });
    places.then(
      (file) => {
        const found = findPlaces(file, typed);
        if (found.length === 0) {
          say(`没有找到“${typed}”。本站只认得名单地址中出现的道路、街道、镇和区县，请换一个附近的地名。`);
          return;
        }
        if (found.length === 1) {
          say('');
          choose(found[0] as Place);
          return;
        }
        say(`“${typed}”可能指以下地点，请选择：`);
        for (const p of found) {
          const b = document.createElement('button');
          b.type = 'button';
          b.textContent = p.name === p.county ? p.countyLabel : `${p.name}（${p.countyLabel}）`;
          b.addEventListener('click', () => choose(p));
          choices.append(b);
        }
      },
      () => {
        places = null;
        say('地名数据无法载入，请稍后再试。');
      },
    );
  });

  radiusSelect.addEventListener('change', show);
  clear.addEventListener('click', () => {
    centre = null;
    run++;
    drawn?.remove();
    drawn = null;
    results.hidden = true;
    clear.hidden = true;
    choices.textContent = '';
    say('');
  });
  panel.hidden = false;
  return { refresh: show };
}
