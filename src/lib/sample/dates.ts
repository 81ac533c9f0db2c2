/**
 * Calendar dates as day numbers (days since 1970-01-01), so that arithmetic needs no time zone. A `Ymd` may hold an
 * impossible date on purpose (2023-02-30): the generator writes such dates as defects.
 */

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const MS_PER_DAY = 86_400_000;

export function dayFromIso(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`不是 YYYY-MM-DD 格式的日期：${iso}`);
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (!isValidYmd(ymd)) throw new Error(`日期不存在：${iso}`);
  return Date.UTC(ymd.y, ymd.m - 1, ymd.d) / MS_PER_DAY;
}

export function ymdFromDay(day: number): Ymd {
  const dt = new Date(day * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function isoFromDay(day: number): string {
  return isoFromYmd(ymdFromDay(day));
}

export function isoFromYmd({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isValidYmd({ y, m, d }: Ymd): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return m === 2 && leap ? 29 : (MONTH_DAYS[m - 1] ?? 0);
}

/** Same day of the month `months` later, clamped to the month's end. */
export function addMonths(day: number, months: number): number {
  const { y, m, d } = ymdFromDay(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return Date.UTC(ny, nm - 1, Math.min(d, daysInMonth(ny, nm))) / MS_PER_DAY;
}

export function addYears(day: number, years: number): number {
  return addMonths(day, years * 12);
}

/** Milliseconds since the epoch of midnight in Asia/Shanghai (UTC+8) on that day, as some JSON exports publish. */
export function shanghaiEpochMs(day: number): number {
  return day * MS_PER_DAY - 8 * 3_600_000;
}

/** The Excel 1900-system serial number of a day. */
export function excelSerial(day: number): number {
  return day + 25_569;
}

/** 2023年5月10日 */
export function cnDate({ y, m, d }: Ymd): string {
  return `${y}年${m}月${d}日`;
}
