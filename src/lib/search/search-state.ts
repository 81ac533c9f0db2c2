/**
 * A search as it lives in the page URL (?q=…&region=…&status=…&sort=…), so a search can be shared and restored.
 * Multi-valued filters repeat their key (status=listed&status=sanctioned), as an HTML form submits checkboxes.
 * Pure: URLSearchParams in, state out, and back.
 */

export const SORTS = ['relevance', 'name', 'penalty'] as const;
export type SortChoice = (typeof SORTS)[number];

/** Filters offered as checkboxes (any of the values ticked); region is a single choice. */
export const CHECKBOX_FILTERS = ['sector', 'status', 'list', 'service'] as const;
export type CheckboxFilter = (typeof CHECKBOX_FILTERS)[number];

export interface SearchState {
  q: string;
  /** A region code (province, city or county), or '' for everywhere. */
  region: string;
  sector: string[];
  status: string[];
  list: string[];
  service: string[];
  sort: SortChoice;
}

export const EMPTY_STATE: SearchState = {
  q: '',
  region: '',
  sector: [],
  status: [],
  list: [],
  service: [],
  sort: 'relevance',
};

const MAX_QUERY = 200;

function values(params: URLSearchParams, key: string): string[] {
  const out: string[] = [];
  for (const v of params.getAll(key)) {
    for (const part of v.split(',')) {
      const t = part.trim();
      if (t && !out.includes(t) && t.length <= 40) out.push(t);
    }
  }
  return out.sort();
}

export function stateFromParams(params: URLSearchParams): SearchState {
  const sort = params.get('sort') ?? '';
  const region = (params.get('region') ?? '').trim();
  return {
    q: (params.get('q') ?? '').slice(0, MAX_QUERY),
    region: /^\d{6}$/.test(region) ? region : '',
    sector: values(params, 'sector'),
    status: values(params, 'status'),
    list: values(params, 'list'),
    service: values(params, 'service'),
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as SortChoice) : 'relevance',
  };
}

/** The query string for a state, defaults left out, in a fixed order so equal searches have equal URLs. */
export function stateToParams(state: SearchState): URLSearchParams {
  const p = new URLSearchParams();
  if (state.q.trim()) p.set('q', state.q.trim());
  if (state.region) p.set('region', state.region);
  for (const key of CHECKBOX_FILTERS) for (const v of [...state[key]].sort()) p.append(key, v);
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  return p;
}

export function isEmptySearch(state: SearchState): boolean {
  return !state.q.trim() && !state.region && CHECKBOX_FILTERS.every((k) => state[k].length === 0);
}
