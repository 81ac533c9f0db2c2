/**
 * The fields each search record carries for display (Pagefind `meta`), shared by the index builder and the browser.
 * Results are drawn from these, never from Pagefind's excerpt, which would show the hidden index tokens.
 */
export interface SearchMeta {
  [key: string]: string;
  /** Institution name, or for a penalty without an institution page the 行政相对人 (masked for a person). */
  title: string;
  kind: 'institution' | 'penalty';
  sector: string;
  /**
   * Status slug (listed, sanctioned, blacklisted, removed, or stop-order when an order stops the service: see
   * status-view.ts); '' for a penalty record.
   */
  status: string;
  /** 未备案 / 未在名单 for an institution known only from a penalty, else ''. */
  unlisted: string;
  /** Full region name, 湖北省武汉市东西湖区. */
  region: string;
  /** Latest visible penalty date (ISO), '' when none. */
  latest: string;
  uscc: string;
  /** 决定书文号 of the visible penalties, joined by '；'. */
  docs: string;
  /** Other published names, joined by '；'. */
  alt: string;
  /** Place in the register's name order, zero-padded: merges sorted results from several bundles. */
  rank: string;
}

export const META_SEPARATOR = '；';

/**
 * Pagefind filter keys. `region` holds the record's exact region code (a province or city is any of its codes);
 * `facets` the combination of sector, status, lists and service types (facets.ts).
 */
export const FILTER_KEYS = ['region', 'facets'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/**
 * Pagefind sort keys. Only `penalty` (the date of the latest visible penalty), and only on records that have one,
 * which keeps the sort index — part of what every first search downloads — small. Name order needs no sort index:
 * records are added in the register's name order, and Pagefind lists the records a filter selects in that order.
 */
export const SORT_KEYS = ['penalty'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
