/**
 * A region of GB/T 2260 by the name people use: 东西湖区, 武汉市东西湖区, 湖北省武汉市东西湖区, or its six-digit code.
 * Several areas share a name (朝阳区 is in Beijing and in Changchun): all of them are returned, for the person to
 * pick one by its full name.
 */
import table from '../domain/regions.json' with { type: 'json' };
import { compact, toSimplified } from './normalise-text.ts';
import { type RegionInfo, regionInfo } from './resolve-region.ts';

const key = (s: string) => toSimplified(compact(s.normalize('NFKC')));

let all: RegionInfo[] | null = null;

function regions(): RegionInfo[] {
  if (!all) {
    all = [];
    for (const [code] of table.regions) {
      const info = code === undefined ? undefined : regionInfo(code);
      // Placeholder rows (市辖区) have no place of their own in a full name; they are never what someone means.
      if (info && info.name !== '市辖区' && !info.name.includes('直辖县级行政区划')) all.push(info);
    }
  }
  return all;
}

/** Regions whose code, name or full name (or a tail of it) equals the query, in code order. */
export function findRegions(query: string): RegionInfo[] {
  const q = key(query);
  if (q === '') return [];
  if (/^\d{6}$/.test(q)) {
    const info = regionInfo(q);
    return info ? [info] : [];
  }
  return regions().filter((r) => {
    const full = key(r.fullName);
    return key(r.name) === q || full === q || (full.endsWith(q) && q.length > key(r.name).length);
  });
}
