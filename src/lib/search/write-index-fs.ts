/**
 * Writes the search bundles: one per shard, from the records of `build-records.ts`, in Pagefind's format
 * (`pagefind-format.ts`; no HTML is parsed). Result URLs are stored without the base path (the browser adds it), so
 * the bundles do not depend on where the site is served.
 *
 * Layout under outDir: root/ holds the one copy of pagefind.js and its WebAssembly (with an index of one placeholder
 * record, which Pagefind needs to start), written by Pagefind itself; each shard directory holds only its index. The
 * browser opens root and merges the shards a search needs, so the WebAssembly comes from one URL whatever the shards.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SiteIndex } from '../site/site-index.ts';
import { type SearchRecord, searchRecords } from './build-records.ts';
import { FACET_FILTER } from './facets.ts';
import { nationalLayer } from './national-layer-fs.ts';
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
import { buildWordRoutes, WORDS_DIR, type WordRoutesManifest } from './word-routes.ts';
import {
  type BundleRecord,
  ENTRY_FILE,
  linkTree,
  pagefindVersionInstalled,
  writeBundle,
  writeRuntime,
} from './write-bundle.ts';

export interface WriteIndexOptions {
  site: SiteIndex;
  /** The pagefind directory to write, e.g. dist/pagefind. Replaced. */
  outDir: string;
  penaltyPageSize: number;
  /** Records per bundle before the index is split by region. */
  maxRecords: number;
  /** The language Pagefind indexes in; the tokens are already split, so no segmentation or stemming is wanted. */
  forceLanguage: string;
  /**
   * Where finished bundles are kept, by a hash of their records, language and Pagefind version: a bundle whose
   * records did not change is linked from here instead of indexed again. Null: always index.
   */
  bundleCacheDir?: string | null;
  /** Records a word of the national layer may list before it counts as common (national-layer.ts DEFAULT_CAP). */
  layerCap?: number;
  /**
   * Asked with a key of everything the index is written from; returns the directory of an index written from the
   * same (an incremental build keeps it), and then nothing is written.
   */
  unchanged?: (key: string) => string | null;
  log?: (message: string) => void;
}

export interface WriteIndexResult {
  manifest: SearchManifest;
  records: number;
  seconds: number;
  /** Bundles indexed in this run, and bundles taken unchanged from the cache. */
  indexed: number;
  reused: number;
}

const cacheKey = (parts: unknown[]) =>
  createHash('sha256')
    .update(JSON.stringify([FORMAT, pagefindVersionInstalled(), ...parts]))
    .digest('hex')
    .slice(0, 24);

/** The cache key of a bundle: its records, the language and the Pagefind version it is written for. */
export function bundleKey(records: readonly BundleRecord[], language: string): string {
  return cacheKey([language, records]);
}

/** The cache key of Pagefind's runtime for a language (never the key of a bundle of records). */
function runtimeKey(language: string): string {
  return cacheKey(['runtime', language]);
}

/** Bumped when what `pagefind-format.ts` writes for the same records changes, so cached bundles are not reused. */
const FORMAT = 1;

const THREAD = resolve('src/lib/search/write-bundle-thread.ts');

/**
 * Bundles written by worker threads, one per core (SEARCH_THREADS overrides; 0 or a missing worker script — a build
 * not run from the project directory — writes them on the main thread). Encoding is CPU work, and the main thread
 * has nothing else to do while the index is written.
 */
class BundleThreads {
  private readonly idle: Worker[] = [];
  private readonly waiting: ((w: Worker) => void)[] = [];
  private readonly all: Worker[] = [];

  /** `threads` workers, or none (every bundle written on the main thread). */
  constructor(threads: number) {
    if (!existsSync(THREAD)) return;
    for (let i = 0; i < threads; i++) {
      const w = new Worker(THREAD);
      this.all.push(w);
      this.idle.push(w);
    }
  }

  async write(job: { records: BundleRecord[]; language: string; out: string; runtimeEntry: string }) {
    if (this.all.length === 0) return writeBundle(job.records, job.language, job.out, job.runtimeEntry);
    const worker = this.idle.pop() ?? (await new Promise<Worker>((ok) => this.waiting.push(ok)));
    try {
      const answer = await new Promise<{ ok: boolean; error?: string }>((ok, fail) => {
        worker.once('message', ok);
        worker.once('error', fail);
        worker.postMessage(job);
      });
      worker.removeAllListeners('error');
      if (!answer.ok) throw new Error(`搜索索引 ${job.out} 写入失败：${answer.error}`);
    } finally {
      const next = this.waiting.shift();
      if (next) next(worker);
      else this.idle.push(worker);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}

/** Threads for writing `bundles` bundles: none for one bundle, else SEARCH_THREADS or one per core. */
function threadsFor(bundles: number): number {
  if (bundles < 2) return 0;
  const wanted = process.env.SEARCH_THREADS;
  return wanted !== undefined && wanted !== '' ? Number(wanted) : availableParallelism();
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
  // Every bundle's records, keyed once: the keys name the cached bundles, and together the whole index.
  const bundleRecords = buckets.map((b) => b.map(toBundleRecord));
  const bundleKeys = bundleRecords.map((r) => bundleKey(r, opts.forceLanguage));
  if (opts.unchanged) {
    const key = cacheKey([
      'index',
      runtimeKey(opts.forceLanguage),
      bundleKeys,
      shards,
      regions,
      opts.layerCap ?? null,
      opts.maxRecords,
    ]);
    const kept = opts.unchanged(key);
    if (kept) {
      const manifest = JSON.parse(readFileSync(join(kept, MANIFEST_FILE), 'utf8')) as SearchManifest;
      return {
        manifest,
        records: manifest.records,
        seconds: (performance.now() - started) / 1000,
        indexed: 0,
        reused: shards.length,
      };
    }
  }
  const national = nationalLayer(
    records,
    shards,
    shardOf,
    bundleRecords,
    [...facets].sort(),
    opts.forceLanguage,
    opts.layerCap,
  );
  records.length = 0;

  rmSync(opts.outDir, { recursive: true, force: true });
  mkdirSync(opts.outDir, { recursive: true });
  let words: WordRoutesManifest | null = null;
  if (shards.length > 1) {
    const routes = buildWordRoutes(
      shards.map((s, i) => ({ id: s.id, texts: (buckets[i] ?? []).map((r) => r.content) })),
    );
    mkdirSync(join(opts.outDir, WORDS_DIR));
    for (const [name, text] of routes.files) writeFileSync(join(opts.outDir, WORDS_DIR, name), text);
    words = routes.manifest;
  }
  national.write(opts.outDir);
  const cacheDir = opts.bundleCacheDir ?? null;
  if (cacheDir) mkdirSync(cacheDir, { recursive: true });
  const used = new Set<string>();
  let indexed = 0;
  let reused = 0;
  /** Writes a bundle to `out`, from the cache when one with the same key was written before. */
  const produce = async (
    key: string,
    out: string,
    write: (target: string) => Promise<void>,
  ): Promise<void> => {
    if (!cacheDir) {
      indexed++;
      await write(out);
      return;
    }
    used.add(key);
    const cached = join(cacheDir, key);
    if (existsSync(cached)) {
      reused++;
      const now = new Date();
      utimesSync(cached, now, now);
    } else {
      indexed++;
      const tmp = `${cached}.tmp-${process.pid}`;
      rmSync(tmp, { recursive: true, force: true });
      await write(tmp);
      renameSync(tmp, cached);
    }
    linkTree(cached, out);
  };
  const root = join(opts.outDir, ROOT_BUNDLE);
  await produce(runtimeKey(opts.forceLanguage), root, (target) => writeRuntime(opts.forceLanguage, target));
  const runtimeEntry = join(root, ENTRY_FILE);
  const pool = new BundleThreads(threadsFor(shards.length));
  try {
    await Promise.all(
      shards.map(async (shard, i) => {
        const records = bundleRecords[i] ?? [];
        bundleRecords[i] = [];
        buckets[i] = [];
        await produce(bundleKeys[i] as string, join(opts.outDir, shard.id), (target) =>
          pool.write({ records, language: opts.forceLanguage, out: target, runtimeEntry }),
        );
        opts.log?.(`搜索索引 ${shard.id}：${shard.count} 条`);
      }),
    );
  } finally {
    await pool.close();
  }
  if (shards.length > 1) writeFileSync(join(opts.outDir, DOCUMENTS_FILE), JSON.stringify(documents));
  const manifest = buildManifest(
    shards,
    regions,
    countByRegion,
    opts.forceLanguage,
    restrictTable(characterPairs(), characters),
    [...facets],
    words,
    national.manifest,
  );
  writeFileSync(join(opts.outDir, MANIFEST_FILE), JSON.stringify(manifest));
  // The cache keeps the bundles of recent builds only, so it does not grow with every change; an hour's grace
  // leaves alone what another build sharing the cache is using.
  if (cacheDir) {
    const stale = Date.now() - 3_600_000;
    for (const e of readdirSync(cacheDir)) {
      const p = join(cacheDir, e);
      if (!used.has(e) && statSync(p).mtimeMs < stale) rmSync(p, { recursive: true, force: true });
    }
  }
  return {
    manifest,
    records: manifest.records,
    seconds: (performance.now() - started) / 1000,
    indexed,
    reused,
  };
}
