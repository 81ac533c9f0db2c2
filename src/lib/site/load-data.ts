/**
 * Reads the merged data once per build process and builds the site index. Every page gets it from here; the file is
 * read and indexed the first time, never per page.
 *
 * SITE_DATA names the file directly (tests use a fixture); otherwise `${CACHE_DIR ?? '.cache'}/data.json`, written by
 * `npm run data`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type SiteData, SiteDataSchema } from '../domain/schemas.ts';
import { buildSiteIndex, type SiteIndex } from './site-index.ts';

export function dataPath(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.SITE_DATA ?? `${env.CACHE_DIR ?? '.cache'}/data.json`);
}

function readSiteData(path: string): SiteData {
  let text: string;
  try {
    // Read as bytes, then decoded: for a file of ~190 MB this is faster than readFileSync(path, 'utf8') (3 s against 5 s).
    text = readFileSync(path).toString('utf8');
  } catch (e) {
    throw new Error(`读不到站点数据 ${path}：请先运行 npm run data（${(e as Error).message}）`);
  }
  const parsed = SiteDataSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const first = parsed.error.issues
      .slice(0, 10)
      .map((i) => `  ${i.path.join('.')}: ${i.message}`)
      .join('\n');
    throw new Error(`站点数据 ${path} 不符合 SiteDataSchema：\n${first}`);
  }
  return parsed.data;
}

/**
 * The index is kept on globalThis, not in this module: Astro's prerender bundle and the search integration each load
 * their own copy of this module in the same process, and a national register's data costs ~6 s and ~1 GB to read
 * and index, so they share one.
 */
const SHARED = Symbol.for('care-register.site-index');

export function getSite(): SiteIndex {
  const shared = globalThis as { [SHARED]?: { path: string; site: SiteIndex } };
  const path = dataPath();
  if (shared[SHARED]?.path !== path) shared[SHARED] = { path, site: buildSiteIndex(readSiteData(path)) };
  return shared[SHARED].site;
}
