/**
 * The one place the search index is built: records for every institution (and every penalty without an institution
 * page) go to Pagefind through its Node API, split into bundles by region when the register is large. The index is
 * built from the merged data, not from the pages, so it starts in its own process when the build starts
 * (src/lib/search/write-index-main.ts), runs beside Astro's page rendering, and is moved to <outDir>/pagefind/ when
 * the pages are done.
 *
 * SEARCH_SHARD_MAX overrides the records per bundle (default 24,000: a first search within a bundle that size costs
 * about 300 KB, so a province of up to 24,000 records is one bundle).
 * SEARCH_LANGUAGE overrides the language Pagefind indexes in (see src/lib/search/README.md for why 'en').
 * Bundles whose records did not change since an earlier build come from CACHE_DIR/search-bundles/.
 * BUILD_TIMINGS_DIR, when set, receives astro-timings.json: seconds from the start to the pages written, and to the
 * search index in place.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export const DEFAULT_SHARD_MAX = 24_000;
export const DEFAULT_LANGUAGE = 'en';

interface IndexRun {
  records: number;
  shards: number;
  seconds: number;
  indexed: number;
  reused: number;
}

function startIndex(outDir: string): Promise<IndexRun> {
  const maxRecords = Number(process.env.SEARCH_SHARD_MAX || DEFAULT_SHARD_MAX);
  if (!Number.isInteger(maxRecords) || maxRecords < 1) {
    return Promise.reject(new Error(`SEARCH_SHARD_MAX 应为正整数，收到 ${process.env.SEARCH_SHARD_MAX}`));
  }
  const options = {
    outDir,
    maxRecords,
    forceLanguage: process.env.SEARCH_LANGUAGE || DEFAULT_LANGUAGE,
    bundleCacheDir: resolve(process.env.CACHE_DIR || '.cache', 'search-bundles'),
  };
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      [resolve('src/lib/search/write-index-main.ts'), JSON.stringify(options)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`搜索索引生成失败（退出码 ${code}）：${stderr.slice(-4000)}`));
      try {
        ok(JSON.parse(stdout.trim().split('\n').pop() ?? '') as IndexRun);
      } catch {
        fail(new Error(`搜索索引进程的输出无法读取：${stdout.slice(-2000)}`));
      }
    });
  });
}

export default function pagefindSearch(): AstroIntegration {
  let staging = '';
  let started = 0;
  let pending: Promise<IndexRun | Error> | null = null;
  return {
    name: 'care-register-search',
    hooks: {
      'astro:build:start': () => {
        started = performance.now();
        staging = resolve(process.env.CACHE_DIR || '.cache', `search-staging-${process.pid}`);
        rmSync(staging, { recursive: true, force: true });
        // Errors are kept and thrown when the pages are done, not left as an unhandled rejection meanwhile.
        pending = startIndex(staging).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const pagesDone = performance.now();
        if (!pending) throw new Error('搜索索引没有启动（astro:build:start 未运行）');
        const result = await pending;
        if (result instanceof Error) throw result;
        const target = fileURLToPath(new URL('pagefind/', dir));
        rmSync(target, { recursive: true, force: true });
        mkdirSync(join(target, '..'), { recursive: true });
        try {
          renameSync(staging, target);
        } catch {
          // Another file system: copy, then remove the staging directory.
          cpSync(staging, target, { recursive: true });
          rmSync(staging, { recursive: true, force: true });
        }
        const done = performance.now();
        logger.info(
          `搜索索引：${result.records} 条记录，${result.shards} 个分片（新建 ${result.indexed}，沿用 ${result.reused}），` +
            `用时 ${result.seconds.toFixed(1)} 秒，与页面生成同时进行；页面完成后等待 ${((done - pagesDone) / 1000).toFixed(1)} 秒`,
        );
        const timingsDir = process.env.BUILD_TIMINGS_DIR;
        if (timingsDir && existsSync(timingsDir)) {
          writeFileSync(
            join(timingsDir, 'astro-timings.json'),
            JSON.stringify({
              pagesSeconds: (pagesDone - started) / 1000,
              searchSeconds: result.seconds,
              searchWaitSeconds: (done - pagesDone) / 1000,
              totalSeconds: (done - started) / 1000,
              searchBundlesIndexed: result.indexed,
              searchBundlesReused: result.reused,
            }),
          );
        }
      },
    },
  };
}
