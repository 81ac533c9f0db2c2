/**
 * Dates in the published forms. Impossible dates (2023-02-30) cannot be Excel date cells or epoch numbers; they are
 * written as text in the file's textual form instead, as a clerk would have typed them.
 */
import { excelSerial, isValidYmd, shanghaiEpochMs, type Ymd } from './dates.ts';
import type { DateStyle } from './types.ts';

const pad = (n: number) => String(n).padStart(2, '0');

function dayOf({ y, m, d }: Ymd): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

export function formatDateText({ y, m, d }: Ymd, style: DateStyle): string {
  switch (style) {
    case 'cn':
      return `${y}年${m}月${d}日`;
    case 'cn0':
      return `${y}年${pad(m)}月${pad(d)}日`;
    case 'slash':
      return `${y}/${m}/${d}`;
    case 'dot':
      return `${y}.${pad(m)}.${pad(d)}`;
    case 'compact':
      return `${y}${pad(m)}${pad(d)}`;
    case 'json':
    case 'epoch':
      return `${y}-${pad(m)}-${pad(d)} 00:00:00`;
    default:
      return `${y}-${pad(m)}-${pad(d)}`;
  }
}

/** A date as the file holds it: text, an Excel date (as a UTC Date), an Excel serial number or epoch milliseconds. */
export function formatDate(ymd: Ymd, style: DateStyle): string | number | Date {
  if (!isValidYmd(ymd)) return formatDateText(ymd, style);
  switch (style) {
    case 'cell':
      return new Date(dayOf(ymd) * 86_400_000);
    case 'serial':
      return excelSerial(dayOf(ymd));
    case 'epoch':
      return shanghaiEpochMs(dayOf(ymd));
    default:
      return formatDateText(ymd, style);
  }
}
