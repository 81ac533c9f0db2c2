/** The pipeline's only contact with the disk: read sources, write the cache and the report. */
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants as fsConstants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  type Stats,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import {
  type CachedSource,
  type LoadedFile,
  type LoadedSource,
  MAX_FILE_BYTES,
  type PipelineResult,
  type SourceCache,
} from './run-pipeline.ts';
import { writeJsonFile } from './write-json.ts';

function tryRead(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

/** What is at a path, as the pipeline may read it: a regular file inside DATA_DIR, and nothing else. */
type Entry =
  | { kind: 'file'; real: string; size: number }
  | { kind: 'dir'; real: string }
  | { kind: 'missing' }
  | { kind: 'refused'; message: string };

function inside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Looks at a path without opening it (lstat, then the link's target): a symbolic link may point anywhere — out of
 * DATA_DIR, at /dev/zero, at a FIFO that blocks whoever opens it — so the target must be a regular file or folder
 * inside DATA_DIR before anything reads it.
 */
function inspect(root: string, path: string): Entry {
  let link: Stats;
  try {
    link = lstatSync(path);
  } catch {
    return { kind: 'missing' };
  }
  let real = path;
  if (link.isSymbolicLink()) {
    try {
      real = realpathSync(path);
    } catch {
      return { kind: 'refused', message: '是一个符号链接，但它指向的文件不存在（断开的链接），未读取' };
    }
  } else {
    try {
      real = realpathSync(path);
    } catch {
      return { kind: 'missing' };
    }
  }
  if (!inside(root, real)) {
    return {
      kind: 'refused',
      message: '是指向数据目录以外的符号链接，未读取；请把文件本身放进来源目录',
    };
  }
  let st: Stats;
  try {
    st = statSync(real);
  } catch {
    return { kind: 'missing' };
  }
  if (st.isFile()) return { kind: 'file', real, size: st.size };
  if (st.isDirectory()) return { kind: 'dir', real };
  const what = st.isFIFO()
    ? '命名管道（FIFO）'
    : st.isCharacterDevice() || st.isBlockDevice()
      ? '设备文件'
      : st.isSocket()
        ? '套接字'
        : '特殊文件';
  return { kind: 'refused', message: `不是普通文件，而是${what}，未读取` };
}

/**
 * Reads a regular file, checked again on the open descriptor: O_NONBLOCK so that a FIFO swapped in after the check
 * cannot block, O_NOFOLLOW so that a link swapped in is not followed.
 */
function readRegular(real: string): Buffer | { refused: string } | null {
  let fd: number;
  try {
    fd = openSync(real, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { refused: '不是普通文件，未读取' };
    if (st.size > MAX_FILE_BYTES) return { refused: `size:${st.size}` };
    return readFileSync(fd);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Every folder under DATA_DIR/sources, with its manifest and the files it lists. */
export function loadSources(dataDir: string): LoadedSource[] {
  const root = join(dataDir, 'sources');
  let names: string[];
  let realRoot: string;
  try {
    realRoot = realpathSync(dataDir);
    names = readdirSync(root);
  } catch {
    throw new Error(`找不到数据目录 ${root}（DATA_DIR=${dataDir}）`);
  }
  const sources: LoadedSource[] = [];
  for (const id of names.sort()) {
    const at = inspect(realRoot, join(root, id));
    if (at.kind === 'refused') {
      sources.push({ id, manifestText: null, files: [], unlisted: [], refused: `来源目录${at.message}` });
      continue;
    }
    // Loose files beside the source folders are not sources.
    if (at.kind !== 'dir') continue;
    sources.push(loadSource(realRoot, id, at.real));
  }
  return sources;
}

function loadSource(realRoot: string, id: string, dir: string): LoadedSource {
  const manifestAt = inspect(realRoot, join(dir, 'source.yml'));
  const manifestBytes = manifestAt.kind === 'file' ? readRegular(manifestAt.real) : null;
  const manifestText = Buffer.isBuffer(manifestBytes) ? manifestBytes.toString('utf8') : null;
  let listed: string[] = [];
  try {
    const doc = manifestText ? (parseYaml(manifestText) as { files?: unknown }) : null;
    if (doc && Array.isArray(doc.files)) listed = doc.files.filter((f): f is string => typeof f === 'string');
  } catch {
    // a broken manifest is reported by the pipeline
  }
  const present = readdirSync(dir).filter((f) => f !== 'source.yml' && !f.startsWith('.'));
  const files = listed.map((name): LoadedFile => {
    // A manifest may not lead outside its own folder.
    const safe = !name.includes('/') && !name.includes('\\') && name !== '..' && name !== '.';
    if (!safe) return { name, bytes: null };
    const at = inspect(realRoot, join(dir, name));
    if (at.kind === 'missing') return { name, bytes: null };
    if (at.kind === 'refused') return { name, bytes: null, refused: `文件${at.message}` };
    if (at.kind === 'dir') return { name, bytes: null, refused: '是一个目录而不是文件，未读取' };
    // The size is checked before reading: a file too large to process is never loaded into memory.
    if (at.size > MAX_FILE_BYTES) return { name, bytes: null, tooLarge: at.size };
    const read = readRegular(at.real);
    if (read === null || Buffer.isBuffer(read)) return { name, bytes: read };
    const size = /^size:(\d+)$/.exec(read.refused)?.[1];
    return size
      ? { name, bytes: null, tooLarge: Number(size) }
      : { name, bytes: null, refused: `文件${read.refused}` };
  });
  const refused = manifestAt.kind === 'refused' ? `source.yml ${manifestAt.message}` : undefined;
  return {
    id,
    manifestText,
    files,
    unlisted: present.filter((f) => !listed.includes(f)).sort(),
    ...(refused ? { refused } : {}),
  };
}

export function writeOutputs(result: PipelineResult, opts: { cacheDir: string; reportsDir: string }) {
  mkdirSync(opts.cacheDir, { recursive: true });
  mkdirSync(opts.reportsDir, { recursive: true });
  writeJsonFile(join(opts.cacheDir, 'data.json'), result.data);
  writeFileSync(join(opts.reportsDir, 'validation.json'), `${JSON.stringify(result.report, null, 1)}\n`);
}

/** A hash of the pipeline's own code: a changed normaliser invalidates every cached source. */
function codeVersion(): string {
  const h = createHash('sha256');
  const lib = join(dirname(fileURLToPath(import.meta.url)), '..');
  for (const sub of ['ingest', 'domain']) {
    // Recursive: the rules under domain/rules/ decide outcomes too.
    const files = readdirSync(join(lib, sub), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(lib, join(e.parentPath, e.name)))
      .sort();
    for (const f of files) {
      h.update(f);
      h.update(readFileSync(join(lib, f)));
    }
  }
  return h.digest('hex').slice(0, 16);
}

/** One JSON file per source under CACHE_DIR/sources, written atomically. */
export function fileSourceCache(cacheDir: string): SourceCache & { hits: number; misses: number } {
  const dir = join(cacheDir, 'sources');
  mkdirSync(dir, { recursive: true });
  return {
    codeVersion: codeVersion(),
    hits: 0,
    misses: 0,
    get(id, key) {
      const text = tryRead(join(dir, `${id}.json`))?.toString('utf8');
      if (text) {
        try {
          const doc = JSON.parse(text) as { key: string; value: CachedSource };
          if (doc.key === key) {
            this.hits++;
            return doc.value;
          }
        } catch {
          // a damaged cache entry is simply rebuilt
        }
      }
      this.misses++;
      return undefined;
    },
    set(id, key, value) {
      writeJsonFile(join(dir, `${id}.json`), { key, value });
    },
  };
}
