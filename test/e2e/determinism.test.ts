/**
 * Same data and AS_OF, same dist/: the shared end-to-end build of the sample and a second, independent build into
 * another directory (its own data cache, reports and output paths) must be byte-identical, file for file. A
 * difference names the first file that differs and where.
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AS_OF, buildSite } from './helpers/build.ts';
import { listFiles } from './helpers/dist-files.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'determinism-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The environment of a child build, without what Vitest adds (a build inheriting BASE_URL or MODE goes wrong). */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      !/^(?:VITEST|VITE_|BASE_URL$|MODE$|DEV$|PROD$|SSR$|NODE_ENV$|TEST$|SITE_DATA$|CACHE_DIR$|OUT_DIR$)/.test(
        k,
      )
    )
      env[k] = v;
  }
  return { ...env, ...extra, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}` };
}

/** The sample as of AS_OF, built the way a deployment builds it, into `dir`/dist. */
function buildSample(dir: string): string {
  const env = childEnv({
    DATA_DIR: 'test/fixtures/samples',
    AS_OF,
    BASE_PATH: '/',
    CACHE_DIR: join(dir, 'cache'),
    REPORTS_DIR: join(dir, 'reports'),
    OUT_DIR: join(dir, 'dist'),
  });
  const opts = { cwd: ROOT, env, stdio: 'ignore' as const, timeout: 10 * 60_000 };
  execFileSync('node', ['scripts/validate.ts', '--for-build', '--quiet'], opts);
  execFileSync('astro', ['build'], opts);
  return join(dir, 'dist');
}

function hashes(dist: string): Map<string, string> {
  return new Map(
    listFiles(dist)
      .filter((f) => !f.endsWith('.e2e-build.json'))
      .map((f) => [relative(dist, f), createHash('sha256').update(readFileSync(f)).digest('hex')]),
  );
}

/** Where two versions of a file first part, with a little context. */
function firstDifference(a: Buffer, b: Buffer): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (x: Buffer) => JSON.stringify(x.subarray(Math.max(0, i - 40), i + 40).toString('utf8'));
  return `byte ${i}: ${show(a)} vs ${show(b)}`;
}

describe('determinism', () => {
  it('two builds of the same data and AS_OF into two directories are byte-identical', () => {
    const first = buildSite().dist;
    const second = buildSample(join(work, 'second'));
    const a = hashes(first);
    const b = hashes(second);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    const differing = [...a].filter(([f, h]) => b.get(f) !== h).map(([f]) => f);
    const detail = differing[0]
      ? `${differing.length} files differ; first ${differing[0]} at ${firstDifference(
          readFileSync(join(first, differing[0])),
          readFileSync(join(second, differing[0])),
        )}`
      : '';
    expect(detail).toBe('');
    expect(a.size).toBeGreaterThan(100);
  });
});
