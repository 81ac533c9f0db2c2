/**
 * Dates as agencies publish them: spreadsheet date cells, Excel serial numbers, epoch milliseconds in JSON exports
 * and a dozen text spellings. Everything becomes an ISO calendar date (YYYY-MM-DD) or an `invalid-date` finding.
 */
import { cleanText, halfWidth } from './normalise-text.ts';

export type DateResult =
  | { ok: true; date: string | null }
  | { ok: false; code: 'invalid-date'; message: string };

const MIN_YEAR = 1949;
const MAX_YEAR = 2100;
/** The largest serial Excel accepts: 9999-12-31. */
const MAX_EXCEL_SERIAL = 2_958_465;
/** Numbers at or above this are epoch milliseconds (1973-03-03 onwards), below it Excel serials. */
const EPOCH_MS_FROM = 1e11;
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function invalid(message: string): DateResult {
  return { ok: false, code: 'invalid-date', message };
}

function fromParts(y: number, m: number, d: number, shown: string): DateResult {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return invalid(`日期“${shown}”不存在`);
  if (y < MIN_YEAR || y > MAX_YEAR) return invalid(`日期“${shown}”的年份超出 ${MIN_YEAR}–${MAX_YEAR} 年`);
  return { ok: true, date: `${pad(y, 4)}-${pad(m)}-${pad(d)}` };
}

/** The UTC calendar date of a timestamp. */
function fromUtcMs(ms: number, shown: string): DateResult {
  const t = new Date(ms);
  if (Number.isNaN(t.getTime())) return invalid(`日期“${shown}”无法识别`);
  return fromParts(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), shown);
}

function fromNumber(n: number, shown: string): DateResult {
  if (!Number.isFinite(n) || n < 1) return invalid(`日期“${shown}”无法识别`);
  if (n >= EPOCH_MS_FROM) return fromUtcMs(n + SHANGHAI_OFFSET_MS, shown);
  if (n > MAX_EXCEL_SERIAL) return invalid(`日期“${shown}”无法识别`);
  const serial = Math.floor(n);
  // Excel's 1900 date system counts a 1900-02-29 that never existed (serial 60), so serials after it are one
  // day ahead of a plain count from 1899-12-31.
  if (serial === 60) return invalid(`日期“${shown}”是 Excel 中不存在的 1900-02-29`);
  const base = serial > 60 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  return fromUtcMs(base + serial * DAY_MS, shown);
}

const TIME = String.raw`(?:[T ]+\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?)?`;
const ZONE = String.raw`(Z|[+-]\d{2}:?\d{2})?`;
const SEPARATED = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(${TIME})${ZONE}$`, 'i');
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const DIGITS8 = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^\d{1,5}(?:\.\d+)?$/;
const EPOCH_MS = /^\d{12,13}$/;

function fromString(raw: string): DateResult {
  const s = halfWidth(raw).trim();
  let m = SEPARATED.exec(s);
  if (m) {
    const [, y, , mo, d, time, zone] = m;
    if (zone && time) {
      // An instant with a zone: its calendar date in China, where the notices are published.
      const instant = Date.parse(s.replace(/\//g, '-').replace(' ', 'T'));
      if (Number.isFinite(instant)) {
        const check = fromParts(Number(y), Number(mo), Number(d), raw);
        return check.ok ? fromUtcMs(instant + SHANGHAI_OFFSET_MS, raw) : check;
      }
    }
    return fromParts(Number(y), Number(mo), Number(d), raw);
  }
  m = CHINESE.exec(s) ?? DIGITS8.exec(s);
  if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  if (SERIAL.test(s) || EPOCH_MS.test(s)) return fromNumber(Number(s), raw);
  return invalid(`日期“${raw}”无法识别`);
}

/** Parse a published date cell; empty cells are valid and give `date: null`. */
export function parseDate(v: unknown): DateResult {
  if (v === null || v === undefined) return { ok: true, date: null };
  if (v instanceof Date) {
    // exceljs returns date cells as UTC midnight of the calendar date shown in the sheet.
    if (Number.isNaN(v.getTime())) return invalid('日期单元格的值无效');
    return fromUtcMs(v.getTime(), v.toISOString().slice(0, 10));
  }
  if (typeof v === 'number') return fromNumber(v, String(v));
  if (typeof v === 'string') {
    const text = cleanText(v);
    return text === null ? { ok: true, date: null } : fromString(text);
  }
  const shown = typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : `（${typeof v}）`;
  return invalid(`日期“${shown}”无法识别`);
}

/** Whether ISO date `a` is later than ISO date `b`. */
export function isAfter(a: string, b: string): boolean {
  return a > b;
}

/** Add calendar months to an ISO date; a day past the end of the target month becomes its last day. */
export function addMonths(iso: string, n: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`不是 YYYY-MM-DD 格式的日期：${iso}`);
  const months = Number(m[1]) * 12 + Number(m[2]) - 1 + Math.trunc(n);
  const year = Math.floor(months / 12);
  const month = months - year * 12 + 1;
  const day = Math.min(Number(m[3]), daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Add calendar years; 2024-02-29 plus one year is 2025-02-28. */
export function addYears(iso: string, n: number): string {
  return addMonths(iso, Math.trunc(n) * 12);
}
