/**
 * Validate on every core: the sources that are not in the cache are ingested by worker threads, one per core, and
 * handed to runPipeline through a cache layer, so the merge — and so the result, byte for byte — is the same as when
 * one thread ingests them one after another. Ingesting a source depends on nothing but the source, the as-of date and
 * the code (run-pipeline.ts, sourceKey), which is what makes them independent jobs.
 *
 * Starting a thread and loading the readers costs ~0.3 s, so threads start only when more than one source is to be
 * read and there is enough to read (INGEST_THREADS_MIN_BYTES); VALIDATE_JOBS sets the number of threads (1: none;
 * the default is one per core but one, see ingestJobs).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type CachedSource, type LoadedSource, type SourceCache, sourceKey } from './run-pipeline.ts';

const THREAD = fileURLToPath(new URL('./ingest-thread.ts', import.meta.url));

/** Below this many bytes of sources to read, one thread reads them faster than several start. */
export const INGEST_THREADS_MIN_BYTES = 4 * 1024 * 1024;

function sourceBytes(src: LoadedSource): number {
  return src.files.reduce((n, f) => n + (f.bytes?.byteLength ?? 0), 0);
}

/**
 * VALIDATE_JOBS, or one thread per core but one: the main thread is busy too, taking each source's rows back from
 * its thread (a structured clone as costly as a good part of the ingest). Measured at 100k institutions on two
 * cores, two threads took 12.6–15 s against 14.4 s for the main thread alone (docs/scaling.md), so a two-core
 * machine reads on one thread.
 */
export function ingestJobs(env: NodeJS.ProcessEnv = process.env): number {
  if (env.VALIDATE_JOBS === undefined || env.VALIDATE_JOBS === '')
    return Math.max(1, availableParallelism() - 1);
  const n = Number(env.VALIDATE_JOBS);
  if (!Number.isInteger(n) || n < 1) throw new Error(`VALIDATE_JOBS 应为正整数，收到 ${env.VALIDATE_JOBS}`);
  return n;
}

function ingestIn(worker: Worker, src: LoadedSource, asOf: string): Promise<CachedSource> {
  return new Promise((ok, fail) => {
    const onError = (e: Error) => fail(e);
    worker.once('error', onError);
    worker.once('message', (answer: { ok: boolean; value?: CachedSource; error?: string }) => {
      worker.off('error', onError);
      if (answer.ok && answer.value) ok(answer.value);
      else fail(new Error(`来源 ${src.id} 读取失败：${answer.error}`));
    });
    worker.postMessage({ src, asOf });
  });
}

/**
 * Ingests the sources `cache` does not hold on `jobs` threads, largest first, and returns a cache layer that holds
 * every source (the new ones also written through to `cache`). Each source is looked up in `cache` once, so its hit
 * and miss counts stay those of one pass. Returns `cache` itself when threads would not pay.
 */
export async function ingestOnThreads(
  loaded: readonly LoadedSource[],
  asOf: string,
  cache: SourceCache | undefined,
  opts: { jobs?: number; minBytes?: number } = {},
): Promise<SourceCache | undefined> {
  const jobs = opts.jobs ?? ingestJobs();
  const minBytes = opts.minBytes ?? INGEST_THREADS_MIN_BYTES;
  const total = loaded.reduce((n, src) => n + sourceBytes(src), 0);
  if (jobs < 2 || loaded.length < 2 || total < minBytes || !existsSync(THREAD)) return cache;

  const codeVersion = cache?.codeVersion ?? '';
  const known = new Map<string, { key: string; value: CachedSource | undefined }>();
  const todo: { src: LoadedSource; key: string }[] = [];
  for (const src of loaded) {
    const key = sourceKey(src, asOf, codeVersion);
    const value = cache?.get(src.id, key);
    known.set(src.id, { key, value });
    if (!value) todo.push({ src, key });
  }
  if (todo.length >= 2 && todo.reduce((n, t) => n + sourceBytes(t.src), 0) >= minBytes) {
    // Largest first, so that the last job to finish is a small one.
    const queue = [...todo].sort(
      (a, b) => sourceBytes(b.src) - sourceBytes(a.src) || (a.src.id < b.src.id ? -1 : 1),
    );
    const workers = Array.from({ length: Math.min(jobs, queue.length) }, () => new Worker(THREAD));
    try {
      await Promise.all(
        workers.map(async (w) => {
          for (let job = queue.shift(); job; job = queue.shift()) {
            const value = await ingestIn(w, job.src, asOf);
            known.set(job.src.id, { key: job.key, value });
            cache?.set(job.src.id, job.key, value);
          }
        }),
      );
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  }
  return {
    codeVersion,
    get: (id, key) => {
      const k = known.get(id);
      if (k?.key === key) return k.value;
      return cache?.get(id, key);
    },
    set: (id, key, value) => cache?.set(id, key, value),
  };
}
