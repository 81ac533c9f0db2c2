/**
 * The one place the search index is built: after Astro has written the pages, records for every institution (and
 * every penalty without an institution page) are written as Pagefind bundles, split into bundles by region
 * when the register is large, under <outDir>/pagefind/. The records come from the merged data the pages were built
 * from, not from the HTML.
 *
 * Running the index in a process of its own beside Astro's page rendering was measured slower on this 2-core machine
 * (10k institutions: 46.3 s against 45.1 s; the second process reads and checks data.json again, and Astro's page
 * writes already use the second core), so it runs here, after the pages.
 *
 * SEARCH_SHARD_MAX overrides the records per bundle (default 24,000: a first search within a bundle that size costs
 * about 300 KB, so a province of up to 24,000 records is one bundle).
 * SEARCH_LANGUAGE overrides the language code the bundles are written in (default 'und': the tokens are already
 * split and normalised, so Pagefind must neither stem nor segment them; see src/lib/search/README.md).
 * SEARCH_LAYER_CAP overrides the records a word of the national layer lists before it counts as common (default
 * 20,000; national-layer.ts).
 * Bundles whose records did not change since an earlier build come from CACHE_DIR/search-bundles/.
 * A shard of a sharded build that does not render the site-wide pages writes no index: the site-wide shard indexes
 * every record from the data (a 10k register: 5 s against 22 s of pages), so no index spans shards.
 * BUILD_TIMINGS_DIR, when set, receives astro-timings.json: seconds from the start to the pages written, and for
 * the search index.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { writeSearchIndex } from '../lib/search/write-index-fs.ts';
import { keptFolder, rendersSiteWide } from '../lib/site/build-scope.ts';
import { siteConfig } from '../lib/site/config.ts';
import { getSite } from '../lib/site/load-data.ts';

export const DEFAULT_SHARD_MAX = 24_000;
export const DEFAULT_LANGUAGE = 'und';

export default function pagefindSearch(): AstroIntegration {
  let started = 0;
  return {
    name: 'care-register-search',
    hooks: {
      'astro:build:start': () => {
        started = performance.now();
      },
      'astro:build:done': async ({ dir, logger }) => {
        const pagesDone = performance.now();
        if (!rendersSiteWide()) return;
        const maxRecords = Number(process.env.SEARCH_SHARD_MAX || DEFAULT_SHARD_MAX);
        if (!Number.isInteger(maxRecords) || maxRecords < 1) {
          throw new Error(`SEARCH_SHARD_MAX 应为正整数，收到 ${process.env.SEARCH_SHARD_MAX}`);
        }
        const layerCap = process.env.SEARCH_LAYER_CAP ? Number(process.env.SEARCH_LAYER_CAP) : undefined;
        if (layerCap !== undefined && (!Number.isInteger(layerCap) || layerCap < 1)) {
          throw new Error(`SEARCH_LAYER_CAP 应为正整数，收到 ${process.env.SEARCH_LAYER_CAP}`);
        }
        const result = await writeSearchIndex({
          layerCap,
          // An incremental build keeps the previous index when it would be written from the same records.
          unchanged: (key) => keptFolder('/pagefind/*', key),
          site: getSite(),
          outDir: fileURLToPath(new URL('pagefind/', dir)),
          penaltyPageSize: siteConfig.pageSize.penalties,
          maxRecords,
          forceLanguage: process.env.SEARCH_LANGUAGE || DEFAULT_LANGUAGE,
          bundleCacheDir: resolve(process.env.CACHE_DIR || '.cache', 'search-bundles'),
        });
        logger.info(
          `搜索索引：${result.records} 条记录，${result.manifest.shards.length} 个分片（新建 ${result.indexed}，沿用 ${result.reused}），用时 ${result.seconds.toFixed(1)} 秒`,
        );
        const timingsDir = process.env.BUILD_TIMINGS_DIR;
        if (timingsDir && existsSync(timingsDir)) {
          writeFileSync(
            join(timingsDir, 'astro-timings.json'),
            JSON.stringify({
              pagesSeconds: (pagesDone - started) / 1000,
              searchSeconds: result.seconds,
              searchBundlesIndexed: result.indexed,
              searchBundlesReused: result.reused,
            }),
          );
        }
      },
    },
  };
}
