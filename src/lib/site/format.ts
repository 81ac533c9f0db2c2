/** How numbers and dates are written on the site. Pure; no locale lookups at call sites. */

import { trimSpaces, WHITE_SPACE } from '../domain/whitespace.ts';

/**
 * A number format made on first use: browser scripts import this module, and making Intl formats when it loads
 * cost the search page tens of milliseconds before its script could start.
 */
function lazyFormat(options: Intl.NumberFormatOptions): (n: number) => string {
  let format: Intl.NumberFormat | null = null;
  return (n) => {
    format ??= new Intl.NumberFormat('en-US', options);
    return format.format(n);
  };
}

const INT = lazyFormat({ maximumFractionDigits: 0 });

/** 50000 → '50,000 元'. */
export function formatYuan(yuan: number): string {
  return `${INT(yuan)} 元`;
}

/** 1234 → '1,234'. A count is grouped by hand, as en-US groups it, so that showing one needs no Intl format. */
export function formatCount(n: number): string {
  // -0 is a safe integer that String() writes as '0' and the number format as '-0'.
  if (!Number.isSafeInteger(n) || n < 0 || Object.is(n, -0)) return INT(n);
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** '2026-11-24' → '2026年11月24日'. Anything else is returned unchanged. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** The year of an ISO date. */
export function yearOf(iso: string): string {
  return iso.slice(0, 4);
}

const WAN = lazyFormat({ maximumFractionDigits: 2 });

/** Yuan in 万元, the unit Chinese statistics give fines in, to two decimals: 123456 → '12.35'. */
export function formatWan(yuan: number): string {
  return WAN(Math.round(yuan / 100) / 100);
}

const ONE_DECIMAL = lazyFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A rate to one decimal with thousands separators: 1234.56 → '1,234.6'. */
export function formatRate(n: number): string {
  return ONE_DECIMAL(n);
}

/** Places per 1,000 residents to one decimal, or null when population is unknown. */
export function placesPer1000(places: number, population: number | undefined): string | null {
  if (!population || population <= 0) return null;
  return ((places * 1000) / population).toFixed(1);
}

/** A URL that may be shown as a link: http(s) only, so no javascript: or data: URL from a source reaches a page. */
export function safeExternalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

const WHITE_SPACE_RUN = new RegExp(`[${WHITE_SPACE}]+`, 'g');

/**
 * Text for attribute values such as <meta name="description">: Astro escapes quotes and ampersands there but leaves
 * < and >, so markup published inside a name would appear raw in the HTML source. Replace them with their
 * full-width forms; these attributes are summaries, not the record.
 */
export function attrText(text: string): string {
  return trimSpaces(text.replace(/</g, '＜').replace(/>/g, '＞').replace(WHITE_SPACE_RUN, ' '));
}
