/**
 * Writes <outDir>/_headers after every other file is written (this integration is registered after the search
 * index): the content types with charset a static host must send, from the files the build wrote. A build that writes
 * only part of the site writes none: the merge of a sharded build (scripts/build-shards.ts) and an incremental build
 * (scripts/build.ts) write it from the files of the whole site.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { partialBuild } from '../lib/site/build-scope.ts';
import { headerRules, renderHeadersFile } from '../lib/site/static-headers.ts';

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

export default function staticHeaders(): AstroIntegration {
  let base = '/';
  return {
    name: 'care-register-static-headers',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': ({ dir }) => {
        if (partialBuild()) return;
        const out = fileURLToPath(dir);
        const files = filesUnder(out).filter((f) => f !== '_headers');
        writeFileSync(join(out, '_headers'), renderHeadersFile(headerRules(files, base)));
      },
    },
  };
}
