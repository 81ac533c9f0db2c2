/**
 * 经度/纬度 cells to WGS-84. Maps published in China usually use GCJ-02 (Amap, Tencent); the site's tiles are WGS-84.
 * Coordinates that cannot be right (0/0, outside China, only one of the two) are dropped with a warning rather than
 * putting a marker in the sea; swapped columns are put back.
 */

import gcoord from 'gcoord';
import type { Crs } from '../domain/rules/vocabularies.ts';
import { withoutBlanks } from '../domain/whitespace.ts';
import { cleanText, halfWidth } from './normalise-text.ts';

type CoordinateProblem = { code: 'invalid-coordinates'; severity: 'warning'; message: string };
export type CoordinateResult = {
  ok: true;
  coords: { lat: number; lon: number } | null;
  problem: null | CoordinateProblem;
};

/** A generous box around mainland China, Hainan and Taiwan. */
const LON_MIN = 73;
const LON_MAX = 136;
const LAT_MIN = 3;
const LAT_MAX = 54;

const inChina = (lon: number, lat: number) =>
  lon >= LON_MIN && lon <= LON_MAX && lat >= LAT_MIN && lat <= LAT_MAX;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A coordinate cell: undefined when empty, NaN when not a number. */
function parseCoordinate(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : Number.NaN;
  const text = cleanText(v);
  if (text === null) return v === null || v === undefined || typeof v === 'string' ? undefined : Number.NaN;
  const s = withoutBlanks(halfWidth(text)).replace(/°$/, '');
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(s) ? Number(s) : Number.NaN;
}

function dropped(message: string): CoordinateResult {
  return { ok: true, coords: null, problem: { code: 'invalid-coordinates', severity: 'warning', message } };
}

function toOutput(lon: number, lat: number, crs: Crs) {
  const [x, y] = crs === 'gcj02' ? gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84) : [lon, lat];
  return { lat: round6(y ?? lat), lon: round6(x ?? lon) };
}

/** Parse 经度 and 纬度 published in `crs` and return WGS-84 degrees rounded to 6 decimals (about 0.1 m). */
export function toWgs84(lon: unknown, lat: unknown, crs: Crs): CoordinateResult {
  const x = parseCoordinate(lon);
  const y = parseCoordinate(lat);
  if (x === undefined && y === undefined) return { ok: true, coords: null, problem: null };
  if (x === undefined || y === undefined) return dropped('经度和纬度只填了一项，坐标不予使用');
  if (Number.isNaN(x) || Number.isNaN(y)) return dropped('经度或纬度不是数字，坐标不予使用');
  if (x === 0 && y === 0) return dropped('经度、纬度为 0，坐标不予使用');
  if (inChina(x, y)) return { ok: true, coords: toOutput(x, y, crs), problem: null };
  if (inChina(y, x)) {
    return {
      ok: true,
      coords: toOutput(y, x, crs),
      problem: {
        code: 'invalid-coordinates',
        severity: 'warning',
        message: `经度“${x}”与纬度“${y}”填反，已互换`,
      },
    };
  }
  return dropped(`坐标（经度 ${x}，纬度 ${y}）不在中国境内，坐标不予使用`);
}
