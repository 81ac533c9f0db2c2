/**
 * Writes one Pagefind bundle in its own process: records as JSON on stdin, `{ outputPath, language, keepRuntime, workDir }` as
 * the first argument. Pagefind's indexer keeps about one core busy, so the build runs two of these at a time
 * (write-index-fs.ts).
 */
import { type BundleRecord, writeBundle } from './write-bundle.ts';

const { outputPath, language, keepRuntime, workDir } = JSON.parse(process.argv[2] ?? '{}') as {
  outputPath: string;
  language: string;
  keepRuntime: boolean;
  workDir: string | null;
};
const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const records = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BundleRecord[];
await writeBundle(records, language, outputPath, keepRuntime, workDir ?? null);
