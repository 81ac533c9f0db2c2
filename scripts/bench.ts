/**
 * npm run bench [-- --sizes 1000,10000,100000] [--skip-build] [--readers-only] [--reader-rows 5000]
 *
 * First, rows per second per published format (notice page, .xls, .docx, PDF) against CSV in the same run
 * (scripts/bench-readers.ts).
 *
 * For each size N: generates N institutions and N penalties (npm run sample, seeded), then measures every phase in
 * its own process — parse-only baseline, validate, the full Astro build (pages, downloads, feeds, search index, map
 * data), the template-writer baseline, an incremental rebuild after one changed source, and the sharded build (one
 * Astro process per core) — and prints a table.
 * Figures are reported as ratios to baselines measured in the same run: this machine is shared and noisy.
 * Writes reports/bench.json. Reads AS_OF like every command (default today).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveAsOf } from '../src/lib/ingest/as-of.ts';
import { benchReaders } from './bench-readers.ts';
import type { SearchRun } from './bench-search.ts';

const argv = process.argv.slice(2);
const opt = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const sizes = (opt('--sizes') ?? '1000,10000,100000').split(',').map(Number);
const skipBuild = argv.includes('--skip-build');
const readers = await benchReaders(Number(opt('--reader-rows') ?? 5000));
console.table(readers);
if (argv.includes('--readers-only')) {
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/bench-readers.json', `${JSON.stringify({ readers }, null, 1)}\n`);
  process.exit(0);
}
const asOf = resolveAsOf(process.env.AS_OF);
const root = resolve('.cache/bench');
const node = process.execPath;
const hasTime = existsSync('/usr/bin/time');

interface Run {
  seconds: number;
  maxRssMb: number | null;
  /** User and system CPU seconds of the whole process tree. */
  cpuSeconds: number | null;
  stdout: string;
}

/**
 * Runs a command in its own process; wall time, peak RSS (of the largest process in the tree) and CPU time via GNU
 * time.
 */
function run(cmd: string, args: string[], env: Record<string, string> = {}): Run {
  const timeFile = join(root, '.time');
  const full = hasTime ? ['/usr/bin/time', ['-f', '%e %M %U %S', '-o', timeFile, cmd, ...args]] : [cmd, args];
  const started = performance.now();
  const r = spawnSync(full[0] as string, full[1] as string[], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const wall = (performance.now() - started) / 1000;
  if (r.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr?.slice(-4000)}\n${r.stdout?.slice(-2000)}`,
    );
  }
  let maxRssMb: number | null = null;
  let cpuSeconds: number | null = null;
  let seconds = wall;
  if (hasTime) {
    const [s, kb, user, sys] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-4).map(Number);
    seconds = s ?? wall;
    maxRssMb = kb ? kb / 1024 : null;
    cpuSeconds = user !== undefined && sys !== undefined ? user + sys : null;
  }
  return { seconds, maxRssMb, cpuSeconds, stdout: r.stdout };
}

function walk(dir: string): {
  files: number;
  bytes: number;
  html: number;
  htmlBytes: number;
  instBytes: number;
  instPages: number;
} {
  const out = { files: 0, bytes: 0, html: 0, htmlBytes: 0, instBytes: 0, instPages: 0 };
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop() as string;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else {
        const size = statSync(p).size;
        out.files++;
        out.bytes += size;
        if (e.name.endsWith('.html')) {
          out.html++;
          out.htmlBytes += size;
          if (p.includes('/institutions/') && /\/institutions\/[^/]+\/index\.html$/.test(p)) {
            out.instPages++;
            out.instBytes += size;
          }
        }
      }
    }
  }
  return out;
}

const results: Array<Record<string, unknown>> = [];

for (const n of sizes) {
  const dir = join(root, `n${n}`);
  const dataDir = join(dir, 'data');
  const cacheDir = join(dir, 'cache');
  const distDir = join(dir, 'dist');
  const marker = join(dataDir, 'expect-summary.json');
  mkdirSync(dir, { recursive: true });
  let generated: Run | null = null;
  if (!existsSync(marker) || JSON.parse(readFileSync(marker, 'utf8')).asOf !== asOf) {
    generated = run(node, [
      'scripts/sample.ts',
      '--institutions',
      String(n),
      '--penalties',
      String(n),
      '--seed',
      '1',
      '--out',
      dataDir,
      '--as-of',
      asOf,
      '--force',
    ]);
  }
  const env = { DATA_DIR: dataDir, AS_OF: asOf, CACHE_DIR: cacheDir, REPORTS_DIR: join(dir, 'reports') };
  const baseline = run(node, ['scripts/bench/parse-baseline.ts'], env);
  const base = JSON.parse(baseline.stdout.trim().split('\n').pop() as string) as { rows: number };
  // Validate on one thread first, the baseline of the run on every core (VALIDATE_JOBS; ingest-threads-fs.ts) that
  // follows and leaves the cache the build reads.
  rmSync(cacheDir, { recursive: true, force: true });
  const validateOneThread = run(node, ['scripts/validate.ts', '--for-build', '--quiet'], {
    ...env,
    VALIDATE_JOBS: '1',
  });
  rmSync(cacheDir, { recursive: true, force: true });
  const validate = run(node, ['scripts/validate.ts', '--for-build', '--quiet'], env);
  const report = JSON.parse(readFileSync(join(dir, 'reports', 'validation.json'), 'utf8')) as {
    totals: { rows: number };
  };
  const rows = report.totals.rows;
  const row: Record<string, unknown> = {
    size: n,
    rows,
    generateSeconds: generated?.seconds ?? null,
    parseBaseline: { seconds: baseline.seconds, maxRssMb: baseline.maxRssMb, physicalRows: base.rows },
    validate: {
      seconds: validate.seconds,
      maxRssMb: validate.maxRssMb,
      rowsPerSecond: Math.round(rows / validate.seconds),
      ratioToBaseline: validate.seconds / baseline.seconds,
      oneThreadSeconds: validateOneThread.seconds,
      ratioToOneThread: validate.seconds / validateOneThread.seconds,
      coresUsed: validate.cpuSeconds === null ? null : validate.cpuSeconds / validate.seconds,
    },
  };
  if (!skipBuild) {
    // The full build as `npm run build` does it (validate from a warm cache, then Astro with the search index,
    // downloads, feeds and map data), through scripts/build.ts so that the incremental run below has its state.
    rmSync(distDir, { recursive: true, force: true });
    const timings = join(dir, 'timings.json');
    const buildEnv = { ...env, OUT_DIR: distDir, BUILD_TIMINGS_FILE: timings, BUILD_TIMINGS_DIR: dir };
    const build = run(node, ['scripts/build.ts'], buildEnv);
    const t = JSON.parse(readFileSync(timings, 'utf8')) as { astroSeconds: number; validateSeconds: number };
    const phases = JSON.parse(readFileSync(join(dir, 'astro-timings.json'), 'utf8')) as {
      pagesSeconds: number;
      searchSeconds: number;
    };
    const d = walk(distDir);
    const avgInst = d.instPages ? Math.round(d.instBytes / d.instPages) : 4000;
    const avgHtml = d.html ? Math.round(d.htmlBytes / d.html) : 4000;
    // The same number of pages as Astro wrote: one per institution at the institution pages' average size, the
    // rest at the average size of the other pages.
    const otherPages = d.html - d.instPages;
    const writer = run(node, [
      'scripts/bench/template-writer.ts',
      join(cacheDir, 'data.json'),
      join(dir, 'template'),
      String(avgInst),
      String(otherPages),
      String(otherPages ? Math.round((d.htmlBytes - d.instBytes) / otherPages) : 0),
    ]);
    rmSync(join(dir, 'template'), { recursive: true, force: true });
    const searchIndex = existsSync(join(distDir, 'pagefind')) ? walk(join(distDir, 'pagefind')) : null;
    row.build = {
      seconds: t.astroSeconds,
      maxRssMb: build.maxRssMb,
      pages: d.html,
      pagesPerSecond: Math.round(d.html / t.astroSeconds),
      distBytes: d.bytes,
      distFiles: d.files,
      avgInstitutionPageBytes: avgInst,
      avgPageBytes: avgHtml,
      pagesSeconds: phases.pagesSeconds,
      searchSeconds: phases.searchSeconds,
      searchIndexBytes: searchIndex?.bytes ?? null,
      searchIndexFiles: searchIndex?.files ?? null,
    };
    row.templateWriter = {
      seconds: writer.seconds,
      maxRssMb: writer.maxRssMb,
      pages: d.html,
      ratioAstroToWriter: t.astroSeconds / writer.seconds,
      ratioPagesToWriter: phases.pagesSeconds / writer.seconds,
    };
    row.wholeBuildSeconds = validate.seconds + t.astroSeconds;

    // Incremental: one source changes (one line appended to its first CSV); the rest come from the caches.
    const changed = readdirSync(join(dataDir, 'sources'))
      .sort()
      .find(
        (s) =>
          s.includes('beian') && readdirSync(join(dataDir, 'sources', s)).some((f) => f.endsWith('.csv')),
      ) as string;
    const srcDir = join(dataDir, 'sources', changed);
    const csv = readdirSync(srcDir).find((f) => f.endsWith('.csv')) as string;
    const original = readFileSync(join(srcDir, csv));
    // A real change where the file is UTF-8 (one institution's service type), else a blank line.
    const text = original.toString('utf8');
    writeFileSync(
      join(srcDir, csv),
      !text.includes('\uFFFD') && text.includes('全日托')
        ? text.replace('全日托', '半日托')
        : Buffer.concat([original, Buffer.from('\n')]),
    );
    try {
      const inc = run(node, ['scripts/build.ts', '--incremental'], buildEnv);
      const ti = JSON.parse(readFileSync(timings, 'utf8')) as {
        rendered: number;
        keyed: number;
        institutionsRendered: number;
        validateSeconds: number;
        astroSeconds: number;
      };
      row.incremental = {
        changedSource: changed,
        seconds: inc.seconds,
        validateSeconds: ti.validateSeconds,
        astroSeconds: ti.astroSeconds,
        // Pages with a key (page-keys.ts) re-rendered, of all keyed pages; the others were kept.
        renderedPages: ti.rendered,
        keyedPages: ti.keyed,
        renderedInstitutionPages: ti.institutionsRendered,
        ratioToFull: inc.seconds / (validate.seconds + t.astroSeconds),
      };
    } finally {
      writeFileSync(join(srcDir, csv), original);
    }

    // Sharded: the build as `npm run build` runs it, one Astro process per core (scripts/build-shards.ts), against
    // the one-process Astro phase above. Cores used: CPU seconds of all its processes per second of wall time.
    const shardTimings = join(dir, 'shard-timings.json');
    const shardOut = { OUT_DIR: join(dir, 'dist-sharded'), SHARDS_DIR: join(dir, 'shards') };
    const sharded = run(node, ['scripts/build-shards.ts'], {
      ...env,
      ...shardOut,
      BUILD_TIMINGS_FILE: shardTimings,
    });
    const ts = JSON.parse(readFileSync(shardTimings, 'utf8')) as {
      shards: number;
      renderSeconds: number;
      mergeSeconds: number;
      shardSeconds: number[];
    };
    row.sharded = {
      shards: ts.shards,
      coresUsed: sharded.cpuSeconds === null ? null : sharded.cpuSeconds / sharded.seconds,
      seconds: ts.renderSeconds + ts.mergeSeconds,
      shardSeconds: ts.shardSeconds,
      mergeSeconds: ts.mergeSeconds,
      ratioToOneProcess: (ts.renderSeconds + ts.mergeSeconds) / t.astroSeconds,
      maxRssMb: sharded.maxRssMb,
    };
    for (const d of Object.values(shardOut)) rmSync(d, { recursive: true, force: true });

    for (const [name, file, fn] of [
      ['search', './bench-search.ts', 'benchSearch'],
      ['map', './bench-map.ts', 'benchMap'],
    ] as const) {
      if (!existsSync(resolve('scripts', file))) continue;
      const mod = (await import(file)) as Record<string, (o: { distDir: string }) => Promise<unknown>>;
      const f = mod[fn];
      if (f) row[name] = await f({ distDir });
    }
  }
  results.push(row);
  console.log(JSON.stringify(row));
}

const fmt = (v: unknown, digits = 2) => (typeof v === 'number' ? v.toFixed(digits) : '—');
const get = (r: Record<string, unknown>, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      r,
    );
/**
 * The first searches of every query kind (scripts/bench-search.ts): the most bytes and the slowest first results
 * from the page script's start, against the median plain fetch of the same files; the slowest typed search.
 */
function searchColumns(r: Record<string, unknown>): string[] {
  const runs = (get(r, 'search.runs') as SearchRun[] | undefined) ?? [];
  if (runs.length === 0) return ['—', '—', '—', '—'];
  const max = (f: (x: SearchRun) => number) => Math.max(...runs.map(f));
  const baselines = runs.map((x) => x.plainFetchMs).sort((a, b) => a - b);
  return [
    fmt(max((x) => x.firstResultsBytes) / 1024, 0),
    String(max((x) => x.fromScriptMs)),
    String(baselines[baselines.length >> 1]),
    String(max((x) => x.typedMs)),
  ];
}

const lines = [
  '',
  `基准测试（数据截止日 ${asOf}；每个阶段单独进程；比值以同一次运行中的基线为准）`,
  [
    '规模',
    '行数',
    '解析基线 s',
    '校验 s',
    '行/秒',
    '×基线',
    '校验 RSS MB',
    '校验单线程 s',
    '×单线程',
    '校验用核',
    'Astro s',
    '其中页面 s',
    '其中搜索索引 s',
    '页/秒',
    '写页基线 s',
    '×基线',
    '页面×基线',
    'Astro RSS MB',
    '全程 s',
    'dist MB',
    '文件数',
    '增量比',
    '增量重建页面',
    '分片数',
    '用核',
    '分片 s',
    '×单进程',
    '各分片 s',
    '首搜 KB（最大）',
    '首批结果 ms（自脚本，最慢）',
    '同样文件基线 ms',
    '输入后回车 ms（最慢）',
    '地图首绘 ms',
    '×无预聚类',
    '地图可操作 ms',
  ].join(' | '),
];
for (const r of results) {
  lines.push(
    [
      r.size,
      r.rows,
      fmt(get(r, 'parseBaseline.seconds')),
      fmt(get(r, 'validate.seconds')),
      get(r, 'validate.rowsPerSecond'),
      fmt(get(r, 'validate.ratioToBaseline')),
      fmt(get(r, 'validate.maxRssMb'), 0),
      fmt(get(r, 'validate.oneThreadSeconds')),
      fmt(get(r, 'validate.ratioToOneThread')),
      fmt(get(r, 'validate.coresUsed'), 1),
      fmt(get(r, 'build.seconds')),
      fmt(get(r, 'build.pagesSeconds')),
      fmt(get(r, 'build.searchSeconds')),
      get(r, 'build.pagesPerSecond') ?? '—',
      fmt(get(r, 'templateWriter.seconds')),
      fmt(get(r, 'templateWriter.ratioAstroToWriter')),
      fmt(get(r, 'templateWriter.ratioPagesToWriter')),
      fmt(get(r, 'build.maxRssMb'), 0),
      fmt(get(r, 'wholeBuildSeconds')),
      fmt(
        (get(r, 'build.distBytes') as number | undefined) && (get(r, 'build.distBytes') as number) / 1048576,
        1,
      ),
      get(r, 'build.distFiles') ?? '—',
      fmt(get(r, 'incremental.ratioToFull')),
      get(r, 'incremental.keyedPages') === undefined
        ? '—'
        : `${get(r, 'incremental.renderedPages')}/${get(r, 'incremental.keyedPages')}`,
      get(r, 'sharded.shards') ?? '—',
      fmt(get(r, 'sharded.coresUsed'), 1),
      fmt(get(r, 'sharded.seconds')),
      fmt(get(r, 'sharded.ratioToOneProcess')),
      ((get(r, 'sharded.shardSeconds') as number[] | undefined) ?? []).map((x) => x.toFixed(1)).join('/') ||
        '—',
      ...searchColumns(r),
      fmt(get(r, 'map.firstRenderMs'), 0),
      fmt(get(r, 'map.ratioToWithoutOverview')),
      fmt(get(r, 'map.readyMs'), 0),
    ].join(' | '),
  );
}
console.log(lines.join('\n'));
mkdirSync('reports', { recursive: true });
writeFileSync('reports/bench.json', `${JSON.stringify({ asOf, sizes, readers, results }, null, 1)}\n`);
