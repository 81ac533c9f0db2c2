/**
 * One Pagefind bundle from custom records, through Pagefind's Node API, keeping only the files the browser needs.
 *
 * Pagefind 1.4 spends most of its time compressing fragments, and skips a file whose name (a hash of its content)
 * already exists in the output directory. So a bundle can be written into a work directory that persists between
 * builds: unchanged records cost nothing the next time. Afterwards the work directory is pruned to the files the
 * new index references (read from its metadata file), so stale fragments never reach the site, and copied out.
 */

import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
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

/**
 * Writes the bundle to `out` and stops the Pagefind service. With `workDir`, Pagefind writes there (reusing what an
 * earlier build left) and `out` receives hard links (copies across file systems) of the files the bundle uses.
 */
export async function writeBundle(
  records: readonly BundleRecord[],
  language: string,
  out: string,
  keepRuntime: boolean,
  workDir: string | null = null,
): Promise<void> {
  const target = workDir ?? out;
  if (workDir) unlinkFixedNames(workDir);
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
    if (!index) throw new Error(`Pagefind 无法创建索引：${errors.join('; ')}`);
    for (let i = 0; i < records.length; i += BATCH) {
      const batch = records.slice(i, i + BATCH).map((r) => index.addCustomRecord({ ...r, language }));
      for (const res of await Promise.all(batch)) {
        if (res.errors.length) throw new Error(`Pagefind 索引记录出错：${res.errors.join('; ')}`);
      }
    }
    const written = await index.writeFiles({ outputPath: target });
    if (written.errors.length) throw new Error(`Pagefind 写入 ${target} 出错：${written.errors.join('; ')}`);
    await index.deleteIndex();
  } finally {
    await pagefind.close();
  }
  pruneBundle(target, keepRuntime);
  if (workDir) linkTree(workDir, out);
}

/**
 * Pagefind rewrites files whose names are not content hashes (pagefind-entry.json, pagefind.js, the WebAssembly) in
 * place. Those in a work directory are hard-linked into the bundle cache and earlier outputs, so they are unlinked
 * first: Pagefind then writes new files and never changes a bundle already linked elsewhere. The hashed files
 * (`*.pf_meta` and everything in the subdirectories) are never rewritten, only skipped or created.
 */
function unlinkFixedNames(workDir: string): void {
  if (!existsSync(workDir)) return;
  for (const e of readdirSync(workDir, { withFileTypes: true })) {
    if (e.isFile() && !e.name.endsWith('.pf_meta')) rmSync(join(workDir, e.name), { force: true });
  }
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

/** Every text string in a CBOR item (Pagefind's metadata is CBOR; its file hashes are text strings). */
export function cborTexts(bytes: Uint8Array): Set<string> {
  const texts = new Set<string>();
  const decoder = new TextDecoder();
  let pos = 0;
  const length = (info: number): number => {
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (!size) throw new Error(`CBOR：不支持的长度编码 ${info}（位置 ${pos}）`);
    let n = 0;
    for (let i = 0; i < size; i++) n = n * 256 + (bytes[pos++] as number);
    return n;
  };
  const item = (): void => {
    if (pos >= bytes.length) throw new Error('CBOR：数据意外结束');
    const head = bytes[pos++] as number;
    const major = head >> 5;
    const info = head & 31;
    if (major === 7) {
      pos += info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : info === 24 ? 1 : 0;
      return;
    }
    const n = length(info);
    if (major === 0 || major === 1) return;
    if (major === 2) pos += n;
    else if (major === 3) {
      texts.add(decoder.decode(bytes.subarray(pos, pos + n)));
      pos += n;
    } else if (major === 4) for (let i = 0; i < n; i++) item();
    else if (major === 5) for (let i = 0; i < 2 * n; i++) item();
    else if (major === 6) item();
  };
  item();
  return texts;
}

const SIGNATURE = 'pagefind_dcd';

/** The files of a bundle directory that its entry and metadata reference, as paths relative to it. */
export function referencedFiles(dir: string, keepRuntime: boolean): Set<string> {
  const entry = JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { hash: string; wasm: string | null }>;
  };
  const keep = new Set(['pagefind-entry.json']);
  const hashes = new Set<string>();
  for (const l of Object.values(entry.languages)) {
    const meta = `pagefind.${l.hash}.pf_meta`;
    keep.add(meta);
    if (keepRuntime) keep.add(`wasm.${l.wasm ?? 'unknown'}.pagefind`);
    const raw = gunzipSync(readFileSync(join(dir, meta)));
    if (raw.subarray(0, SIGNATURE.length).toString('latin1') !== SIGNATURE) {
      throw new Error(`${join(dir, meta)} 不是 Pagefind 元数据文件`);
    }
    for (const t of cborTexts(raw.subarray(SIGNATURE.length))) hashes.add(t);
  }
  if (keepRuntime) keep.add('pagefind.js');
  for (const [sub, ext] of [
    ['fragment', '.pf_fragment'],
    ['index', '.pf_index'],
    ['filter', '.pf_filter'],
  ] as const) {
    if (!existsSync(join(dir, sub))) continue;
    for (const f of readdirSync(join(dir, sub))) {
      if (f.endsWith(ext) && hashes.has(f.slice(0, -ext.length))) keep.add(`${sub}/${f}`);
    }
  }
  return keep;
}

/** Removes what the browser does not need: Pagefind's UI, other WebAssembly, and files of earlier indexes. */
function pruneBundle(dir: string, keepRuntime: boolean): void {
  const keep = referencedFiles(dir, keepRuntime);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      for (const f of readdirSync(join(dir, e.name))) {
        if (!keep.has(`${e.name}/${f}`)) rmSync(join(dir, e.name, f), { force: true });
      }
    } else if (!keep.has(e.name)) rmSync(join(dir, e.name), { force: true });
  }
}
