/**
 * Sources ingested on worker threads give the same result as one thread reading them in turn: the same report and
 * the same merged data, to the byte, whatever the number of threads; and each source is looked up in the cache once.
 */
import { describe, expect, it } from 'vitest';
import { ingestJobs, ingestOnThreads } from '../../src/lib/ingest/ingest-threads-fs.ts';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { type CachedSource, runPipeline, type SourceCache } from '../../src/lib/ingest/run-pipeline.ts';

const AS_OF = '2026-11-24';

function memoryCache(): SourceCache & { gets: Map<string, number>; store: Map<string, CachedSource> } {
  const store = new Map<string, CachedSource>();
  const gets = new Map<string, number>();
  return {
    codeVersion: 'test',
    gets,
    store,
    get(id, key) {
      gets.set(id, (gets.get(id) ?? 0) + 1);
      return store.get(`${id}\n${key}`);
    },
    set(id, key, value) {
      store.set(`${id}\n${key}`, value);
    },
  };
}

describe('ingestOnThreads', () => {
  const sources = loadSources('test/fixtures/samples');

  it('gives the result of one thread, on 2 and 3 threads, with and without a cache', async () => {
    const one = await runPipeline(sources, AS_OF);
    const want = JSON.stringify([one.report, one.data]);
    for (const jobs of [2, 3]) {
      const layer = await ingestOnThreads(sources, AS_OF, undefined, { jobs, minBytes: 0 });
      expect(layer, 'threads were used').toBeDefined();
      const r = await runPipeline(sources, AS_OF, layer);
      expect(JSON.stringify([r.report, r.data])).toBe(want);

      const cache = memoryCache();
      const cached = await runPipeline(
        sources,
        AS_OF,
        await ingestOnThreads(sources, AS_OF, cache, { jobs, minBytes: 0 }),
      );
      expect(JSON.stringify([cached.report, cached.data])).toBe(want);
      // Every source went through a thread into the cache, and was looked up there once.
      expect(cache.store.size).toBe(sources.length);
      expect([...cache.gets.values()].every((n) => n === 1)).toBe(true);
    }
  }, 120_000);

  it('stays on one thread when asked to, or when there is too little to read', async () => {
    const cache = memoryCache();
    expect(await ingestOnThreads(sources, AS_OF, cache, { jobs: 1, minBytes: 0 })).toBe(cache);
    expect(await ingestOnThreads(sources, AS_OF, cache, { jobs: 2 })).toBe(cache);
    expect(cache.gets.size).toBe(0);
  });

  it('reads VALIDATE_JOBS', () => {
    expect(ingestJobs({ VALIDATE_JOBS: '3' })).toBe(3);
    expect(ingestJobs({})).toBeGreaterThanOrEqual(1);
    expect(() => ingestJobs({ VALIDATE_JOBS: '0' })).toThrow(/VALIDATE_JOBS/);
  });
});
