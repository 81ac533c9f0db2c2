/**
 * validate and the whole build over one data directory holding every defect class of issue 13 at once: the
 * robustness fixtures (test/fixtures/bad), inputs made here (a 10-million-character cell, a far cell with a
 * whole-sheet merge on the exceljs path, 100,000-deep JSON, links out of DATA_DIR, a FIFO, folder names with ? and #)
 * and a CSV with quotes and invisible characters put in at places drawn afresh on every run (ROBUST_SEED repeats one).
 * Nothing crashes or hangs, every row is accounted for, and the site shows the correction and nothing oversized.
 */
import { type ExecFileSyncOptions, execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ValidationReport } from '../../src/lib/domain/schemas.ts';
import { MAX_CELL_CHARS } from '../../src/lib/ingest/limits.ts';
import { COMPANION_ID, IGNORABLES } from '../fixtures/bad/generate.ts';
import { editedWorkbook, farCellMerge } from '../fixtures/write-zip.ts';
import { listFiles } from './helpers/dist-files.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const AS_OF = '2026-11-24';
const SEED = Number(process.env.ROBUST_SEED ?? Date.now() % 1_000_000);
const work = mkdtempSync(join(tmpdir(), 'robust-site-'));
const data = join(work, 'data');
const dist = join(work, 'dist');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FIXTURES = [
  'csv-stray-quote',
  'csv-unterminated-quote',
  'json-non-object-elements',
  'xlsx-duplicate-row-numbers',
  'xlsx-far-cell-merge',
  'manifest-region-not-in-gbt2260',
  'blacklist-removed-before-listed',
  'beian-same-day-zhuxiao',
  'penalty-republished-corrected',
  'penalty-ambiguous-name',
  'blacklist-ambiguous-name',
  'invisible-characters-name',
];

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const manifest = (...files: string[]) =>
  `kind: institutions\nsector: childcare\nlist: 备案\npublisher: 武汉市东西湖区卫生健康局\ntitle: 名单\npublished: 2024-05-01\nregion: "420112"\nfiles: ${JSON.stringify(files)}\n`;

function source(id: string, files: Record<string, string | Uint8Array>) {
  mkdirSync(join(data, 'sources', id), { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(data, 'sources', id, name), bytes);
}

/** The environment of a child build, without what Vitest adds (a build inheriting BASE_URL or MODE goes wrong). */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      !/^(?:VITEST|VITE_|BASE_URL$|MODE$|DEV$|PROD$|SSR$|NODE_ENV$|TEST$|SITE_DATA$|CACHE_DIR$|OUT_DIR$)/.test(
        k,
      )
    )
      env[k] = v;
  }
  return {
    ...env,
    DATA_DIR: data,
    AS_OF,
    CACHE_DIR: join(work, 'cache'),
    REPORTS_DIR: join(work, 'reports'),
    PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
  };
}

let validate: ReturnType<typeof spawnSync>;

beforeAll(async () => {
  // Every fixture's sources in one directory; the companion once.
  for (const defect of FIXTURES) {
    const from = join(ROOT, 'test/fixtures/bad', defect, 'sources');
    // Fixtures name their sources alike (wuhan-xzcf, dxh-xzcf): each keeps its own under a prefix.
    for (const id of readdirSync(from)) {
      const to = id === COMPANION_ID ? id : `${defect}-${id}`;
      cpSync(join(from, id), join(data, 'sources', to), { recursive: true });
    }
  }
  expect(readdirSync(join(data, 'sources'))).toContain(COMPANION_ID);

  source('cell-10-million', {
    'source.yml': manifest('名单.csv'),
    '名单.csv': `机构名称,地址,备案日期\n武汉市东西湖区超长托育中心,${'很'.repeat(10_000_000)},2023-05-10\n武汉市东西湖区正常长度托育中心,金银湖路1号,2023-05-10\n`,
  });
  source('json-nested-100000', {
    'source.yml': manifest('名单.json'),
    '名单.json': `[{"机构名称":"武汉市东西湖区深层托育中心","备注":${'['.repeat(100_000)}${']'.repeat(100_000)}}]`,
  });
  source('xlsx-fallback-far-merge', {
    'source.yml': manifest('名单.xlsx'),
    '名单.xlsx': await editedWorkbook(
      [
        ['机构名称', '备案日期'],
        ['武汉市东西湖区回退托育中心', '2023-05-10'],
      ],
      farCellMerge(true),
    ),
  });
  for (const id of ['a?b', 'c#d', 'x%2e', 'y%20z', 'Upper']) {
    source(id, {
      'source.yml': manifest('名单.csv'),
      '名单.csv': '机构名称,备案日期\n目录名有误托育中心,2023-05-10\n',
    });
  }
  const outside = join(work, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, '外部.csv'), '机构名称,备案日期\n数据目录以外的机构,2023-05-10\n');
  source('links', {
    'source.yml': manifest('链出.csv', '零设备.csv', '管道.csv', '断链.csv', '本身.csv'),
    '本身.csv': '机构名称,备案日期\n武汉市东西湖区链接本身托育中心,2023-05-10\n',
  });
  const links = join(data, 'sources', 'links');
  symlinkSync(join(outside, '外部.csv'), join(links, '链出.csv'));
  symlinkSync('/dev/zero', join(links, '零设备.csv'));
  execFileSync('mkfifo', [join(links, '管道.csv')]);
  symlinkSync(join(links, '无.csv'), join(links, '断链.csv'));

  // Drawn afresh: quotes and invisible characters at random places of a 40-row list.
  const rand = random(SEED);
  const rows = Array.from({ length: 40 }, (_, i) => [
    String(i + 1),
    `武汉市东西湖区随机${i + 1}号托育中心`,
    '',
    '2023-05-10',
  ]);
  for (let k = 0; k < 3; k++) {
    const row = rows[Math.floor(rand() * rows.length)] as string[];
    const cell = row[1] as string;
    const at = Math.floor(rand() * (cell.length + 1));
    row[1] = `${cell.slice(0, at)}${['"', '""', ',"'][Math.floor(rand() * 3)]}${cell.slice(at)}`;
  }
  for (let k = 0; k < 10; k++) {
    const row = rows[Math.floor(rand() * rows.length)] as string[];
    const cell = row[1] as string;
    const at = 1 + Math.floor(rand() * cell.length);
    row[1] = `${cell.slice(0, at)}${IGNORABLES[Math.floor(rand() * IGNORABLES.length)]}${cell.slice(at)}`;
  }
  source('random-quotes', {
    'source.yml': manifest('名单.csv'),
    '名单.csv': `序号,机构名称,统一社会信用代码,备案日期\n${rows.map((r) => r.join(',')).join('\n')}\n`,
  });

  const opts: ExecFileSyncOptions = {
    cwd: ROOT,
    env: childEnv(),
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 10 * 60_000,
  };
  validate = spawnSync('node', ['scripts/validate.ts', '--quiet'], {
    ...opts,
    encoding: 'utf8',
    stdio: 'pipe',
  });
  execFileSync('node', ['scripts/validate.ts', '--for-build', '--quiet'], opts);
  execFileSync('astro', ['build', '--outDir', dist], opts);
}, 15 * 60_000);

describe(`validate and build over every defect class at once (ROBUST_SEED=${SEED})`, () => {
  it('validate ends with exit 2 (sources unreadable), nothing on stderr', () => {
    expect(validate.stderr).toBe('');
    expect(validate.status).toBe(2);
  });

  it('every row is accounted for', () => {
    const report = JSON.parse(
      readFileSync(join(work, 'reports', 'validation.json'), 'utf8'),
    ) as ValidationReport;
    const t = report.totals;
    expect(t.published + t.merged + t.hidden + t.rejected).toBe(t.rows);
    for (const s of report.sources) expect(s.published + s.merged + s.hidden + s.rejected, s.id).toBe(s.rows);
    const random = report.sources.find((s) => s.id === 'random-quotes');
    expect(random?.rows).toBe(40);
    for (const p of report.problems) expect(p.message, p.code).toMatch(/\p{Script=Han}/u);
  });

  it('the site is built: the correction is on the institution page, nothing oversized or from outside', () => {
    const files = listFiles(dist);
    const page = files.find((f) => f.includes('institutions/91420112ma4k000106'));
    expect(page).toBeDefined();
    expect(readFileSync(page as string, 'utf8')).toContain('更正：罚款金额由');
    const longRun = new RegExp(`很{${MAX_CELL_CHARS + 1}}`);
    for (const f of files.filter((x) => /\.(?:html|json|csv|xml)$/.test(x))) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(longRun);
      expect(text, f).not.toContain('数据目录以外的机构');
    }
  });

  it('an uncoded black-list entry fitting two institutions has a page that links both and black-lists neither', () => {
    const coded = ['91420112ma4k00260n', '91420112ma4k00270p'];
    const entries = listFiles(join(dist, 'institutions'))
      .filter((f) => f.endsWith('index.html'))
      .map((f) => readFileSync(f, 'utf8'))
      .filter((html) => html.includes('data-same-name'));
    expect(entries).toHaveLength(1);
    for (const id of coded) {
      expect(entries[0]).toContain(`href="/institutions/${id}/"`);
      const page = readFileSync(join(dist, 'institutions', id, 'index.html'), 'utf8');
      expect(page).not.toContain('data-same-name');
      expect(page).not.toContain('列入黑名单');
    }
  });
});
