/**
 * The one place the search index is built: after Astro has written the pages, records for every institution (and
 * every penalty without an institution page) go to Pagefind through its Node API, split into bundles by region
 * when the register is large, under <outDir>/pagefind/.
 *
 * SEARCH_SHARD_MAX overrides the records per bundle (default 24,000: a first search within a bundle that size costs
 * about 300 KB, so a province of up to 24,000 records is one bundle).
 * SEARCH_LANGUAGE overrides the language Pagefind indexes in (see src/lib/search/README.md for why 'en').
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { writeSearchIndex } from '../lib/search/write-index-fs.ts';
import { siteConfig } from '../lib/site/config.ts';
import { getSite } from '../lib/site/load-data.ts';

export const DEFAULT_SHARD_MAX = 24_000;
export const DEFAULT_LANGUAGE = 'en';

export default function pagefindSearch(): AstroIntegration {
  return {
    name: 'care-register-search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const maxRecords = Number(process.env.SEARCH_SHARD_MAX || DEFAULT_SHARD_MAX);
        if (!Number.isInteger(maxRecords) || maxRecords < 1) {
          throw new Error(`SEARCH_SHARD_MAX 应为正整数，收到 ${process.env.SEARCH_SHARD_MAX}`);
        }
        const result = await writeSearchIndex({
          site: getSite(),
          outDir: fileURLToPath(new URL('pagefind/', dir)),
          penaltyPageSize: siteConfig.pageSize.penalties,
          maxRecords,
          forceLanguage: process.env.SEARCH_LANGUAGE || DEFAULT_LANGUAGE,
        });
        logger.info(
          `搜索索引：${result.records} 条记录，${result.manifest.shards.length} 个分片，用时 ${result.seconds.toFixed(1)} 秒`,
        );
      },
    },
  };
}
