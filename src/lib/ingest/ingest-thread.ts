/**
 * A worker thread that ingests sources (ingest-threads-fs.ts runs one per core): each message is `{ src, asOf }`,
 * each answer `{ ok: true, value }` with the source's CachedSource, or `{ ok: false, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { ingestForCache, type LoadedSource } from './run-pipeline.ts';

parentPort?.on('message', async (job: { src: LoadedSource; asOf: string }) => {
  try {
    parentPort?.postMessage({ ok: true, value: await ingestForCache(job.src, job.asOf) });
  } catch (e) {
    parentPort?.postMessage({ ok: false, error: (e as Error).stack ?? String(e) });
  }
});
