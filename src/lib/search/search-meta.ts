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
  /** Status slug (listed, sanctioned, blacklisted, removed); '' for a penalty record. */
  status: string;
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

/** Pagefind filter keys. `region` holds the record's exact region code; a province or city is any of its codes. */
export const FILTER_KEYS = ['sector', 'region', 'status', 'list', 'service'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/**
 * Pagefind sort keys: `name` is the record's place in the register's name order (zero-padded), `penalty` the date of
 * its latest visible penalty. Records without a penalty carry no `penalty` key, which keeps that sort index small;
 * Pagefind puts them after the others.
 */
export const SORT_KEYS = ['name', 'penalty'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
