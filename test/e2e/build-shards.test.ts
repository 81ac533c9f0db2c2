/**
 * A sharded build — `--shard 1/3`, `2/3`, `3/3` as three separate processes, then `--merge`, or `npm run build` running
 * two shards itself — is byte-identical to the one-process build of the same data, file for file; and the merge refuses shards that are missing, overlap, or
 * were built from other data, saying which.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, childEnv, E2E_DIR, FIXTURE, ROOT } from './helpers/build.ts';
import { listFiles } from './helpers/dist-files.ts';

const exec = promisify(execFile);
// Inside the project: Astro keeps an outDir's prerender chunks next to it only there (scripts/build-shards.ts).
mkdirSync(E2E_DIR, { recursive: true });
const work = mkdtempSync(join(E2E_DIR, 'shards-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs scripts/build-shards.ts on the fixture data; resolves to its output, rejects with its stderr. */
async function shards(args: string[], shardsDir: string, outDir = join(work, 'merged')) {
  const env = childEnv({ SITE_DATA: FIXTURE, BASE_PATH: '/', SHARDS_DIR: shardsDir, OUT_DIR: outDir });
  return exec(process.execPath, ['scripts/build-shards.ts', ...args], {
    cwd: ROOT,
    env,
    timeout: 10 * 60_000,
  });
}

/** The merge's error message (its stderr) when it refuses, or '' when it merges. */
async function mergeError(shardsDir: string): Promise<string> {
  try {
    await shards(['--merge'], shardsDir, join(work, 'refused'));
    return '';
  } catch (e) {
    return String((e as { stderr?: string }).stderr);
  }
}

function hashes(dist: string): Map<string, string> {
  return new Map(
    listFiles(dist).map((f) => [
      relative(dist, f),
      createHash('sha256').update(readFileSync(f)).digest('hex'),
    ]),
  );
}

interface Manifest {
  shard: number;
  siteWide: boolean;
  provinces: string[];
  dataHash: string;
}
const built = join(work, 'built');
const manifest = (k: number): Manifest =>
  JSON.parse(readFileSync(join(built, `${k}-of-3`, 'manifest.json'), 'utf8')) as Manifest;

/** A copy of the three built shards to damage. */
function copyOfShards(name: string): string {
  const dir = join(work, name);
  cpSync(built, dir, { recursive: true });
  return dir;
}

describe('sharded build', () => {
  beforeAll(async () => {
    await Promise.all([1, 2, 3].map((k) => shards(['--shard', `${k}/3`, '--no-validate'], built)));
  }, 15 * 60_000);

  it(
    'three shards merged are byte-identical to the one-process build',
    async () => {
      const one = buildSite({ mode: 'fixture' }).dist;
      // The merge moves the shards' files: it merges a copy, and the tests below damage copies of their own.
      const merging = copyOfShards('merging');
      await shards(['--merge'], merging);
      expect(readdirSync(merging)).toEqual([]);
      const a = hashes(one);
      const b = hashes(join(work, 'merged'));
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      expect([...a].filter(([f, h]) => b.get(f) !== h).map(([f]) => f)).toEqual([]);

      // The shards split the work: the site-wide pages in shard 1 only, every province in one shard, and at least two
      // shards with institution pages.
      const ms = [1, 2, 3].map(manifest);
      expect(ms.map((m) => m.siteWide)).toEqual([true, false, false]);
      const provinces = ms.flatMap((m) => m.provinces);
      expect(provinces.sort()).toEqual(['330000', '420000', '520000']);
      const withInstitutions = [1, 2, 3].filter((k) =>
        existsSync(join(built, `${k}-of-3`, 'dist/institutions')),
      );
      expect(withInstitutions.length).toBeGreaterThanOrEqual(2);
      for (const k of [2, 3]) {
        const top = readdirSync(join(built, `${k}-of-3`, 'dist')).sort();
        expect(
          top.every((d) => ['_astro', 'institutions', 'regions'].includes(d)),
          top.join(' '),
        ).toBe(true);
      }
    },
    15 * 60_000,
  );

  it(
    'on one machine (BUILD_JOBS=2) runs the shards side by side, replaces the previous output whole, and matches the one-process build',
    async () => {
      const out = join(work, 'parallel');
      mkdirSync(join(out, 'institutions', 'gone'), { recursive: true });
      writeFileSync(join(out, 'institutions', 'gone', 'index.html'), 'a page of an earlier build');
      const { stdout } = await exec(process.execPath, ['scripts/build-shards.ts'], {
        cwd: ROOT,
        env: childEnv({
          SITE_DATA: FIXTURE,
          BASE_PATH: '/',
          SHARDS_DIR: join(work, 'parallel-shards'),
          OUT_DIR: out,
          BUILD_JOBS: '2',
          CACHE_DIR: join(work, 'cache'),
          REPORTS_DIR: join(work, 'reports'),
        }),
        timeout: 10 * 60_000,
      });
      expect(stdout).toContain('分片构建：2 个进程');
      const a = hashes(buildSite({ mode: 'fixture' }).dist);
      const b = hashes(out);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      expect([...a].filter(([f, h]) => b.get(f) !== h).map(([f]) => f)).toEqual([]);
      expect(existsSync(`${out}.previous`)).toBe(false);
      expect(existsSync(`${out}.merging`)).toBe(false);
    },
    15 * 60_000,
  );

  it('refuses a missing shard', async () => {
    const dir = copyOfShards('missing');
    rmSync(join(dir, '2-of-3'), { recursive: true });
    expect(await mergeError(dir)).toContain('缺少分片 2/3');
  });

  it('refuses a file written by two shards', async () => {
    const dir = copyOfShards('overlap');
    const province = manifest(2).provinces[0] as string;
    cpSync(join(dir, '2-of-3/dist/regions', province), join(dir, '3-of-3/dist/regions', province), {
      recursive: true,
    });
    const message = await mergeError(dir);
    expect(message).toContain('由两个分片写出');
    expect(message).toContain(`regions/${province}/index.html（分片 2/3 与 3/3）`);
  });

  it('accepts an /_astro/ asset in every shard only when its bytes are equal', async () => {
    const dir = copyOfShards('assets');
    const asset = readdirSync(join(dir, '3-of-3/dist/_astro')).find((f) => f.endsWith('.css')) as string;
    writeFileSync(join(dir, '3-of-3/dist/_astro', asset), 'body{}');
    expect(await mergeError(dir)).toContain(`_astro/${asset}（分片 1/3 与 3/3 的内容不同）`);
  });

  it('refuses shards built from other data', async () => {
    const dir = copyOfShards('other-data');
    const file = join(dir, '3-of-3/manifest.json');
    writeFileSync(file, JSON.stringify({ ...manifest(3), dataHash: 'f'.repeat(20) }));
    expect(await mergeError(dir)).toContain('分片 3/3 与分片 1/3 的 dataHash 不同');
  });
});
