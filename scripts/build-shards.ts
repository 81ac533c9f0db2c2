/**
 * npm run build — validate, then render the site with every core, and join the parts into OUT_DIR (default dist):
 *
 *   npm run build                      validate once, then one Astro process per core for a register large enough
 *                                      (shardCount; BUILD_JOBS overrides, 1 is the plain one-process build), then
 *                                      --merge
 *   npm run build -- --shard K/N       validate, then render shard K of N into SHARDS_DIR/K-of-N/dist/ with its
 *                                      manifest beside it (--no-validate when .cache/data.json is already there)
 *   npm run build -- --merge           join every SHARDS_DIR/K-of-N/ into OUT_DIR
 *
 * The unit of work is the province (build-scope.ts, planShards): shard K renders the institution and region pages of
 * its provinces; shard 1 also renders every site-wide page, the downloads, feeds, sitemap, map data and the whole
 * search index (from the data, not the HTML). The merge refuses shards of another data, as-of date or site, a missing
 * shard, and a file written by two shards (Astro's /_astro/ assets excepted when their bytes are equal), then writes
 * the one file that spans shards, _headers. The result is byte-identical to a one-process build
 * (test/e2e/build-shards.test.ts).
 *
 * Reads DATA_DIR, AS_OF, CACHE_DIR, SITE_URL, BASE_PATH like every command; OUT_DIR, SHARDS_DIR (default .shards),
 * BUILD_JOBS; BUILD_TIMINGS_FILE receives the phases' seconds.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { filesUnder } from '../src/integrations/static-headers.ts';
import { type BuildScopeFile, planShards, type ShardPlan, shardScope } from '../src/lib/site/build-scope.ts';
import { siteConfig } from '../src/lib/site/config.ts';
import { dataPath, getSite } from '../src/lib/site/load-data.ts';
import { moveInto } from '../src/lib/site/move-tree-fs.ts';
import { headerRules, renderHeadersFile } from '../src/lib/site/static-headers.ts';

const outDir = resolve(process.env.OUT_DIR || 'dist');
const shardsDir = resolve(process.env.SHARDS_DIR || '.shards');
const base = process.env.BASE_PATH || siteConfig.basePath;
const siteUrl = process.env.SITE_URL || siteConfig.url;

/** What a shard writes beside its output; the merge checks that every shard was built from the same inputs. */
interface ShardManifest {
  shard: number;
  of: number;
  dataHash: string;
  asOf: string;
  base: string;
  site: string;
  siteWide: boolean;
  provinces: string[];
  files: number;
  seconds: number;
}

const shardDir = (k: number, n: number) => join(shardsDir, `${k}-of-${n}`);

/**
 * Astro keeps a build's prerender chunks in <outDir>/.prerender/, but in ./.astro/ for an outDir outside the project,
 * where shards built at the same time would delete each other's.
 */
function checkShardsDir(): void {
  if (!shardsDir.startsWith(process.cwd() + sep)) {
    throw new Error(
      `SHARDS_DIR 应在项目目录 ${process.cwd()} 之内（收到 ${shardsDir}）：同时构建的分片会互相覆盖 Astro 的临时文件`,
    );
  }
}

function run(args: string[], env: NodeJS.ProcessEnv, label?: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', label ? 'pipe' : 'inherit', 'inherit'],
    });
    if (label && child.stdout) {
      createInterface({ input: child.stdout }).on('line', (line) => console.log(`[${label}] ${line}`));
    }
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0
        ? done()
        : fail(new Error(`${label ? `${label}：` : ''}${args.join(' ')} 失败（退出码 ${code}）`)),
    );
  });
}

const validate = () => run(['scripts/validate.ts', '--for-build', '--quiet'], {});
const astroBuild = (out: string, env: NodeJS.ProcessEnv, label?: string) =>
  run(['node_modules/astro/bin/astro.mjs', 'build', '--outDir', out], env, label);

function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 20);
}

function parseShard(text: string | undefined): { k: number; n: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text ?? '');
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || k < 1 || k > n) throw new Error(`--shard 应写作 K/N（1 ≤ K ≤ N），收到“${text ?? ''}”`);
  return { k, n };
}

/**
 * A shard that does not render the site-wide pages still gets Astro's pages without parameters (home, about, …) and
 * the public/ files: they belong to the site-wide shard, so they are removed. Pages of other shards' institutions
 * or regions are kept, so that the merge sees a scoping mistake instead of hiding it.
 */
function pruneSiteWide(dir: string): void {
  const site = getSite();
  for (const file of filesUnder(dir)) {
    const [top, second] = file.split('/');
    const own =
      top === '_astro' ||
      (top === 'institutions' && site.institutionById.has(second ?? '')) ||
      (top === 'regions' && site.regions.has(second ?? ''));
    if (!own) rmSync(join(dir, file));
  }
  const removeEmpty = (d: string): boolean => {
    const left = readdirSync(d, { withFileTypes: true }).filter(
      (e) => !(e.isDirectory() && removeEmpty(join(d, e.name))),
    );
    if (left.length === 0 && d !== dir) rmSync(d, { recursive: true });
    return left.length === 0;
  };
  removeEmpty(dir);
}

async function renderShard(
  k: number,
  plan: ShardPlan,
  dataHash: string,
  label?: string,
): Promise<ShardManifest> {
  const started = performance.now();
  const n = plan.shards.length;
  checkShardsDir();
  const dir = shardDir(k, n);
  const out = join(dir, 'dist');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const scope: BuildScopeFile = shardScope(getSite(), plan, k);
  const scopeFile = join(dir, 'scope.json');
  writeFileSync(scopeFile, JSON.stringify(scope));
  await astroBuild(out, { BUILD_SCOPE: scopeFile, OUT_DIR: out }, label);
  if (!scope.siteWide) pruneSiteWide(out);
  const s = plan.shards[k - 1] as ShardPlan['shards'][number];
  const manifest: ShardManifest = {
    shard: k,
    of: n,
    dataHash,
    asOf: getSite().asOf,
    base,
    site: siteUrl,
    siteWide: s.siteWide,
    provinces: s.provinces,
    files: filesUnder(out).length,
    seconds: (performance.now() - started) / 1000,
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function readManifests(): ShardManifest[] {
  const dirs = existsSync(shardsDir) ? readdirSync(shardsDir).filter((d) => /^\d+-of-\d+$/.test(d)) : [];
  if (dirs.length === 0)
    throw new Error(`合并失败：${shardsDir} 下没有分片（先运行 npm run build -- --shard K/N）`);
  const manifests = dirs.map((d) => {
    const file = join(shardsDir, d, 'manifest.json');
    if (!existsSync(file)) throw new Error(`合并失败：分片 ${d} 没有 manifest.json（未构建完成？）`);
    const m = JSON.parse(readFileSync(file, 'utf8')) as ShardManifest;
    if (`${m.shard}-of-${m.of}` !== d) throw new Error(`合并失败：${file} 写的是分片 ${m.shard}/${m.of}`);
    return m;
  });
  const counts = [...new Set(manifests.map((m) => m.of))].sort((a, b) => a - b);
  if (counts.length > 1)
    throw new Error(`合并失败：${shardsDir} 下混有不同分片数的构建（N = ${counts.join('、')}）`);
  const n = counts[0] as number;
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter(
    (k) => !manifests.some((m) => m.shard === k),
  );
  if (missing.length) {
    throw new Error(`合并失败：缺少分片 ${missing.map((k) => `${k}/${n}`).join('、')}（应有 ${n} 个）`);
  }
  manifests.sort((a, b) => a.shard - b.shard);
  const first = manifests[0] as ShardManifest;
  for (const m of manifests) {
    for (const key of ['dataHash', 'asOf', 'base', 'site'] as const) {
      if (m[key] !== first[key]) {
        throw new Error(
          `合并失败：分片 ${m.shard}/${n} 与分片 1/${n} 的 ${key} 不同（${m[key]} 与 ${first[key]}）：它们不是同一数据、截至日期和站点地址的构建`,
        );
      }
    }
  }
  return manifests;
}

function sameBytes(a: string, b: string): boolean {
  return readFileSync(a).equals(readFileSync(b));
}

/**
 * Joins the shards into OUT_DIR and removes them; returns the number of files. Files are moved, not copied or linked:
 * deleting a 10k register's 25,000 files took a minute on the 2-core machine, and moving them leaves nothing to
 * delete but the old OUT_DIR, as a one-process build does. The shard with the most files becomes the output in one
 * rename; the others move in folder by folder (move-tree-fs.ts).
 */
function merge(): number {
  const manifests = readManifests();
  const n = manifests.length;
  const owner = new Map<string, number>();
  const overlaps: string[] = [];
  for (const m of manifests) {
    const dir = join(shardDir(m.shard, n), 'dist');
    for (const file of filesUnder(dir)) {
      const other = owner.get(file);
      if (other === undefined) owner.set(file, m.shard);
      else if (!file.startsWith('_astro/')) overlaps.push(`${file}（分片 ${other}/${n} 与 ${m.shard}/${n}）`);
      else if (!sameBytes(join(shardDir(other, n), 'dist', file), join(dir, file))) {
        overlaps.push(`${file}（分片 ${other}/${n} 与 ${m.shard}/${n} 的内容不同）`);
      }
    }
  }
  if (overlaps.length) {
    throw new Error(
      `合并失败：${overlaps.length} 个文件由两个分片写出，分片应互不重叠：\n  ${overlaps.slice(0, 10).join('\n  ')}`,
    );
  }
  const next = `${outDir}.merging`;
  rmSync(next, { recursive: true, force: true });
  const largestFirst = [...manifests].sort((a, b) => b.files - a.files || a.shard - b.shard);
  for (const m of largestFirst) {
    const dir = join(shardDir(m.shard, n), 'dist');
    if (!existsSync(next)) {
      try {
        renameSync(dir, next);
        continue;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
        mkdirSync(next, { recursive: true });
      }
    }
    // A file two shards wrote is an /_astro/ asset whose bytes were found equal above.
    moveInto(dir, next, () => {});
  }
  writeFileSync(
    join(next, '_headers'),
    renderHeadersFile(headerRules([...owner.keys()], manifests[0]?.base)),
  );
  rmSync(outDir, { recursive: true, force: true });
  renameSync(next, outDir);
  for (const m of manifests) rmSync(shardDir(m.shard, n), { recursive: true, force: true });
  return owner.size + 1;
}

/** Removes OUT_DIR, off the main thread: renamed aside at once, then deleted. */
async function clearOutput(): Promise<void> {
  if (!existsSync(outDir)) return;
  const old = `${outDir}.previous`;
  await rm(old, { recursive: true, force: true });
  renameSync(outDir, old);
  await rm(old, { recursive: true, force: true });
}

/**
 * The pages a shard should have before one more Astro process may pay for itself: each process starts Astro and Vite
 * and reads the whole data, 10–15 s on the 2-core machine, about what 5,000 pages take to render. Measured there with
 * two processes: the demo register (~1,000 pages) built 1.8–2.4× slower; at 10k the rendering split well but the
 * loaded machine had no idle core to give (docs/scaling.md, "Shards").
 */
const MIN_SHARD_PAGES = 5_000;

/** BUILD_JOBS, or one process per core and per MIN_SHARD_PAGES; never more than the provinces and the site-wide one. */
function shardCount(): number {
  const site = getSite();
  const most = site.provinces.length + 1;
  if (process.env.BUILD_JOBS) {
    const jobs = Number(process.env.BUILD_JOBS);
    if (!Number.isInteger(jobs) || jobs < 1)
      throw new Error(`BUILD_JOBS 应为正整数，收到 ${process.env.BUILD_JOBS}`);
    return Math.min(jobs, most);
  }
  const pages = plan(1).shards[0]?.weight ?? 0;
  return Math.max(1, Math.min(availableParallelism(), most, Math.floor(pages / MIN_SHARD_PAGES)));
}

function plan(n: number): ShardPlan {
  return planShards(getSite(), n, siteConfig.pageSize);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const started = performance.now();
  if (args.includes('--merge')) {
    const files = merge();
    console.log(
      `合并：${files} 个文件写入 ${outDir}，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`,
    );
    return;
  }
  const shardArg = args.indexOf('--shard');
  if (shardArg >= 0) {
    const { k, n } = parseShard(args[shardArg + 1]);
    if (!args.includes('--no-validate')) await validate();
    const m = await renderShard(k, plan(n), fileHash(dataPath()));
    console.log(
      `分片 ${k}/${n}：${m.siteWide ? '全站页面及' : ''}${m.provinces.length} 个省份，${m.files} 个文件，用时 ${m.seconds.toFixed(1)} 秒`,
    );
    return;
  }
  if (args.length)
    throw new Error(`不认识的参数：${args.join(' ')}（可用 --shard K/N [--no-validate]、--merge）`);

  await validate();
  const validated = performance.now();
  const n = shardCount();
  let shards: ShardManifest[] = [];
  if (n === 1) {
    await astroBuild(outDir, {});
  } else {
    const p = plan(n);
    const dataHash = fileHash(dataPath());
    rmSync(shardsDir, { recursive: true, force: true });
    // The previous output goes while the shards render: deleting 240,000 files took 50 s of a 100k build's merge.
    // A failed build leaves no output, as Astro's own does.
    const clearing = clearOutput();
    shards = await Promise.all(
      p.shards.map((s) => renderShard(s.shard, p, dataHash, `分片 ${s.shard}/${n}`)),
    );
    await clearing;
  }
  const rendered = performance.now();
  if (n > 1) merge();
  const seconds = (performance.now() - started) / 1000;
  const timings = {
    shards: n,
    validateSeconds: (validated - started) / 1000,
    renderSeconds: (rendered - validated) / 1000,
    shardSeconds: shards.map((m) => m.seconds),
    mergeSeconds: (performance.now() - rendered) / 1000,
    seconds,
  };
  if (process.env.BUILD_TIMINGS_FILE) writeFileSync(process.env.BUILD_TIMINGS_FILE, JSON.stringify(timings));
  if (n > 1) {
    console.log(
      `分片构建：${n} 个进程（${shards.map((m) => `${m.shard}/${n} ${m.seconds.toFixed(1)} 秒`).join('，')}），` +
        `合并 ${timings.mergeSeconds.toFixed(1)} 秒；共 ${seconds.toFixed(1)} 秒`,
    );
  }
}

try {
  await main();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
