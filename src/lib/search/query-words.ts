/**
 * Words people type that are not in names the way they mean them. Pure.
 *
 * - Status and list words (黑名单, 处罚, 注销, 普惠, 示范) name a filter the page already has: they become that
 *   filter. 拟认定 qualifies a 普惠/示范 notice and is dropped.
 * - Everyday words for a kind of institution (月子中心 for a 母婴护理 centre, 托儿所 for a 托育 one) are tried as the
 *   sector when the words as typed find nothing: a brand searched as "…月子中心" finds its 母婴护理 company.
 */
import type { CheckboxFilter } from './search-state.ts';

export interface WordFilter {
  key: CheckboxFilter;
  value: string;
}

/** Longest first, so 行政处罚 is read before 处罚. */
const FILTER_WORDS: readonly (readonly [string, WordFilter | null])[] = [
  ['黑名单', { key: 'status', value: 'blacklisted' }],
  ['行政处罚', { key: 'status', value: 'sanctioned' }],
  ['被处罚', { key: 'status', value: 'sanctioned' }],
  ['处罚', { key: 'status', value: 'sanctioned' }],
  ['已注销', { key: 'status', value: 'removed' }],
  ['注销', { key: 'status', value: 'removed' }],
  ['已撤销', { key: 'status', value: 'removed' }],
  ['普惠性', { key: 'list', value: '普惠' }],
  ['普惠', { key: 'list', value: '普惠' }],
  ['示范性', { key: 'list', value: '示范' }],
  ['示范', { key: 'list', value: '示范' }],
  ['拟认定', null],
];

/**
 * A query part that is, begins or ends with a filter word: the filters it names and the rest of the part ('' when
 * the part was only filter words). Null when the part holds none.
 */
export function filterWords(part: string): { filters: WordFilter[]; rest: string } | null {
  const filters: WordFilter[] = [];
  let rest = part;
  let found = false;
  for (let changed = true; changed && rest; ) {
    changed = false;
    for (const [word, filter] of FILTER_WORDS) {
      if (rest.startsWith(word) || rest.endsWith(word)) {
        rest = rest.startsWith(word) ? rest.slice(word.length) : rest.slice(0, rest.length - word.length);
        if (filter) filters.push(filter);
        found = changed = true;
        break;
      }
    }
  }
  return found ? { filters, rest } : null;
}

/** Everyday words for each sector, longest first. */
const SECTOR_WORDS: readonly (readonly [string, 'childcare' | 'postpartum'])[] = [
  ['婴幼儿照护中心', 'childcare'],
  ['婴幼儿照护', 'childcare'],
  ['早教中心', 'childcare'],
  ['托育中心', 'childcare'],
  ['托育机构', 'childcare'],
  ['托儿所', 'childcare'],
  ['托管班', 'childcare'],
  ['托管', 'childcare'],
  ['早教', 'childcare'],
  ['托育', 'childcare'],
  ['托班', 'childcare'],
  ['母婴护理中心', 'postpartum'],
  ['产后护理中心', 'postpartum'],
  ['产后康复中心', 'postpartum'],
  ['月子中心', 'postpartum'],
  ['月子会所', 'postpartum'],
  ['母婴护理', 'postpartum'],
  ['产后护理', 'postpartum'],
  ['产后康复', 'postpartum'],
  ['月子', 'postpartum'],
];

/** A part that ends with (or is) an everyday sector word: the part without it, and the sector. */
export function sectorWord(part: string): { rest: string; sector: 'childcare' | 'postpartum' } | null {
  for (const [word, sector] of SECTOR_WORDS) {
    if (part.endsWith(word)) return { rest: part.slice(0, part.length - word.length), sector };
  }
  return null;
}
