/**
 * A bundle written into a work directory an earlier build left behind is byte-identical to one written from scratch,
 * and holds none of the earlier build's fragments (Pagefind skips files that exist; write-bundle.ts prunes to the
 * files the new index references).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BundleRecord, cborTexts, writeBundle } from '../../src/lib/search/write-bundle.ts';

const root = mkdtempSync(join(tmpdir(), 'bundle-reuse-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}

const record = (i: number, extra = ''): BundleRecord => ({
  url: `/institutions/i${i}/`,
  content: `托育 机构${i % 7} 编号${i} ${extra}`.trim(),
  meta: { title: `机构 ${i}${extra}` },
  filters: { status: [i % 2 ? 'listed' : 'sanctioned'] },
  sort: { penalty: `2026-01-${String((i % 28) + 1).padStart(2, '0')}` },
});

describe('writeBundle with a work directory', () => {
  it('rewrites a changed bundle byte-identical to a fresh one, without stale files', async () => {
    const first = Array.from({ length: 40 }, (_, i) => record(i));
    // Ten records gone, five changed, three new.
    const second = [
      ...first.slice(10, 35),
      ...[35, 36, 37, 38, 39].map((i) => record(i, '变更')),
      ...[100, 101, 102].map((i) => record(i)),
    ];
    const work = join(root, 'work');
    await writeBundle(first, 'en', join(root, 'out1'), false, work);
    const firstOut = files(join(root, 'out1'));
    await writeBundle(second, 'en', join(root, 'out2'), false, work);
    // The first output shares hard links with the work directory: the second write must not change it.
    expect(files(join(root, 'out1'))).toEqual(firstOut);
    await writeBundle(second, 'en', join(root, 'fresh'), false, null);

    const reused = files(join(root, 'out2'));
    const fresh = files(join(root, 'fresh'));
    expect([...reused.keys()].sort()).toEqual([...fresh.keys()].sort());
    expect(reused).toEqual(fresh);
    // The work directory was pruned to the same files, and the first build's output differs (so the check can fail).
    expect([...files(work).keys()].sort()).toEqual([...fresh.keys()].sort());
    expect([...files(join(root, 'out1')).keys()].sort()).not.toEqual([...fresh.keys()].sort());
    expect([...fresh.keys()].filter((f) => f.startsWith('fragment/'))).toHaveLength(second.length);
  });
});

describe('cborTexts', () => {
  it('reads text strings at every depth and skips other items', () => {
    // [ "a", [1, h'0102', {"k": "v"}], 1000, "long…" (24+ bytes), true ]
    const long = 'x'.repeat(30);
    const bytes = Uint8Array.from([
      0x85,
      0x61,
      0x61,
      0x83,
      0x01,
      0x42,
      0x01,
      0x02,
      0xa1,
      0x61,
      0x6b,
      0x61,
      0x76,
      0x19,
      0x03,
      0xe8,
      0x78,
      30,
      ...Buffer.from(long),
      0xf5,
    ]);
    expect([...cborTexts(bytes)].sort()).toEqual(['a', 'k', long, 'v'].sort());
  });
  it('refuses truncated data', () => {
    expect(() => cborTexts(Uint8Array.from([0x82, 0x61, 0x61]))).toThrow(/CBOR/);
  });
});
