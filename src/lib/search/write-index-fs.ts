/**
 * Writes the search bundles with Pagefind's Node API: records are added directly (no HTML is parsed), one bundle
 * per shard, one shard at a time so Pagefind holds at most one shard in memory. Result URLs are stored without the
 * base path (the browser adds it), so the bundles do not depend on where the site is served.
 *
 * Layout under outDir: root/ holds the one copy of pagefind.js and its WebAssembly (with an index of one empty
 * record, which Pagefind needs to start); each shard directory holds only its index. The browser opens root and
 * merges the shards a search needs, so the WebAssembly comes from one URL whatever the shards.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import type { SiteIndex } from '../site/site-index.ts';
import { type SearchRecord, searchRecords } from './build-records.ts';
import { FACET_FILTER } from './facets.ts';
import { documentNumberKey } from './normalise-query.ts';
import { documentPrefix } from './plan-query.ts';
import { planShards } from './plan-shards.ts';
import {
  buildManifest,
  DOCUMENTS_FILE,
  MANIFEST_FILE,
  ROOT_BUNDLE,
  type SearchManifest,
} from './search-manifest.ts';
import { META_SEPARATOR } from './search-meta.ts';
import { characterPairs } from './simplify-opencc.ts';
import { restrictTable } from './simplify-table.ts';

export interface WriteIndexOptions {
  site: SiteIndex;
  /** The pagefind directory to write, e.g. dist/pagefind. Replaced. */
  outDir: string;
  penaltyPageSize: number;
  /** Records per bundle before the index is split by region. */
  maxRecords: number;
  /** The language Pagefind indexes in; the tokens are already split, so no segmentation or stemming is wanted. */
  forceLanguage: string;
  log?: (message: string) => void;
}

export interface WriteIndexResult {
  manifest: SearchManifest;
  records: number;
  seconds: number;
}

/** How many records are sent to the Pagefind service before waiting for its answers. */
const BATCH = 500;

interface BundleRecord {
  url: string;
  content: string;
  meta?: Record<string, string>;
  filters?: Record<string, string[]>;
  sort?: Record<string, string>;
}

async function writeBundle(
  records: readonly BundleRecord[],
  language: string,
  out: string,
  keepRuntime: boolean,
): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  if (!index) throw new Error(`Pagefind 无法创建索引：${errors.join('; ')}`);
  for (let i = 0; i < records.length; i += BATCH) {
    const batch = records.slice(i, i + BATCH).map((r) => index.addCustomRecord({ ...r, language }));
    for (const res of await Promise.all(batch)) {
      if (res.errors.length) throw new Error(`Pagefind 索引记录出错：${res.errors.join('; ')}`);
    }
  }
  const written = await index.writeFiles({ outputPath: out });
  if (written.errors.length) throw new Error(`Pagefind 写入 ${out} 出错：${written.errors.join('; ')}`);
  await index.deleteIndex();
  pruneBundle(out, keepRuntime);
}

/** Pagefind also writes its UI and WebAssembly for other languages; the browser needs none of them. */
function pruneBundle(dir: string, keepRuntime: boolean): void {
  const keep = new Set(['pagefind-entry.json', 'index', 'fragment', 'filter']);
  if (keepRuntime) {
    // The WebAssembly the index names (none for a language without a stemmer: then the generic one).
    keep.add('pagefind.js');
    const entry = JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { wasm: string | null }>;
    };
    for (const l of Object.values(entry.languages)) keep.add(`wasm.${l.wasm ?? 'unknown'}.pagefind`);
  }
  for (const f of readdirSync(dir)) {
    if (keep.has(f) || f.endsWith('.pf_meta')) continue;
    rmSync(join(dir, f), { recursive: true, force: true });
  }
}

function toBundleRecord(r: SearchRecord): BundleRecord {
  return { url: r.path, content: r.content, meta: r.meta, filters: r.filters, sort: r.sort };
}

export async function writeSearchIndex(opts: WriteIndexOptions): Promise<WriteIndexResult> {
  const started = performance.now();
  const records = [...searchRecords(opts.site, opts.penaltyPageSize)];
  const countByRegion = new Map<string, number>();
  const characters = new Set<string>();
  const facets = new Set<string>();
  for (const r of records) {
    countByRegion.set(r.region, (countByRegion.get(r.region) ?? 0) + 1);
    for (const c of r.content) characters.add(c);
    for (const f of r.filters[FACET_FILTER] ?? []) facets.add(f);
  }
  const regions = [...opts.site.regions.values()].map((n) => ({
    code: n.region.code,
    name: n.region.name,
    parent: n.region.parent,
  }));
  const shards = planShards(countByRegion, regions, opts.maxRecords);
  const shardOf = new Map<string, number>();
  shards.forEach((s, i) => {
    for (const code of s.regions) shardOf.set(code, i);
  });
  const buckets: SearchRecord[][] = shards.map(() => []);
  // Which bundles hold each agency's 文号, so a 文号 search opens only those.
  const documents: Record<string, string[]> = {};
  for (const r of records) {
    const i = shardOf.get(r.region) as number;
    buckets[i]?.push(r);
    const id = shards[i]?.id as string;
    for (const doc of r.meta.docs.split(META_SEPARATOR)) {
      const prefix = doc ? documentPrefix(documentNumberKey(doc)) : null;
      if (!prefix) continue;
      const list = documents[prefix] ?? [];
      if (!list.includes(id)) list.push(id);
      documents[prefix] = list;
    }
  }
  records.length = 0;

  rmSync(opts.outDir, { recursive: true, force: true });
  mkdirSync(opts.outDir, { recursive: true });
  try {
    await writeBundle([{ url: '/', content: '_' }], opts.forceLanguage, join(opts.outDir, ROOT_BUNDLE), true);
    for (const [i, shard] of shards.entries()) {
      const bucket = buckets[i] ?? [];
      await writeBundle(bucket.map(toBundleRecord), opts.forceLanguage, join(opts.outDir, shard.id), false);
      buckets[i] = [];
      opts.log?.(`搜索索引 ${shard.id}：${shard.count} 条`);
    }
  } finally {
    await pagefind.close();
  }
  if (shards.length > 1) writeFileSync(join(opts.outDir, DOCUMENTS_FILE), JSON.stringify(documents));
  const manifest = buildManifest(
    shards,
    regions,
    countByRegion,
    opts.forceLanguage,
    restrictTable(characterPairs(), characters),
    [...facets],
  );
  writeFileSync(join(opts.outDir, MANIFEST_FILE), JSON.stringify(manifest));
  return { manifest, records: manifest.records, seconds: (performance.now() - started) / 1000 };
}
