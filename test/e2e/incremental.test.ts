/**
 * An incremental build after one changed source renders only the institution pages that changed, and its dist/ is
 * byte-identical to a full build of the same data.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STATUS_INFO } from '../../src/lib/site/labels.ts';
import { listFiles } from './helpers/dist-files.ts';

const work = mkdtempSync(join(tmpdir(), 'incremental-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function build(outDir: string, incremental: boolean, cacheDir: string): string {
  return execFileSync(process.execPath, ['scripts/build.ts', ...(incremental ? ['--incremental'] : [])], {
    env: {
      ...process.env,
      DATA_DIR: join(work, 'data'),
      AS_OF: '2026-11-24',
      CACHE_DIR: cacheDir,
      OUT_DIR: outDir,
      REPORTS_DIR: join(work, 'reports'),
    },
    encoding: 'utf8',
  });
}

function tree(dir: string): Map<string, string> {
  return new Map(
    listFiles(dir).map((f) => [
      f.slice(dir.length),
      createHash('sha256').update(readFileSync(f)).digest('hex'),
    ]),
  );
}

describe('incremental build', () => {
  it('re-renders only changed institution pages and ends byte-identical to a full build', () => {
    cpSync('test/fixtures/samples', join(work, 'data'), { recursive: true });
    const inc = join(work, 'dist');
    expect(build(inc, true, join(work, 'cache'))).toContain('完整构建');

    const list = join(work, 'data/sources/kaili-tuoyu-heimingdan/黑名单.csv');
    writeFileSync(list, readFileSync(list, 'utf8').replace('2024-03-01,2025-03-01', '2024-03-01,'));
    const log = build(inc, true, join(work, 'cache'));
    expect(log).toContain('增量构建');
    expect(log).toContain('缓存命中 10 个来源，重新读取 1 个');
    const m = /机构页面 (\d+)\/(\d+)/.exec(log);
    expect(Number(m?.[1])).toBeGreaterThan(0);
    expect(Number(m?.[1])).toBeLessThan(Number(m?.[2]));

    const full = join(work, 'full');
    build(full, false, join(work, 'cache-full'));
    const a = tree(inc);
    const b = tree(full);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    const differing = [...a].filter(([k, v]) => b.get(k) !== v).map(([k]) => k);
    expect(differing).toEqual([]);
    // Without its 移出 date, 凯里市乐知托育中心 is on the black list again, and its page says so.
    const page = readFileSync(join(inc, 'institutions/91522601ma90ekew50/index.html'), 'utf8');
    expect(page).toContain(STATUS_INFO.blacklisted.explanation);
  });
});
