/**
 * A privacy scan of the built sample site (DATA_DIR=data, AS_OF=2026-11-24): every file of dist/ — pages, JSON and
 * CSV downloads, feeds, sitemaps, scripts and the Pagefind index (fragments are gzip, some behind a `pagefind_dcd`
 * prefix) — is searched for resident ID numbers (valid GB 11643 check digit), mainland mobile numbers, the names of
 * natural persons in the raw penalty files, the strings expect.json marks as private, and the 文号 of every penalty
 * that must stay hidden. Strings are also searched as the space-separated character bigrams the search index writes.
 * Zero hits.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceKind } from '../../src/lib/domain/schemas.ts';
import { locateTable } from '../../src/lib/ingest/map-headers.ts';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { readCsv } from '../../src/lib/ingest/read-csv.ts';
import { readJson } from '../../src/lib/ingest/read-json.ts';
import { readXlsx } from '../../src/lib/ingest/read-xlsx.ts';
import { cellText } from '../../src/lib/ingest/table.ts';
import { buildSite } from './helpers/build.ts';
import { listFiles } from './helpers/dist-files.ts';

const expectJson = JSON.parse(readFileSync('test/fixtures/samples/expect.json', 'utf8')) as {
  privacy: { forbidden_strings: Array<{ value: string }> };
  hidden_penalties: Array<{ document_number: string; reason: string }>;
};

/** Every file of the site as text: gzip opened, the Pagefind fragment prefix dropped. */
let site: Array<{ file: string; text: string }>;
let dist: string;

beforeAll(() => {
  dist = buildSite().dist;
  site = listFiles(dist).map((f) => {
    let bytes = readFileSync(f);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    let text = bytes.toString('utf8');
    if (text.startsWith('pagefind_dcd')) text = text.slice('pagefind_dcd'.length);
    return { file: relative(dist, f), text };
  });
});

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11643: the 18th character is fixed by the first 17. */
function validIdCheck(id: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] ?? 0);
  return '10X98765432'[sum % 11] === id[17]?.toUpperCase();
}

/** Compiled scripts and styles: library code full of numeric constants, and no data (checked below). */
const isCode = (file: string) => /^_astro\/.*\.(?:js|css)$/.test(file);

/** Matches of a number pattern in every file but compiled code. */
function hits(pattern: RegExp, accept: (s: string) => boolean = () => true): string[] {
  const out: string[] = [];
  for (const { file, text } of site) {
    if (isCode(file)) continue;
    for (const m of text.matchAll(pattern)) if (accept(m[0])) out.push(`${file}: ${m[0]}`);
  }
  return out;
}

/** 贾家豪 → 贾家 家豪: how the search layer writes a name. */
const bigrams = (s: string) =>
  [...s]
    .slice(0, -1)
    .map((c, i) => c + [...s][i + 1])
    .join(' ');

/** 行政相对人名称 of every row whose 行政相对人类别 is 自然人, read from the raw files as published. */
async function naturalPersonNames(): Promise<string[]> {
  const names = new Set<string>();
  for (const src of loadSources('test/fixtures/samples')) {
    const kind = /kind:\s*(\S+)/.exec(src.manifestText ?? '')?.[1] as SourceKind | undefined;
    if (kind !== 'penalties') continue;
    for (const f of src.files) {
      if (!f.bytes) continue;
      const tables = f.name.endsWith('.xlsx')
        ? await readXlsx(f.name, f.bytes)
        : f.name.endsWith('.json')
          ? [readJson(f.name, f.bytes)]
          : [readCsv(f.name, f.bytes)];
      for (const t of tables) {
        const located = locateTable(t, 'penalties');
        if (!located) continue;
        const col = (key: string) => located.columns.find((c) => c.field?.key === key)?.index;
        const cat = col('subjectCategory');
        const name = col('name');
        if (cat === undefined || name === undefined) continue;
        for (const r of located.dataRows) {
          if (cellText(r.cells[cat] ?? null).replace(/\s/g, '') !== '自然人') continue;
          const n = cellText(r.cells[name] ?? null).replace(/[\s\u3000]/g, '');
          if (n) names.add(n);
        }
      }
    }
  }
  return [...names];
}

describe('privacy scan of the built sample site', () => {
  it('scans every kind of file the site has', () => {
    const kinds = new Set(site.map(({ file }) => file.split('.').pop()));
    for (const k of ['html', 'json', 'csv', 'xml']) expect(kinds, k).toContain(k);
    expect(site.some(({ file }) => file.includes('pagefind') && file.includes('fragment'))).toBe(true);
  });

  it('bundles no data into compiled code (so its numeric constants need no scan)', () => {
    const names = (
      JSON.parse(readFileSync('test/fixtures/samples/expect.json', 'utf8')) as {
        institutions: { spot_checks: Array<{ name: string }> };
      }
    ).institutions.spot_checks.map((c) => c.name);
    expect(names.length).toBeGreaterThan(5);
    const code = site.filter(({ file }) => isCode(file));
    expect(code.length).toBeGreaterThan(0);
    for (const { file, text } of code)
      for (const n of names) expect(text.includes(n), `${file}: ${n}`).toBe(false);
  });

  it('holds no resident ID number', () => {
    expect(hits(/(?<![0-9])[1-9]\d{16}[\dXx](?![0-9A-Za-z])/g, validIdCheck)).toEqual([]);
  });

  it('holds no mainland mobile number', () => {
    expect(hits(/(?<![0-9])1[3-9]\d{9}(?![0-9])/g)).toEqual([]);
  });

  it('names no natural person from the penalty files, whole or as search bigrams', async () => {
    const names = await naturalPersonNames();
    expect(names).toContain('贾家豪');
    for (const n of names) {
      for (const s of [n, bigrams(n)]) expect(hits(new RegExp(s, 'g')), s).toEqual([]);
    }
    // The decision itself is published, masked.
    expect(site.some(({ text }) => text.includes('贾某'))).toBe(true);
  });

  it('contains none of the strings expect.json marks as private, whole or as bigrams', () => {
    for (const { value } of expectJson.privacy.forbidden_strings) {
      for (const s of [value, bigrams(value)]) {
        expect(
          site.filter(({ text }) => text.includes(s)).map(({ file }) => file),
          s,
        ).toEqual([]);
      }
    }
  });

  it('shows no penalty that must stay hidden (expired, warning-only, withdrawn): not in pages, downloads, feeds or search', () => {
    expect(expectJson.hidden_penalties.some((h) => h.reason === 'withdrawn')).toBe(true);
    for (const h of expectJson.hidden_penalties) {
      const doc = h.document_number;
      const variants = [
        doc,
        doc.replace(/[〔〕]/g, (c) => (c === '〔' ? '[' : ']')),
        doc.replace(/[〔〕]/g, ''),
      ];
      for (const s of variants) {
        expect(
          site.filter(({ text }) => text.includes(s)).map(({ file }) => join(file)),
          `${s} (${h.reason})`,
        ).toEqual([]);
      }
    }
  });
});
