/** One Pagefind bundle from custom records, through Pagefind's Node API; the files the browser does not need removed. */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';

export interface BundleRecord {
  url: string;
  content: string;
  meta?: Record<string, string>;
  filters?: Record<string, string[]>;
  sort?: Record<string, string>;
}

/** How many records are sent to the Pagefind service before waiting for its answers. */
const BATCH = 500;

/** Writes the bundle and stops the Pagefind service. */
export async function writeBundle(
  records: readonly BundleRecord[],
  language: string,
  out: string,
  keepRuntime: boolean,
): Promise<void> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
    if (!index) throw new Error(`Pagefind 无法创建索引：${errors.join('; ')}`);
    for (let i = 0; i < records.length; i += BATCH) {
      const batch = records.slice(i, i + BATCH).map((r) => index.addCustomRecord({ ...r, language }));
      for (const res of await Promise.all(batch)) {
        if (res.errors.length) throw new Error(`Pagefind 索引记录出错：${res.errors.join('; ')}`);
      }
    }
    const written = await index.writeFiles({ outputPath: out });
    if (written.errors.length) throw new Error(`Pagefind 写入 ${out} 出错：${written.errors.join('; ')}`);
    await index.deleteIndex();
  } finally {
    await pagefind.close();
  }
  pruneBundle(out, keepRuntime);
}

/** Pagefind also writes its UI and WebAssembly for other languages; the browser needs none of them. */
function pruneBundle(dir: string, keepRuntime: boolean): void {
  const keep = new Set(['pagefind-entry.json', 'index', 'fragment', 'filter']);
  if (keepRuntime) {
    // The WebAssembly the index names (none for a language without a stemmer: then the generic one).
    keep.add('pagefind.js');
    const entry = JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { wasm: string | null }>;
    };
    for (const l of Object.values(entry.languages)) keep.add(`wasm.${l.wasm ?? 'unknown'}.pagefind`);
  }
  for (const f of readdirSync(dir)) {
    if (keep.has(f) || f.endsWith('.pf_meta')) continue;
    rmSync(join(dir, f), { recursive: true, force: true });
  }
}
