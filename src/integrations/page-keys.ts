/**
 * Writes the page keys this build listed (build-scope.ts, renderChanged) to the file its scope names, once every page
 * is written: the next incremental build compares its keys with these and keeps the pages whose key did not change.
 */
import { writeFileSync } from 'node:fs';
import type { AstroIntegration } from 'astro';
import { keysRecordFile, recordedKeys } from '../lib/site/build-scope.ts';

export default function pageKeys(): AstroIntegration {
  return {
    name: 'care-register-page-keys',
    hooks: {
      'astro:build:done': () => {
        const file = keysRecordFile();
        if (!file) return;
        const keys = [...recordedKeys()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        writeFileSync(file, JSON.stringify(Object.fromEntries(keys)));
      },
    },
  };
}
