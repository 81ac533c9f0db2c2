/**
 * Running one's own register: a fresh copy of the project with only its own config and its own data/sources, each
 * source scaffolded by `npm run new-source` from flags (files filled in from the published templates), validates
 * with nothing rejected, builds, and the built site carries the agency's name, a page per institution, the change
 * log, the server headers and no broken internal link.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateSpec } from '../../src/lib/site/template-spec.ts';
import { templateCsv } from '../../src/lib/site/write-template.ts';
import { filledRow } from '../unit/template-fill.ts';
import { ROOT } from './helpers/build.ts';
import { links, listFiles, pagePath, resolvesInDist } from './helpers/dist-files.ts';

const NODE = join(ROOT, 'node_modules/.bin/node');
const AS_OF = '2026-11-24';
let project = '';
let files = '';

/** The environment of a command run by someone in the copy: no test runner variables leaking in. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      !/^(?:VITEST|VITE_|BASE_URL$|MODE$|DEV$|PROD$|SSR$|NODE_ENV$|TEST$|SITE_DATA$|CACHE_DIR$|DATA_DIR$|AS_OF$|OUT_DIR$|REPORTS_DIR$|BASE_PATH$|SITE_URL$)/.test(
        k,
      )
    )
      out[k] = v;
  }
  return { ...out, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`, ...extra };
}

function newSource(args: string[]) {
  return spawnSync(NODE, ['scripts/new-source.ts', ...args], { cwd: project, env: env(), encoding: 'utf8' });
}

const CONFIG = `export default {
  name: '示例县托育机构名录',
  publisher: '示例县卫生健康局',
  regionScope: '湖北省武汉市',
  contact: { email: 'tuoyu@example.gov.cn', url: null },
  licence: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/deed.zh-hans', note: '' },
  url: 'https://register.example.gov.cn',
  basePath: '/',
  asOf: '${AS_OF}',
  tiles: null,
};
`;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'fresh-register-'));
  for (const p of ['src', 'scripts', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    cpSync(join(ROOT, p), join(project, p), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
  writeFileSync(join(project, 'site.config.mjs'), CONFIG);
  files = mkdtempSync(join(tmpdir(), 'notice-files-'));
  const inst = templateSpec('institutions');
  writeFileSync(join(files, '附件1.csv'), `${templateCsv(inst)}${filledRow(inst).join(',')}\r\n`);
  const pen = templateSpec('penalties');
  writeFileSync(join(files, '行政处罚.csv'), `${templateCsv(pen)}`);
}, 60_000);

afterAll(() => {
  for (const d of [project, files]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('a fresh project', () => {
  it('new-source scaffolds each notice from flags, copying its files unchanged', () => {
    const common = ['--sector', 'childcare', '--publisher', '武汉市卫生健康委员会', '--region', '武汉市'];
    const a = newSource([
      '--id',
      'wh-tuoyu-beian-2024',
      '--kind',
      'institutions',
      '--list',
      '备案',
      '--batch',
      '1',
      ...common,
      '--title',
      '关于公布托育机构备案名单的通知',
      '--published',
      '2024-06-28',
      '--file',
      join(files, '附件1.csv'),
    ]);
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
    const b = newSource([
      '--id',
      'wh-xzcf-2024',
      '--kind',
      'penalties',
      ...common,
      '--title',
      '行政处罚信息公示',
      '--published',
      '2024-06-28',
      '--document-number',
      '武卫〔2024〕1号',
      '--file',
      join(files, '行政处罚.csv'),
    ]);
    expect(b.status).toBe(0);
    const dir = join(project, 'data/sources/wh-tuoyu-beian-2024');
    expect(readFileSync(join(dir, '附件1.csv'))).toEqual(readFileSync(join(files, '附件1.csv')));
    expect(readFileSync(join(dir, 'source.yml'), 'utf8')).toContain('region: "420100"');
  });

  it('new-source refuses what the manifest check refuses, and an existing source, writing nothing', () => {
    const bad = newSource([
      '--id',
      'wh-bad',
      '--kind',
      'institutions',
      '--sector',
      'childcare',
      '--publisher',
      'x',
      '--title',
      'x',
      '--published',
      '2024-02-30',
      '--region',
      '朝阳区',
      '--file',
      join(files, '附件1.csv'),
    ]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('朝阳区');
    expect(bad.stderr).toContain('2024-02-30');
    expect(bad.stderr).toContain('list');
    expect(existsSync(join(project, 'data/sources/wh-bad'))).toBe(false);
    const again = newSource([
      '--id',
      'wh-xzcf-2024',
      '--kind',
      'penalties',
      '--sector',
      'childcare',
      '--publisher',
      'x',
      '--title',
      'x',
      '--published',
      '2024-06-28',
      '--region',
      '420100',
      '--file',
      join(files, '行政处罚.csv'),
    ]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('已存在');
  });

  it('validates with nothing rejected and no problem', () => {
    const r = spawnSync('npm', ['run', 'validate'], { cwd: project, env: env(), encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(project, 'reports/validation.json'), 'utf8')) as {
      asOf: string;
      totals: { rows: number; rejected: number };
      problems: unknown[];
    };
    expect(report.problems).toEqual([]);
    expect(report.totals).toMatchObject({ rows: 3, rejected: 0 });
    // No AS_OF in the environment: the date fixed in site.config.mjs.
    expect(report.asOf).toBe(AS_OF);
  });

  it('builds a site of its own with no broken internal link', () => {
    execFileSync('npm', ['run', 'build'], {
      cwd: project,
      env: env(),
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 600_000,
    });
    const dist = join(project, 'dist');
    const home = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(home).toContain('示例县托育机构名录');
    expect(home).not.toContain('托育与母婴护理机构公示名录');
    expect(existsSync(join(dist, 'institutions/91420112ma4kxxxx1w/index.html'))).toBe(true);
    expect(readFileSync(join(dist, 'updates/index.html'), 'utf8')).toContain('data-change=');
    expect(readFileSync(join(dist, '_headers'), 'utf8')).toContain('/feeds/*');
    const broken: string[] = [];
    for (const file of listFiles(dist, '.html')) {
      for (const url of links(readFileSync(file, 'utf8'))) {
        if (url.startsWith('/') && !url.startsWith('//') && !resolvesInDist(dist, '/', url))
          broken.push(`${pagePath(dist, file)} → ${url}`);
      }
    }
    expect(broken).toEqual([]);
  }, 600_000);
});
