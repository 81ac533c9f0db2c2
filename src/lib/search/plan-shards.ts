/**
 * How the search index is split. One Pagefind index costs a visitor its whole page list (`pf_meta`) on the first
 * search, which grows with the number of records; above `maxRecords` the index is split along the region tree —
 * provinces, then cities, then counties — so that a search within a region loads only that region's bundle, and a
 * search across regions merges the bundles it needs. Pure.
 */

export interface RegionLink {
  code: string;
  parent: string | null;
}

export interface ShardPlan {
  /** 'all' for a single index, else the region code it covers ('420000'), with '-0' for a region's own records. */
  id: string;
  /** Exact region codes of the records it holds. */
  regions: string[];
  count: number;
}

export function planShards(
  countByRegion: ReadonlyMap<string, number>,
  regions: readonly RegionLink[],
  maxRecords: number,
): ShardPlan[] {
  const total = [...countByRegion.values()].reduce((a, b) => a + b, 0);
  const codes = [...countByRegion.keys()].sort();
  if (total <= maxRecords) return [{ id: 'all', regions: codes, count: total }];

  const children = new Map<string | null, string[]>();
  const known = new Set(regions.map((r) => r.code));
  for (const r of [...regions].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
    const parent = r.parent !== null && known.has(r.parent) ? r.parent : null;
    const list = children.get(parent);
    if (list) list.push(r.code);
    else children.set(parent, [r.code]);
  }
  // Records whose region is not in the tree are treated as roots of their own.
  for (const code of codes)
    if (!known.has(code)) children.get(null)?.push(code) ?? children.set(null, [code]);

  const subtree = new Map<string, number>();
  const count = (code: string): number => {
    let n = subtree.get(code);
    if (n === undefined) {
      n = countByRegion.get(code) ?? 0;
      for (const c of children.get(code) ?? []) n += count(c);
      subtree.set(code, n);
    }
    return n;
  };
  const collect = (code: string, out: string[]): string[] => {
    if (countByRegion.has(code)) out.push(code);
    for (const c of children.get(code) ?? []) collect(c, out);
    return out;
  };

  const shards: ShardPlan[] = [];
  const plan = (code: string): void => {
    const n = count(code);
    if (n === 0) return;
    const kids = (children.get(code) ?? []).filter((c) => count(c) > 0);
    if (n <= maxRecords || kids.length === 0) {
      shards.push({ id: code, regions: collect(code, []).sort(), count: n });
      return;
    }
    const own = countByRegion.get(code) ?? 0;
    if (own > 0) shards.push({ id: `${code}-0`, regions: [code], count: own });
    for (const c of kids) plan(c);
  };
  for (const root of children.get(null) ?? []) plan(root);
  return shards;
}
