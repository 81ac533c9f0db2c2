/**
 * Adds modulepreload links for their scripts' chunks to the search page and the map (src/lib/site/module-preload.ts),
 * where a first search or the first clustered view waits for the script. Other pages' scripts do not hold up what a
 * reader came for, and rewriting every page would cost a large register's build a pass over its HTML.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { withModulePreloads } from '../lib/site/module-preload.ts';

const PAGES = ['search/index.html', 'map/index.html'];

export default function modulePreload(): AstroIntegration {
  let base = '/';
  return {
    name: 'care-register-module-preload',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': ({ dir }) => {
        const out = fileURLToPath(dir);
        const read = (path: string) => {
          if (!path.startsWith(base)) return null;
          const file = join(out, path.slice(base.length));
          return existsSync(file) ? readFileSync(file, 'utf8') : null;
        };
        for (const page of PAGES) {
          const file = join(out, page);
          if (!existsSync(file)) continue;
          const html = readFileSync(file, 'utf8');
          const next = withModulePreloads(html, read);
          if (next !== html) writeFileSync(file, next);
        }
      },
    },
  };
}
