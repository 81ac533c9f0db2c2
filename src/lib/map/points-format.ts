/**
 * The compact map data: one points file for /map/, one slice per region for the small maps, and detail files that
 * popups fetch on demand. Shared by the build (encode) and the browser (decode).
 *
 * points.json holds only what clustering and filtering need, as columns:
 *   lat, lon  integers in units of 10⁻⁵ degree (about 1 m): the first absolute, then differences from the previous
 *   kind      one base-32 digit per point (0–9, a–v): status index (bits 0–2), sector index (bit 3), approximate (bit 4)
 * Names, ids, places and latest penalty dates live in details/<k>.json, DETAIL_CHUNK points each, so a national map
 * downloads about 7 bytes per point before its first render (names alone would be ~25 bytes gzipped).
 */
import type { Sector, Status } from '../domain/schemas.ts';
import { MAP_SECTORS as SECTORS, MAP_STATUSES as STATUSES } from './values.ts';

export const FORMAT_VERSION = 2;
export const COORD_SCALE = 1e5;
export const DETAIL_CHUNK = 500;

export interface PointsFile {
  v: number;
  asOf: string;
  statuses: readonly Status[];
  sectors: readonly Sector[];
  scale: number;
  /** Points per detail file. */
  chunk: number;
  /** Global index of the first point here (0 for the whole map, the range start for a region's slice). */
  offset: number;
  n: number;
  /** Institutions that have no place on the map (not in this file); for the whole map only. */
  unlocated: number;
  lat: number[];
  lon: number[];
  kind: string;
}

export interface DetailsFile {
  /** Global index of the first point. */
  offset: number;
  ids: string[];
  names: string[];
  /** 托位数, null when not published. */
  places: (number | null)[];
  /** Latest visible penalty's decision date, or null. */
  penalty: (string | null)[];
}

/** One point as the build knows it. */
export interface PointInput {
  lat: number;
  lon: number;
  status: Status;
  sector: Sector;
  approximate: boolean;
}

export interface DetailInput {
  id: string;
  name: string;
  places: number | null;
  penalty: string | null;
}

const STATUS_BITS = 3;
const SECTOR_BITS = 1;
/** How many kind codes there are: a lookup table by kind (map.ts filters with one) has this many entries. */
export const KIND_COUNT = 1 << (STATUS_BITS + SECTOR_BITS + 1);
const KIND_RADIX = 32;
// A vocabulary outgrowing its bits would turn one status into another on the map (as `proposed` once became
// `blacklisted` in a 2-bit field): refuse to build instead.
if (STATUSES.length > 1 << STATUS_BITS || SECTORS.length > 1 << SECTOR_BITS || KIND_COUNT > KIND_RADIX) {
  throw new Error('points-format: the status or sector vocabulary no longer fits its bits');
}

/** The kind code of a status index, a sector index and the approximate flag. */
export function kindOf(status: number, sector: number, approximate: number): number {
  return status | (sector << STATUS_BITS) | (approximate << (STATUS_BITS + SECTOR_BITS));
}

export function kindCode(p: Pick<PointInput, 'status' | 'sector' | 'approximate'>): number {
  return kindOf(STATUSES.indexOf(p.status), SECTORS.indexOf(p.sector), p.approximate ? 1 : 0);
}

export function encodePoints(
  points: readonly PointInput[],
  opts: { asOf: string; offset?: number; unlocated?: number },
): PointsFile {
  const lat: number[] = new Array(points.length);
  const lon: number[] = new Array(points.length);
  let kind = '';
  let pLat = 0;
  let pLon = 0;
  points.forEach((p, i) => {
    const y = Math.round(p.lat * COORD_SCALE);
    const x = Math.round(p.lon * COORD_SCALE);
    lat[i] = y - pLat;
    lon[i] = x - pLon;
    pLat = y;
    pLon = x;
    kind += kindCode(p).toString(KIND_RADIX);
  });
  return {
    v: FORMAT_VERSION,
    asOf: opts.asOf,
    statuses: STATUSES,
    sectors: SECTORS,
    scale: COORD_SCALE,
    chunk: DETAIL_CHUNK,
    offset: opts.offset ?? 0,
    n: points.length,
    unlocated: opts.unlocated ?? 0,
    lat,
    lon,
    kind,
  };
}

export function encodeDetails(details: readonly DetailInput[], offset: number): DetailsFile {
  return {
    offset,
    ids: details.map((d) => d.id),
    names: details.map((d) => d.name),
    places: details.map((d) => d.places),
    penalty: details.map((d) => d.penalty),
  };
}

/** Points decoded for clustering: coordinates in degrees, and small integer codes. */
export interface DecodedPoints {
  offset: number;
  n: number;
  lat: Float64Array;
  lon: Float64Array;
  status: Uint8Array;
  sector: Uint8Array;
  approximate: Uint8Array;
  statuses: readonly Status[];
  sectors: readonly Sector[];
  chunk: number;
  unlocated: number;
}

export class PointsFormatError extends Error {}

export function decodePoints(file: PointsFile): DecodedPoints {
  if (file.v !== FORMAT_VERSION) throw new PointsFormatError(`地图数据版本 ${file.v} 无法识别`);
  const n = file.n;
  if (file.lat.length !== n || file.lon.length !== n || file.kind.length !== n) {
    throw new PointsFormatError('地图数据的列长度不一致');
  }
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const status = new Uint8Array(n);
  const sector = new Uint8Array(n);
  const approximate = new Uint8Array(n);
  let y = 0;
  let x = 0;
  for (let i = 0; i < n; i++) {
    y += file.lat[i] as number;
    x += file.lon[i] as number;
    lat[i] = y / file.scale;
    lon[i] = x / file.scale;
    const k = Number.parseInt(file.kind[i] as string, KIND_RADIX);
    // An unreadable digit must not decode as status 0, which is 黑名单.
    if (!(k < KIND_COUNT) || (k & ((1 << STATUS_BITS) - 1)) >= file.statuses.length) {
      throw new PointsFormatError(`地图数据第 ${i + 1} 个点的类别“${file.kind[i]}”无法识别`);
    }
    status[i] = k & ((1 << STATUS_BITS) - 1);
    sector[i] = (k >> STATUS_BITS) & ((1 << SECTOR_BITS) - 1);
    approximate[i] = (k >> (STATUS_BITS + SECTOR_BITS)) & 1;
  }
  return {
    offset: file.offset,
    n,
    lat,
    lon,
    status,
    sector,
    approximate,
    statuses: file.statuses,
    sectors: file.sectors,
    chunk: file.chunk,
    unlocated: file.unlocated,
  };
}

/** Which detail file holds a global point index, and its position there. */
export function detailAddress(index: number, chunk: number): { file: number; at: number } {
  return { file: Math.floor(index / chunk), at: index % chunk };
}
