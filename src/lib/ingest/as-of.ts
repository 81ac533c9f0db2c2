import { parseDate } from './parse-date.ts';

/** AS_OF as an ISO date; today (UTC+8, the publishers' calendar) when unset. */
export function resolveAsOf(value: string | undefined, now: Date = new Date()): string {
  if (!value) return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const r = parseDate(value);
  if (!r.ok || !r.date || !/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
    throw new Error(`AS_OF 应为 YYYY-MM-DD 格式的日期，收到“${value}”`);
  }
  return r.date;
}
