/**
 * Reads the merged data once per build process, publishes it for the as-of date and builds the site model from it.
 * Every page, download, feed and search record gets the model from here; the file is read the first time, never per
 * page.
 *
 * SITE_DATA names the file directly (tests use a fixture); otherwise `${CACHE_DIR ?? '.cache'}/data.json`, written by
 * `npm run data`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { publish } from '../domain/rules/publish.ts';
import { type SiteData, SiteDataSchema } from '../domain/schemas.ts';
import { SiteModel } from './model.ts';
import type { SiteIndex } from './site-index.ts';

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
 * The model is kept on globalThis, not in this module: Astro's prerender bundle and the search integration each load
 * their own copy of this module in the same process, and a national register's data costs ~6 s and ~1 GB to read
 * and index, so they share one.
 */
const SHARED = Symbol.for('care-register.site-model');

/** The site model of this build (model.ts): the merged data read once, published for its as-of date, indexed. */
export function getModel(): SiteModel {
  const shared = globalThis as { [SHARED]?: { path: string; model: SiteModel } };
  const path = dataPath();
  if (shared[SHARED]?.path !== path) {
    const merged = readSiteData(path);
    shared[SHARED] = { path, model: new SiteModel(publish(merged, merged.asOf)) };
  }
  return shared[SHARED].model;
}

/** The model's index, which most pages read. */
export function getSite(): SiteIndex {
  return getModel().index;
}
