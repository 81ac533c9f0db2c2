import { describe, expect, it } from 'vitest';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { type CachedSource, runPipeline, type SourceCache } from '../../src/lib/ingest/run-pipeline.ts';

function memoryCache(): SourceCache & { hits: number; store: Map<string, { key: string; value: string }> } {
  const store = new Map<string, { key: string; value: string }>();
  return {
    codeVersion: 'test',
    hits: 0,
    store,
    get(id, key) {
      const e = store.get(id);
      if (e?.key !== key) return undefined;
      this.hits++;
      // Through JSON, as the file cache stores it.
      return JSON.parse(e.value) as CachedSource;
    },
    set(id, key, value) {
      store.set(id, { key, value: JSON.stringify(value) });
    },
  };
}

describe('per-source cache', () => {
  it('gives the same result from cached sources as from a fresh read', async () => {
    const sources = loadSources('test/fixtures/samples');
    const fresh = await runPipeline(sources, '2026-11-24');
    const cache = memoryCache();
    await runPipeline(sources, '2026-11-24', cache);
    const again = await runPipeline(sources, '2026-11-24', cache);
    expect(cache.hits).toBe(sources.length);
    expect(JSON.stringify(again.data)).toBe(JSON.stringify(fresh.data));
    expect(JSON.stringify(again.report)).toBe(JSON.stringify(fresh.report));
  });

  it('reads a source again when one of its files or the as-of date changes', async () => {
    const sources = loadSources('test/fixtures/samples');
    const cache = memoryCache();
    await runPipeline(sources, '2026-11-24', cache);
    const changed = sources.map((s, i) =>
      i === 0
        ? {
            ...s,
            files: s.files.map((f) => ({ ...f, bytes: f.bytes ? new Uint8Array([...f.bytes, 0x0a]) : null })),
          }
        : s,
    );
    cache.hits = 0;
    await runPipeline(changed, '2026-11-24', cache);
    expect(cache.hits).toBe(sources.length - 1);
    cache.hits = 0;
    await runPipeline(sources, '2026-11-25', cache);
    expect(cache.hits).toBe(0);
  });
});
