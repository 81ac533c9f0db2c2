/**
 * The file the search page reads first (`pagefind/manifest.json`): which Pagefind bundles exist, which regions each
 * holds, and the region tree with record counts, so the page can pick the bundles a region filter needs and show
 * counts for provinces and cities from the counts of the regions below them.
 */
import type { NationalLayerManifest } from './national-layer.ts';
import type { ShardPlan } from './plan-shards.ts';
import type { WordRoutesManifest } from './word-routes.ts';

export const MANIFEST_FILE = 'manifest.json';
/** For a split index: which bundles hold the 文号 of each agency (by the part before the year), read for 文号 queries. */
export const DOCUMENTS_FILE = 'documents.json';
/** The bundle that carries pagefind.js and the WebAssembly; the shards carry only their indexes. */
export const ROOT_BUNDLE = 'root';

export interface ManifestShard {
  id: string;
  /** Directory of the bundle under the pagefind directory, with a trailing slash. */
  path: string;
  count: number;
  regions: string[];
}

export interface SearchManifest {
  version: 1;
  /** The language the bundles were indexed in (the browser asks Pagefind for that index). */
  language: string;
  records: number;
  shards: ManifestShard[];
  /** code → [name, parent code or null, records in this region and below]. */
  regions: Record<string, [string, string | null, number]>;
  /** Traditional → Simplified characters for queries, alternating (simplify-table.ts). */
  t2s: string;
  /** Every combination of the checkbox filters that records have (facets.ts), sorted. */
  facets: string[];
  /** For a split index: the files telling which bundles hold words starting with given characters (word-routes.ts). */
  words: WordRoutesManifest | null;
  /** The word index over every bundle that answers most searches without opening one (national-layer.ts). */
  national?: NationalLayerManifest | null;
}

export interface ManifestRegion {
  code: string;
  name: string;
  parent: string | null;
}

export function buildManifest(
  shards: readonly ShardPlan[],
  regions: readonly ManifestRegion[],
  countByRegion: ReadonlyMap<string, number>,
  language: string,
  t2s: string,
  facets: readonly string[],
  words: WordRoutesManifest | null = null,
  national: NationalLayerManifest | null = null,
): SearchManifest {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const subtree = new Map<string, number>();
  for (const [code, n] of countByRegion) {
    const seen = new Set<string>();
    for (let c: string | null = code; c !== null && !seen.has(c); c = byCode.get(c)?.parent ?? null) {
      seen.add(c);
      subtree.set(c, (subtree.get(c) ?? 0) + n);
    }
  }
  const out: SearchManifest['regions'] = {};
  for (const r of [...regions].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
    const n = subtree.get(r.code) ?? 0;
    if (n > 0) out[r.code] = [r.name, r.parent, n];
  }
  return {
    version: 1,
    language,
    records: [...countByRegion.values()].reduce((a, b) => a + b, 0),
    shards: shards.map((s) => ({ id: s.id, path: `${s.id}/`, count: s.count, regions: s.regions })),
    regions: out,
    t2s,
    facets: [...facets].sort(),
    words,
    national,
  };
}
