/** One combined filter for sector, status, list and service type: values, choices and counts. */
import { describe, expect, it } from 'vitest';
import {
  allowedFacets,
  countsByValue,
  facetMatches,
  facetValue,
  parseFacet,
} from '../../src/lib/search/facets.ts';
import { EMPTY_STATE } from '../../src/lib/search/search-state.ts';

describe('facets', () => {
  const v = facetValue({
    sector: 'childcare',
    status: 'sanctioned',
    list: ['普惠', '备案'],
    service: ['全日托'],
  });

  it('round-trips, lists sorted, separators in values made harmless', () => {
    expect(v).toBe('childcare|sanctioned|备案,普惠|全日托');
    expect(parseFacet(v)).toEqual({
      sector: 'childcare',
      status: 'sanctioned',
      list: ['备案', '普惠'],
      service: ['全日托'],
    });
    expect(
      parseFacet(facetValue({ sector: 'postpartum', status: '', list: [], service: ['a|b,c'] })).service,
    ).toEqual(['a b c']);
  });

  it('matches any value within a filter and every filter', () => {
    expect(facetMatches(v, { ...EMPTY_STATE, list: ['普惠', '示范'] })).toBe(true);
    expect(facetMatches(v, { ...EMPTY_STATE, list: ['普惠'], status: ['listed'] })).toBe(false);
    expect(facetMatches(v, { ...EMPTY_STATE, list: ['普惠'], status: ['listed'] }, 'status')).toBe(true);
    expect(allowedFacets([v], EMPTY_STATE)).toBeNull();
  });

  it('counts each value over the combinations', () => {
    expect(
      countsByValue({
        'childcare|sanctioned|备案,普惠|全日托': 3,
        'childcare|listed|备案|全日托,半日托': 2,
        'postpartum|||': 1,
      }),
    ).toEqual({
      sector: { childcare: 5, postpartum: 1 },
      status: { sanctioned: 3, listed: 2 },
      list: { 备案: 5, 普惠: 3 },
      service: { 全日托: 5, 半日托: 2 },
    });
  });
});
