/**
 * Who publishes: agency names, document numbers, notice URLs and source ids.
 */
import { isoFromDay, ymdFromDay } from './dates.ts';
import type { Rng } from './random.ts';
import { type City, type County, countyPrefix } from './regions.ts';

export function healthBureau(county: County): string {
  return `${countyPrefix(county)}卫生健康局`;
}

export function cityHealthCommission(city: City): string {
  return city.code === '522600' ? `${city.prefix}卫生健康局` : `${city.prefix}卫生健康委员会`;
}

export function marketBureau(place: County | City): string {
  return 'city' in place ? `${countyPrefix(place)}市场监督管理局` : `${place.prefix}市场监督管理局`;
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 一, 12 → 十二: batch numbers in titles (第一批). */
export function cnNumber(n: number): string {
  if (n <= 10) return CN_DIGITS[n] ?? String(n);
  if (n < 20) return `十${CN_DIGITS[n - 10] ?? ''}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${CN_DIGITS[tens] ?? ''}十${ones ? (CN_DIGITS[ones] ?? '') : ''}`;
}

/** A notice URL on the city's government site, as agencies publish them (…/202208/t20220816_2051234.shtml). */
export function noticeUrl(rng: Rng, host: string, section: string, day: number): string {
  const { y, m, d } = ymdFromDay(day);
  const ym = `${y}${String(m).padStart(2, '0')}`;
  const ext = rng.pick(['html', 'shtml']);
  return `http://${host}/${section}/${ym}/t${ym}${String(d).padStart(2, '0')}_${rng.int(1_000_000, 9_999_999)}.${ext}`;
}

/** When the notice was fetched: a few days before the as-of date, never before it was published. */
export function retrievedDay(rng: Rng, published: number, asOf: number): string {
  return isoFromDay(Math.max(published, asOf - rng.int(0, 4)));
}

/** A 文号 for a notice: 东卫健〔2022〕41号. */
export function noticeNumber(rng: Rng, abbr: string, day: number): string {
  return `${abbr}〔${ymdFromDay(day).y}〕${rng.int(3, 120)}号`;
}

/** Source ids: unique, stable, readable. */
export class SourceIds {
  readonly #used = new Set<string>();

  take(base: string): string {
    let id = base;
    for (let n = 2; this.#used.has(id); n++) id = `${base}-${n}`;
    this.#used.add(id);
    return id;
  }
}
