/**
 * Builds the national layer (national-layer.ts) from the search records and writes it under the pagefind directory.
 * Each record's fragment name is the one `encodeBundle` gives it in its bundle, computed here from the bundles'
 * records in the same order (pagefind-format.ts `fragmentNames`), so the layer needs nothing back from the threads
 * that write the bundles, nor from the bundle cache.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SearchRecord } from './build-records.ts';
import { FACET_FILTER } from './facets.ts';
import {
  buildNationalLayer,
  type LayerRecord,
  NATIONAL_DIR,
  type NationalLayerManifest,
} from './national-layer.ts';
import { fragmentNames, type IndexRecord } from './pagefind-format.ts';
import type { ShardPlan } from './plan-shards.ts';

export interface NationalLayerFiles {
  manifest: NationalLayerManifest;
  /** Writes the files to <pagefindDir>/national/. */
  write(pagefindDir: string): void;
}

/**
 * The layer for `records` in the register's name order, split into `shards` as the bundles are (`shardOf`: record
 * region → shard number; `bundles`: each shard's records as its bundle is written from them, in the same order),
 * with `facets` in the manifest's order.
 */
export function nationalLayer(
  records: readonly SearchRecord[],
  shards: readonly ShardPlan[],
  shardOf: ReadonlyMap<string, number>,
  bundles: readonly (readonly IndexRecord[])[],
  facets: readonly string[],
  language: string,
  cap?: number,
): NationalLayerFiles {
  const names = bundles.map((b) => fragmentNames(b, language));
  const regionIndex = new Map(shards.flatMap((s) => s.regions).map((code, i) => [code, i]));
  const facetIndex = new Map(facets.map((f, i) => [f, i]));
  const next = shards.map(() => 0);
  function* layerRecords(): Generator<LayerRecord> {
    for (const r of records) {
      const shard = shardOf.get(r.region) as number;
      const at = next[shard] as number;
      next[shard] = at + 1;
      const fragment = names[shard]?.[at];
      if (!fragment) continue;
      yield {
        region: regionIndex.get(r.region) as number,
        facet: facetIndex.get(r.filters[FACET_FILTER]?.[0] ?? '') as number,
        content: r.content,
        fragment,
      };
    }
  }
  const built = buildNationalLayer(layerRecords(), {
    regions: regionIndex.size,
    facets: facets.length,
    fragmentPrefix: `${language}_`,
    cap,
  });
  return {
    manifest: built.manifest,
    write(pagefindDir) {
      const dir = join(pagefindDir, NATIONAL_DIR);
      mkdirSync(dir, { recursive: true });
      for (const [name, text] of built.files) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text);
      }
    },
  };
}
