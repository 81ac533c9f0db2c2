/**
 * An incremental build renders only the pages whose key changed (page-keys.ts), keeps the others from the previous
 * build, and ends byte-identical to a full build of the same data: after a status change in the hostile fixture, and
 * on a generated register large enough for paged lists, after a changed service type, a renamed institution (which
 * moves it in every sorted list), a penalty taken out of its list, and a whole source withdrawn.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { STATUS_INFO } from '../../src/lib/site/labels.ts';
import { listFiles } from './helpers/dist-files.ts';

const work = mkdtempSync(join(tmpdir(), 'incremental-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function build(
  data: string,
  outDir: string,
  incremental: boolean,
  cacheDir: string,
  asOf = '2026-11-24',
): string {
  return execFileSync(process.execPath, ['scripts/build.ts', ...(incremental ? ['--incremental'] : [])], {
    env: {
      ...process.env,
      DATA_DIR: data,
      AS_OF: asOf,
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

/** The incremental output against a full build of the same data in fresh directories: every file, every byte. */
function expectSameAsFull(data: string, inc: string, step: string): void {
  const full = join(work, `full-${step}`);
  build(data, full, false, join(work, `cache-full-${step}`));
  const a = tree(inc);
  const b = tree(full);
  expect([...a.keys()].filter((k) => !b.has(k))).toEqual([]);
  expect([...b.keys()].filter((k) => !a.has(k))).toEqual([]);
  expect([...a].filter(([k, v]) => b.get(k) !== v).map(([k]) => k)).toEqual([]);
  // No folder left behind empty by a page that is gone.
  const folders = (d: string) =>
    readdirSync(d, { recursive: true, withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(e.parentPath, e.name).slice(d.length))
      .sort();
  expect(folders(inc)).toEqual(folders(full));
  rmSync(full, { recursive: true, force: true });
}

/** Pages re-rendered and pages with a key, from the build's log. */
function rendered(log: string): { pages: number; keyed: number; institutions: number } {
  const m = /页面 (\d+)\/(\d+) 个重新生成（机构页面 (\d+)\//.exec(log);
  if (!m) throw new Error(`no page counts in: ${log}`);
  return { pages: Number(m[1]), keyed: Number(m[2]), institutions: Number(m[3]) };
}

describe('incremental build', () => {
  it('after a status change in the fixture, re-renders only what changed and equals a full build', () => {
    const data = join(work, 'fixture');
    cpSync('test/fixtures/samples', data, { recursive: true });
    const inc = join(work, 'dist-fixture');
    const cache = join(work, 'cache-fixture');
    expect(build(data, inc, true, cache)).toContain('完整构建');

    const list = join(data, 'sources/kaili-tuoyu-heimingdan/黑名单.csv');
    writeFileSync(list, readFileSync(list, 'utf8').replace('2024-03-01,2025-03-01', '2024-03-01,'));
    const log = build(data, inc, true, cache);
    expect(log).toContain('增量构建');
    expect(log).toContain('缓存命中 10 个来源，重新读取 1 个');
    const n = rendered(log);
    expect(n.institutions).toBeGreaterThan(0);
    expect(n.pages).toBeLessThan(n.keyed);
    expectSameAsFull(data, inc, 'fixture');
    // Without its 移出 date, 凯里市乐知托育中心 is on the black list again, and its page says so.
    const page = readFileSync(join(inc, 'institutions/91522601ma90ekew50/index.html'), 'utf8');
    expect(page).toContain(STATUS_INFO.blacklisted.explanation);
    // Every page shows the as-of date: another date keeps nothing.
    expect(build(data, inc, true, cache, '2026-11-25')).toContain('完整构建');
  });

  it('on a generated register, keeps every unchanged page through four kinds of change', () => {
    const data = join(work, 'generated');
    execFileSync(process.execPath, [
      'scripts/sample.ts',
      ...['--institutions', '700', '--penalties', '500', '--seed', '3', '--clean', '--as-of', '2026-11-24'],
      ...['--out', data],
    ]);
    const inc = join(work, 'dist-generated');
    const cache = join(work, 'cache-generated');
    expect(build(data, inc, true, cache)).toContain('完整构建');
    const sources = readdirSync(join(data, 'sources')).sort();
    const utf8Csv = (match: (name: string) => boolean, content: (text: string) => boolean) => {
      for (const s of sources.filter(match)) {
        for (const f of readdirSync(join(data, 'sources', s)).filter((x) => x.endsWith('.csv'))) {
          const file = join(data, 'sources', s, f);
          const text = readFileSync(file, 'utf8');
          if (!text.includes('\uFFFD') && content(text)) return file;
        }
      }
      throw new Error('no such source in the generated register');
    };

    // A kept file is the previous build's own file, not one written again.
    const inode = (f: string) => statSync(join(inc, f)).ino;
    const searchManifest = 'pagefind/manifest.json';
    const someInstitution = `institutions/${readdirSync(join(inc, 'institutions')).find((d) => /^[0-9a-z]{18}$/.test(d))}/index.html`;
    const before = [inode(searchManifest), inode(someInstitution)];

    // 0. Nothing changed: no keyed page is rendered, and the search index is kept whole.
    expect(rendered(build(data, inc, true, cache)).pages).toBe(0);
    expect([inode(searchManifest), inode(someInstitution)]).toEqual(before);

    // 1. One institution's service type.
    const beian = utf8Csv(
      (s) => s.includes('beian'),
      (t) => t.includes('全日托'),
    );
    writeFileSync(beian, readFileSync(beian, 'utf8').replace('全日托', '半日托'));
    let log = build(data, inc, true, cache);
    expect(log).toContain('增量构建');
    const one = rendered(log);
    expect(one.institutions).toBe(1);
    // Its page, the list pages it is on and its regions' pages: a few dozen of the ~1,000 keyed pages.
    expect(one.pages).toBeLessThan(one.keyed / 10);
    // An unchanged page is the previous build's own file.
    expect(inode(someInstitution)).toBe(before[1]);
    expectSameAsFull(data, inc, 'service');

    // 2. A renamed institution moves in every list sorted by name.
    writeFileSync(beian, readFileSync(beian, 'utf8').replace(/\n(\d+),([^,\n]+)/, '\n$1,阿$2'));
    log = build(data, inc, true, cache);
    expect(rendered(log).pages).toBeLessThan(rendered(log).keyed);
    // A name is searched: the index is written again.
    expect(inode(searchManifest)).not.toBe(before[0]);
    expectSameAsFull(data, inc, 'rename');

    // 3. A published penalty of a subject without an institution page taken out of its list: no institution
    // changes, yet every later row of the penalty lists moves up and the counts of its regions drop.
    const merged = JSON.parse(readFileSync(join(cache, 'data.json'), 'utf8')) as {
      penalties: {
        documentNumber: string;
        institutionId: string | null;
        publicUntil: string | null;
        provenance: { source: string; file: string; row: number };
      }[];
    };
    const shown = merged.penalties.find(
      (p) =>
        !p.institutionId && (p.publicUntil ?? '9999') > '2026-11-24' && p.provenance.file.endsWith('.xlsx'),
    );
    if (!shown) throw new Error('no published penalty without an institution in a spreadsheet');
    const sheetFile = join(data, 'sources', shown.provenance.source, shown.provenance.file);
    const book = XLSX.read(readFileSync(sheetFile));
    const sheetName = book.SheetNames[0] as string;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[sheetName] as XLSX.WorkSheet, {
      header: 1,
      raw: false,
    });
    expect(JSON.stringify(rows[shown.provenance.row - 1])).toContain(shown.documentNumber);
    rows.splice(shown.provenance.row - 1, 1);
    book.Sheets[sheetName] = XLSX.utils.aoa_to_sheet(rows);
    writeFileSync(sheetFile, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
    const count = () =>
      Number(/公示期内 (\d+) 条/.exec(readFileSync(join(inc, 'penalties/index.html'), 'utf8'))?.[1]);
    const shownBefore = count();
    build(data, inc, true, cache);
    expect(count()).toBeLessThan(shownBefore);
    expectSameAsFull(data, inc, 'penalty');

    // 4. A whole source withdrawn: its institutions' status, and pages that no longer exist.
    const withdrawn = sources.find((s) => s.includes('zhuxiao')) as string;
    rmSync(join(data, 'sources', withdrawn), { recursive: true });
    log = build(data, inc, true, cache);
    expect(log).toContain('增量构建');
    expectSameAsFull(data, inc, 'withdrawn');
  });
});
