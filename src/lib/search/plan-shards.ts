/**
 * How the search index is split. One Pagefind index costs a visitor its whole page list (`pf_meta`) on the first
 * search, which grows with the number of records; above `maxRecords` the index is split along the region tree —
 * provinces, then cities, then counties — so that a search within a region loads only that region's bundle, and a
 * search across regions merges the bundles it needs. Regions too small for a bundle of their own share one with
 * their siblings (up to `maxRecords`), since every bundle a search opens costs its page list and one index chunk
 * per query word, however few records it holds. Pure.
 */

export interface RegionLink {
  code: string;
  parent: string | null;
}

export interface ShardPlan {
  /** 'all' for a single index; else a region code ('420000') or a region code and a number ('420100-2'). */
  id: string;
  /** Exact region codes of the records it holds. */
  regions: string[];
  count: number;
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function planShards(
  countByRegion: ReadonlyMap<string, number>,
  regions: readonly RegionLink[],
  maxRecords: number,
): ShardPlan[] {
  const total = [...countByRegion.values()].reduce((a, b) => a + b, 0);
  const codes = [...countByRegion.keys()].sort(byCode);
  if (total <= maxRecords) return [{ id: 'all', regions: codes, count: total }];

  const children = new Map<string | null, string[]>();
  const known = new Set(regions.map((r) => r.code));
  const addChild = (parent: string | null, code: string) => {
    const list = children.get(parent);
    if (list) list.push(code);
    else children.set(parent, [code]);
  };
  for (const r of [...regions].sort((a, b) => byCode(a.code, b.code))) {
    addChild(r.parent !== null && known.has(r.parent) ? r.parent : null, r.code);
  }
  // Records whose region is not in the tree are roots of their own.
  for (const code of codes) if (!known.has(code)) addChild(null, code);

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

  /** Shards for the regions under `parent` (null: the roots): whole subtrees packed together up to the limit. */
  const plan = (parent: string | null): ShardPlan[] => {
    interface Unit {
      id: string;
      regions: string[];
      count: number;
    }
    const units: Unit[] = [];
    const out: ShardPlan[] = [];
    const own = parent !== null ? (countByRegion.get(parent) ?? 0) : 0;
    if (own > 0 && parent !== null) units.push({ id: parent, regions: [parent], count: own });
    for (const c of children.get(parent) ?? []) {
      const n = count(c);
      if (n === 0) continue;
      const kids = (children.get(c) ?? []).filter((k) => count(k) > 0);
      if (n <= maxRecords || kids.length === 0)
        units.push({ id: c, regions: collect(c, []).sort(byCode), count: n });
      else out.push(...plan(c));
    }
    // Neighbours (in code order) share a bundle; as few bundles as the limit allows, of about equal size.
    const sum = units.reduce((a, u) => a + u.count, 0);
    const target = sum / Math.max(1, Math.ceil(sum / maxRecords));
    const bins: Unit[][] = [];
    let size = 0;
    for (const u of units) {
      const bin = bins[bins.length - 1];
      if (bin && size + u.count <= maxRecords && size + u.count / 2 <= target) {
        bin.push(u);
        size += u.count;
      } else {
        bins.push([u]);
        size = u.count;
      }
    }
    bins.forEach((bin, i) => {
      const id = bin.length === 1 ? (bin[0] as Unit).id : `${parent ?? 'root'}-${i + 1}`;
      out.push({
        id: bin.length === 1 && parent !== null && (bin[0] as Unit).id === parent ? `${parent}-0` : id,
        regions: bin.flatMap((u) => u.regions).sort(byCode),
        count: bin.reduce((a, u) => a + u.count, 0),
      });
    });
    return out;
  };
  return plan(null).sort((a, b) => byCode(a.regions[0] ?? '', b.regions[0] ?? ''));
}
