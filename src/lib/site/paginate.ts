/** Pagination over pre-rendered pages: page 1 lives at the base path, page n at `${base}${n}/`. */
import { withSlash } from './urls.ts';

export interface Page<T> {
  items: readonly T[];
  /** 1-based. */
  current: number;
  last: number;
  total: number;
  /** Position of the first item, 1-based (0 when empty). */
  from: number;
  to: number;
}

export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

export function pageOf<T>(items: readonly T[], size: number, current: number): Page<T> {
  const last = pageCount(items.length, size);
  if (!Number.isInteger(current) || current < 1 || current > last)
    throw new RangeError(`page ${current} of ${last}`);
  const start = (current - 1) * size;
  const slice = items.slice(start, start + size);
  return {
    items: slice,
    current,
    last,
    total: items.length,
    from: slice.length ? start + 1 : 0,
    to: start + slice.length,
  };
}

/** Site path of page n under a list's base path ('/penalties/' → '/penalties/3/'). */
export function pagePath(base: string, n: number): string {
  const b = withSlash(base);
  return n <= 1 ? b : `${b}${n}/`;
}

/**
 * Page numbers for a pager: first, last, and a window around the current page; null marks a gap. A gap of one page
 * shows that page instead of an ellipsis.
 */
export function pagerWindow(current: number, last: number, radius = 2): (number | null)[] {
  const out: (number | null)[] = [];
  let prev = 0;
  for (let n = 1; n <= last; n++) {
    if (n === 1 || n === last || Math.abs(n - current) <= radius) {
      if (prev && n - prev === 2) out.push(n - 1);
      else if (prev && n - prev > 2) out.push(null);
      out.push(n);
      prev = n;
    }
  }
  return out;
}

/** getStaticPaths entries for pages 2..last of a list (page 1 is the list's own index page). */
export function laterPages(total: number, size: number): number[] {
  const last = pageCount(total, size);
  const out: number[] = [];
  for (let n = 2; n <= last; n++) out.push(n);
  return out;
}

/**
 * Values of a `[...page]` rest parameter for a non-empty list: undefined for page 1 (the list's own path), then
 * '2', '3', … An empty list gets no pages at all, so filters with no rows produce no empty pages.
 */
export function listPaths(total: number, size: number): (string | undefined)[] {
  if (total === 0) return [];
  return [undefined, ...laterPages(total, size).map(String)];
}
