/** The pipeline's only contact with the disk: read sources, write the cache and the report. */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
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

function trySize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

/** Every folder under DATA_DIR/sources, with its manifest and the files it lists. */
export function loadSources(dataDir: string): LoadedSource[] {
  const root = join(dataDir, 'sources');
  let ids: string[];
  try {
    ids = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory());
  } catch {
    throw new Error(`找不到数据目录 ${root}（DATA_DIR=${dataDir}）`);
  }
  return ids.sort().map((id) => {
    const dir = join(root, id);
    const manifestText = tryRead(join(dir, 'source.yml'))?.toString('utf8') ?? null;
    let listed: string[] = [];
    try {
      const doc = manifestText ? (parseYaml(manifestText) as { files?: unknown }) : null;
      if (doc && Array.isArray(doc.files))
        listed = doc.files.filter((f): f is string => typeof f === 'string');
    } catch {
      // a broken manifest is reported by the pipeline
    }
    const present = readdirSync(dir).filter((f) => f !== 'source.yml' && !f.startsWith('.'));
    const files = listed.map((name): LoadedFile => {
      // A manifest may not lead outside its own folder.
      const safe = !name.includes('/') && !name.includes('\\') && name !== '..';
      if (!safe) return { name, bytes: null };
      // The size is checked before reading: a file too large to process is never loaded into memory.
      const size = trySize(join(dir, name));
      if (size !== null && size > MAX_FILE_BYTES) return { name, bytes: null, tooLarge: size };
      return { name, bytes: tryRead(join(dir, name)) };
    });
    return { id, manifestText, files, unlisted: present.filter((f) => !listed.includes(f)).sort() };
  });
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
