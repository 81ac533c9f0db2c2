/**
 * A worker thread that writes search bundles (write-bundle.ts): each message is `{ records, language, out,
 * runtimeEntry }`, each answer `{ ok: true }` or `{ ok: false, error }`. write-index-fs.ts runs one per core.
 */
import { parentPort } from 'node:worker_threads';
import { type BundleRecord, writeBundle } from './write-bundle.ts';

interface Job {
  records: BundleRecord[];
  language: string;
  out: string;
  runtimeEntry: string;
}

parentPort?.on('message', (job: Job) => {
  try {
    writeBundle(job.records, job.language, job.out, job.runtimeEntry);
    parentPort?.postMessage({ ok: true });
  } catch (e) {
    parentPort?.postMessage({ ok: false, error: (e as Error).stack ?? String(e) });
  }
});
