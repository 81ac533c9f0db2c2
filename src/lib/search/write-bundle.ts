/**
 * Writing Pagefind bundles. The runtime (pagefind.js and its WebAssembly, with an index of one record) comes from
 * Pagefind itself through its Node API; every bundle of records is written by `pagefind-format.ts` in this process,
 * which is what makes a national index take seconds instead of minutes.
 */

import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as pagefind from 'pagefind';
import { encodeBundle, type IndexRecord } from './pagefind-format.ts';

export type BundleRecord = IndexRecord;

export const ENTRY_FILE = 'pagefind-entry.json';

interface Entry {
  version: string;
  languages: Record<string, { hash: string; wasm: string | null; page_count: number }>;
  include_characters: string[];
}

let pagefindVersion: string | undefined;

/** The installed Pagefind's version: the runtime must read what the bundles say they are. */
export function pagefindVersionInstalled(): string {
  pagefindVersion ??= (
    JSON.parse(readFileSync(resolve('node_modules/pagefind/package.json'), 'utf8')) as { version: string }
  ).version;
  return pagefindVersion;
}

/**
 * Writes the bundle of `records` to `out` (created): its files and a pagefind-entry.json like Pagefind's, with the
 * word characters of the runtime's entry (`runtimeEntry`, from `writeRuntime`).
 */
export function writeBundle(
  records: readonly BundleRecord[],
  language: string,
  out: string,
  runtimeEntry: string,
): void {
  const runtime = JSON.parse(readFileSync(runtimeEntry, 'utf8')) as Entry;
  const encoded = encodeBundle(records, language, runtime.version);
  const dirs = new Set(encoded.files.map((f) => dirname(join(out, f.path))));
  for (const d of [out, ...dirs]) mkdirSync(d, { recursive: true });
  for (const f of encoded.files) writeFileSync(join(out, f.path), f.bytes);
  const entry: Entry = {
    version: runtime.version,
    languages: { [language]: { hash: encoded.metaHash, wasm: null, page_count: encoded.pageCount } },
    include_characters: runtime.include_characters,
  };
  writeFileSync(join(out, ENTRY_FILE), JSON.stringify(entry));
}

/**
 * Writes Pagefind's runtime to `out` through its Node API: pagefind.js, the WebAssembly for `language` and an index
 * of one placeholder record (Pagefind needs an index to start; the browser merges the real bundles into it).
 * Pagefind's UI and the WebAssembly of other languages are removed.
 */
export async function writeRuntime(language: string, out: string): Promise<void> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
    if (!index) throw new Error(`Pagefind 无法创建索引：${errors.join('; ')}`);
    const added = await index.addCustomRecord({ url: '/', content: '_', language });
    if (added.errors.length) throw new Error(`Pagefind 索引记录出错：${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: out });
    if (written.errors.length) throw new Error(`Pagefind 写入 ${out} 出错：${written.errors.join('; ')}`);
    await index.deleteIndex();
  } finally {
    await pagefind.close();
  }
  const entry = JSON.parse(readFileSync(join(out, ENTRY_FILE), 'utf8')) as Entry;
  const keep = new Set([ENTRY_FILE, 'pagefind.js', 'fragment', 'index', 'filter']);
  for (const l of Object.values(entry.languages)) {
    keep.add(`pagefind.${l.hash}.pf_meta`);
    keep.add(`wasm.${l.wasm ?? 'unknown'}.pagefind`);
  }
  for (const e of readdirSync(out)) if (!keep.has(e)) rmSync(join(out, e), { recursive: true, force: true });
}

/** Hard-links (or, across file systems, copies) every file of a directory tree. */
export function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const a = join(from, e.name);
    const b = join(to, e.name);
    if (e.isDirectory()) linkTree(a, b);
    else {
      try {
        linkSync(a, b);
      } catch {
        copyFileSync(a, b);
      }
    }
  }
}
