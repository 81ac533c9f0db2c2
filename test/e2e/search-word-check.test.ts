/**
 * The word check that keeps Pagefind pinned (src/lib/search/README.md, "Why these choices"): Chinese records are
 * indexed as the build indexes them, and for every two-character word the installed Pagefind's own runtime, in
 * Chromium, must return exactly the records whose words start with it. Once over a bundle written by our encoder
 * with the installed Pagefind's runtime (what the site ships), once over an index Pagefind writes itself through its
 * Node API. A Pagefind release that splits, segments or drops such a query word, or reads its index otherwise, fails
 * here: with 1.5.2 installed, the runtime found only part of the records for 318 of the 609 words of our bundle.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childcareBrand, postpartumBrand, toTraditional } from '../../src/lib/sample/names.ts';
import { createRng } from '../../src/lib/sample/random.ts';
import { indexText, useSimplifier } from '../../src/lib/search/normalise-query.ts';
import type { IndexRecord } from '../../src/lib/search/pagefind-format.ts';
import { openccSimplify } from '../../src/lib/search/simplify-opencc.ts';
import { ENTRY_FILE, writeBundle, writeRuntime } from '../../src/lib/search/write-bundle.ts';
import { launch } from './helpers/browser.ts';
import { type Served, serve } from './helpers/serve.ts';

const LANGUAGE = 'und';
const REGIONS = [
  '宁波市鄞州区',
  '武汉市东西湖区',
  '黔东南苗族侗族自治州锦屏县',
  '深圳市龙华区',
  '广州市天河区',
];
const CHILDCARE = ['托育服务有限公司', '婴幼儿照护服务中心', '托育园'];
const POSTPARTUM = ['母婴护理有限公司', '月子会所', '产后护理中心'];

useSimplifier(openccSimplify);

/** Names as registers publish them: region, brand, kind; some in Traditional characters, with an address. */
function makeRecords(count: number): IndexRecord[] {
  const rng = createRng('search-word-check');
  return Array.from({ length: count }, (_, i) => {
    const region = rng.pick(REGIONS);
    const childcare = rng.chance(0.6);
    const brand = childcare ? childcareBrand(rng) : postpartumBrand(rng);
    const name = `${region}${brand}${rng.pick(childcare ? CHILDCARE : POSTPARTUM)}`;
    return {
      url: `/institutions/r${i}/`,
      content: indexText({
        names: [rng.chance(0.2) ? toTraditional(name) : name],
        codes: [],
        documentNumbers: [],
        text: [`${region}${brand}路${rng.int(1, 300)}号`],
      }),
      meta: { title: name },
    };
  });
}

/** For each two-character Han word of the records, the URLs whose words start with it (Pagefind matches prefixes). */
function expectedHits(records: readonly IndexRecord[]): Map<string, string[]> {
  const byWord = new Map<string, Set<string>>();
  for (const r of records)
    for (const w of r.content.split(' ')) {
      const urls = byWord.get(w) ?? new Set<string>();
      urls.add(r.url);
      byWord.set(w, urls);
    }
  const out = new Map<string, string[]>();
  for (const word of [...byWord.keys()].filter((w) => /^\p{Script=Han}{2}$/u.test(w)).sort()) {
    const urls = new Set<string>();
    for (const [w, us] of byWord) if (w.startsWith(word)) for (const u of us) urls.add(u);
    out.set(word, [...urls].sort());
  }
  return out;
}

/** The URLs Pagefind's runtime returns for each word alone, from `runtime` with `bundle` merged in (if any). */
async function searchEach(page: Page, runtime: string, bundle: string | null, words: string[]) {
  return page.evaluate(
    async ({ runtime, bundle, words }) => {
      type Result = { data(): Promise<{ url: string }> };
      // A dynamic import written out here would be rewritten by the test runner's transform.
      const load = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;
      const pf = (await load(`${runtime}pagefind.js`)) as {
        options(o: unknown): Promise<void>;
        init(): Promise<void>;
        mergeIndex(path: string): Promise<void>;
        search(term: string): Promise<{ results: Result[] }>;
      };
      await pf.options({ baseUrl: '/', excerptLength: 0 });
      await pf.init();
      if (bundle) await pf.mergeIndex(bundle);
      const out: Record<string, string[]> = {};
      for (const w of words) {
        const { results } = await pf.search(w);
        out[w] = (await Promise.all(results.map(async (r) => (await r.data()).url))).sort();
      }
      return out;
    },
    { runtime, bundle, words },
  );
}

const root = mkdtempSync(join(tmpdir(), 'search-word-check-'));
const records = makeRecords(300);
const expected = expectedHits(records);
let server: Served;
let browser: Browser;

beforeAll(async () => {
  // What the build ships: Pagefind's runtime, and the records' bundle from pagefind-format.ts.
  await writeRuntime(LANGUAGE, join(root, 'runtime'));
  writeBundle(records, LANGUAGE, join(root, 'bundle'), join(root, 'runtime', ENTRY_FILE));
  // The same records indexed by Pagefind itself.
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: LANGUAGE });
    if (!index) throw new Error(errors.join('; '));
    for (const r of records) {
      const added = await index.addCustomRecord({ ...r, language: LANGUAGE });
      if (added.errors.length) throw new Error(added.errors.join('; '));
    }
    const written = await index.writeFiles({ outputPath: join(root, 'own') });
    if (written.errors.length) throw new Error(written.errors.join('; '));
  } finally {
    await pagefind.close();
  }
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>word check</title>');
  server = await serve(root, '/');
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('Pagefind finds every indexed Chinese word', () => {
  it('has enough words to check', () => {
    expect(expected.size).toBeGreaterThan(500);
  });

  for (const [name, runtime, bundle] of [
    ['in a bundle written by pagefind-format.ts, with the installed runtime', '/runtime/', '/bundle/'],
    ['in an index written by the installed Pagefind', '/own/', null],
  ] as const) {
    it(name, async () => {
      const page = await browser.newPage();
      await page.goto(server.url);
      const got = await searchEach(page, runtime, bundle, [...expected.keys()]);
      await page.close();
      const wrong = [...expected]
        .filter(([w, urls]) => (got[w] ?? []).join(' ') !== urls.join(' '))
        .map(([w, urls]) => `${w}: ${got[w]?.length ?? 0} found, ${urls.length} expected`);
      expect(wrong).toEqual([]);
    });
  }
});
