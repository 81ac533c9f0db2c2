/**
 * The search index in a process of its own, started by src/integrations/pagefind.ts when the Astro build starts, so
 * that building the records and Pagefind's indexing run on the second core while Astro renders the pages. Reads the
 * merged data like the pages do (load-data.ts). Options as JSON in the first argument; prints the result as JSON.
 */
import { siteConfig } from '../site/config.ts';
import { getSite } from '../site/load-data.ts';
import { writeSearchIndex } from './write-index-fs.ts';

const opts = JSON.parse(process.argv[2] ?? '{}') as {
  outDir: string;
  maxRecords: number;
  forceLanguage: string;
  bundleCacheDir: string | null;
};
const result = await writeSearchIndex({
  site: getSite(),
  outDir: opts.outDir,
  penaltyPageSize: siteConfig.pageSize.penalties,
  maxRecords: opts.maxRecords,
  forceLanguage: opts.forceLanguage,
  bundleCacheDir: opts.bundleCacheDir,
});
process.stdout.write(
  `${JSON.stringify({
    records: result.records,
    shards: result.manifest.shards.length,
    seconds: result.seconds,
    indexed: result.indexed,
    reused: result.reused,
  })}\n`,
);
