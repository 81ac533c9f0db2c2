/**
 * The region tree of the search manifest, for the browser: which record regions lie under a region, which bundles
 * hold them, which region a query word names (宁波, 东西湖区, 黔东南), and record counts added up the tree. Pure.
 */
import { compactForm } from './normalise-query.ts';
import type { ManifestShard, SearchManifest } from './search-manifest.ts';

export interface RegionInfo {
  code: string;
  name: string;
  parent: string | null;
  count: number;
  children: string[];
}

/** 黔东南苗族侗族自治州 → 黔东南, 东西湖区 → 东西湖, 湖北省 → 湖北; null when nothing shorter of 2+ characters remains. */
export function shortRegionName(name: string): string | null {
  const short = name
    .replace(/特别行政区$/u, '')
    .replace(/(?:[\p{Script=Han}]{1,4}族)*自治[区州县旗]$/u, '')
    .replace(/(?:省|市|地区|盟|区|县|旗|林区|新区)$/u, '');
  return short !== name && [...short].length >= 2 ? short : null;
}

export class RegionTree {
  readonly regions: ReadonlyMap<string, RegionInfo>;
  readonly roots: string[];
  readonly shards: readonly ManifestShard[];
  private readonly byName = new Map<string, string[]>();
  private readonly shardOfRegion = new Map<string, ManifestShard>();

  constructor(manifest: SearchManifest) {
    const regions = new Map<string, RegionInfo>();
    for (const [code, [name, parent, count]] of Object.entries(manifest.regions)) {
      regions.set(code, { code, name, parent, count, children: [] });
    }
    const roots: string[] = [];
    for (const r of regions.values()) {
      const parent = r.parent ? regions.get(r.parent) : undefined;
      if (parent) parent.children.push(r.code);
      else roots.push(r.code);
      for (const n of new Set([r.name, shortRegionName(r.name)])) {
        if (!n) continue;
        const key = compactForm(n);
        const list = this.byName.get(key);
        if (list) list.push(r.code);
        else this.byName.set(key, [r.code]);
      }
    }
    this.regions = regions;
    this.roots = roots.sort();
    this.shards = manifest.shards;
    for (const s of manifest.shards) for (const code of s.regions) this.shardOfRegion.set(code, s);
  }

  get(code: string): RegionInfo | undefined {
    return this.regions.get(code);
  }

  /** The region and its ancestors, province first. */
  chain(code: string): RegionInfo[] {
    const out: RegionInfo[] = [];
    const seen = new Set<string>();
    for (
      let r = this.regions.get(code);
      r && !seen.has(r.code);
      r = r.parent ? this.regions.get(r.parent) : undefined
    ) {
      seen.add(r.code);
      out.unshift(r);
    }
    return out;
  }

  /** Codes of the region and every region below it that holds records (the values of the `region` filter). */
  recordRegions(code: string): string[] {
    const out: string[] = [];
    const walk = (c: string) => {
      if (this.shardOfRegion.has(c)) out.push(c);
      for (const child of this.regions.get(c)?.children ?? []) walk(child);
    };
    walk(code);
    return out.sort();
  }

  /** The bundles holding records of the given record regions, in manifest order. */
  shardsFor(recordRegions: readonly string[]): ManifestShard[] {
    const ids = new Set<string>();
    for (const c of recordRegions) {
      const s = this.shardOfRegion.get(c);
      if (s) ids.add(s.id);
    }
    return this.shards.filter((s) => ids.has(s.id));
  }

  /** Regions a query word names exactly (full or short name, compared in compact form). */
  named(word: string): string[] {
    return this.byName.get(word) ?? [];
  }

  /** Record counts of every region from counts of exact record regions, added up the tree. */
  rollUp(counts: Readonly<Record<string, number>>): Map<string, number> {
    const out = new Map<string, number>();
    for (const [code, n] of Object.entries(counts)) {
      if (!n) continue;
      for (const r of this.chain(code)) out.set(r.code, (out.get(r.code) ?? 0) + n);
    }
    return out;
  }
}
