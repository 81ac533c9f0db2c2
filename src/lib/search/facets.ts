/**
 * The checkbox filters (sector, status, list, service type) travel as one Pagefind filter, `facets`, whose value is
 * the record's combination of them: `childcare|sanctioned|备案,普惠|全日托,半日托`. Pagefind stores each filter as
 * one file listing every record, so one combined filter costs a quarter of four separate ones when the counts are
 * loaded; the counts per value are sums over the combinations, and a choice of values is the list of combinations
 * that satisfy it. Pure.
 */
import type { CheckboxFilter, SearchState } from './search-state.ts';

export const FACET_FILTER = 'facets';

const FIELD = '|';
const ITEM = ',';

export interface Facet {
  sector: string;
  status: string;
  list: string[];
  service: string[];
}

const clean = (v: string) => v.replaceAll(FIELD, ' ').replaceAll(ITEM, ' ');

export function facetValue(f: Facet): string {
  return [
    clean(f.sector),
    clean(f.status),
    [...f.list].map(clean).sort().join(ITEM),
    [...f.service].map(clean).sort().join(ITEM),
  ].join(FIELD);
}

export function parseFacet(value: string): Facet {
  const [sector = '', status = '', list = '', service = ''] = value.split(FIELD);
  return { sector, status, list: list ? list.split(ITEM) : [], service: service ? service.split(ITEM) : [] };
}

function values(f: Facet, key: CheckboxFilter): string[] {
  return key === 'sector' ? [f.sector] : key === 'status' ? [f.status] : f[key];
}

const KEYS: readonly CheckboxFilter[] = ['sector', 'status', 'list', 'service'];

/** Whether a combination satisfies the state's checkbox choices (any value within a key, every key), `except` one. */
export function facetMatches(value: string, state: SearchState, except?: CheckboxFilter): boolean {
  const f = parseFacet(value);
  return KEYS.every(
    (k) => k === except || state[k].length === 0 || values(f, k).some((v) => state[k].includes(v)),
  );
}

/** The combinations a state allows, or null when it chooses nothing (no filter needed). */
export function allowedFacets(
  all: readonly string[],
  state: SearchState,
  except?: CheckboxFilter,
): string[] | null {
  if (KEYS.every((k) => k === except || state[k].length === 0)) return null;
  return all.filter((v) => facetMatches(v, state, except));
}

/** Counts per value of each checkbox filter, from Pagefind's counts per combination. */
export function countsByValue(
  counts: Readonly<Record<string, number>>,
): Record<CheckboxFilter, Record<string, number>> {
  const out: Record<CheckboxFilter, Record<string, number>> = {
    sector: {},
    status: {},
    list: {},
    service: {},
  };
  for (const [value, n] of Object.entries(counts)) {
    if (!n) continue;
    const f = parseFacet(value);
    for (const k of KEYS) for (const v of values(f, k)) if (v) out[k][v] = (out[k][v] ?? 0) + n;
  }
  return out;
}
