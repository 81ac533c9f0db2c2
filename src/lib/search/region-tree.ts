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

/** Peoples named in autonomous regions' names (黔东南苗族侗族自治州, 恩施土家族苗族自治州). */
const PEOPLES =
  '蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|撒拉|毛南|仡佬|锡伯|普米|塔吉克|怒|鄂温克|保安|裕固|独龙|鄂伦春|门巴|各';
const AUTONOMOUS = new RegExp(`(?:(?:${PEOPLES})族)*自治(?:区|州|县|旗)$`, 'u');

/** 黔东南苗族侗族自治州 → 黔东南, 东西湖区 → 东西湖, 湖北省 → 湖北; null when nothing shorter of 2+ characters remains. */
export function shortRegionName(name: string): string | null {
  let short = name.replace(/特别行政区$/u, '');
  // Tested first: the search page runs this over every region when it starts, and the pattern is slow to try.
  if (short.includes('自治')) short = short.replace(AUTONOMOUS, '');
  short = short.replace(/(?:省|市|地区|盟|区|县|旗|林区|新区)$/u, '');
  return short !== name && [...short].length >= 2 ? short : null;
}

export class RegionTree {
  readonly regions: ReadonlyMap<string, RegionInfo>;
  readonly roots: string[];
  readonly shards: readonly ManifestShard[];
  /** Every combination of checkbox filters records have (facets.ts). */
  readonly facets: readonly string[];
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
    this.facets = manifest.facets;
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

  /**
   * The region names a compact text starts with, longest first at each step (广州市从化区萌书香… → 广州市, 从化区),
   * and the rest.
   */
  leadingRegions(text: string): { words: string[]; rest: string } {
    const chars = [...text];
    const words: string[] = [];
    let at = 0;
    for (;;) {
      let found = '';
      for (let len = Math.min(12, chars.length - at); len >= 2; len--) {
        const w = chars.slice(at, at + len).join('');
        if (this.byName.has(w)) {
          found = w;
          break;
        }
      }
      if (!found) break;
      words.push(found);
      at += [...found].length;
    }
    return { words, rest: chars.slice(at).join('') };
  }

  /** Like {@link leadingRegions}, at the end of the text (…有限公司天河 → 天河). */
  trailingRegion(text: string): { word: string; rest: string } | null {
    const chars = [...text];
    for (let len = Math.min(12, chars.length - 2); len >= 2; len--) {
      const w = chars.slice(chars.length - len).join('');
      if (this.byName.has(w)) return { word: w, rest: chars.slice(0, chars.length - len).join('') };
    }
    return null;
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
