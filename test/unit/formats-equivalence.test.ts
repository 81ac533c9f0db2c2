/**
 * The bundled sample re-published as agencies also publish it — a notice page (UTF-8 and GB18030), a Word document
 * (.docx, and .doc: LibreOffice's conversion of that .docx, checked in under test/fixtures/doc/samples), an old
 * Excel workbook — gives the same accounting, rejections (same rows), warnings and hidden penalties as the CSV/XLSX
 * originals. A text PDF and a data platform's JSON number their rows their own way (page by page, record by record):
 * for them each finding is compared by the place of its row among the file's data rows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceKind } from '../../src/lib/domain/rules/vocabularies.ts';
import { locateTable } from '../../src/lib/ingest/map-headers.ts';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { readFile } from '../../src/lib/ingest/read-file.ts';
import { type LoadedSource, type PipelineResult, runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { cellText } from '../../src/lib/ingest/table.ts';
import { excel97Workbook, noticePage, wordDocument } from '../../src/lib/sample/republish.ts';
import { textPdf } from '../../src/lib/sample/write-pdf.ts';
import { sampleSheet } from '../fixtures/doc/tables.ts';

const AS_OF = '2026-11-24';
const sources = loadSources(join(import.meta.dirname, '../fixtures/samples'));

type Format = 'html' | 'html-gb18030' | 'docx' | 'doc' | 'xls' | 'pdf' | 'platform-json';
const EXT: Record<Format, string> = {
  html: 'html',
  'html-gb18030': 'htm',
  docx: 'docx',
  doc: 'doc',
  xls: 'xls',
  pdf: 'pdf',
  'platform-json': 'json',
};
/** Formats whose row n is not the original's row n. */
const RENUMBERED = new Set<Format>(['pdf', 'platform-json']);
const DOC_SAMPLES = join(import.meta.dirname, '../fixtures/doc/samples');

const kindOf = (src: LoadedSource) => /^kind:\s*([\w-]+)/m.exec(src.manifestText ?? '')?.[1] as SourceKind;

/** The file's header and data rows as text, as a PDF prints them or a platform's JSON holds them. */
async function dataOf(src: LoadedSource, name: string, bytes: Uint8Array) {
  const [t] = await readFile(name, bytes, { isDataTable: () => true });
  const located = t && locateTable(t, kindOf(src));
  if (!located) throw new Error(`${src.id}: no table in ${name}`);
  const header = located.columns.map((c) => c.header);
  return { header, rows: located.dataRows.map((r) => header.map((_, i) => cellText(r.cells[i] ?? null))) };
}

/** Whether columns of these widths (in characters) fit the landscape A4 page textPdf prints: 9 pt text, 8 pt gaps. */
const fitsPdfPage = (widths: number[]) => widths.reduce((x, w) => x + w * 9 + 8, 36) <= 842 - 36;

async function republish(src: LoadedSource, format: Format): Promise<LoadedSource> {
  const renames = new Map<string, string>();
  const files = [];
  for (const f of src.files) {
    if (!f.bytes || f.name.endsWith('.json')) {
      files.push(f);
      continue;
    }
    const name = `${f.name.replace(/\.[a-z]+$/, '')}.${EXT[format]}`;
    let bytes: Uint8Array;
    if (format === 'doc') bytes = new Uint8Array(readFileSync(join(DOC_SAMPLES, src.id, name)));
    else if (format === 'pdf' || format === 'platform-json') {
      const { header, rows } = await dataOf(src, f.name, f.bytes);
      // Each label on one line (a header that wraps is not one the reader can match): a table wider than the page
      // (26 penalty columns) is not printed to PDF but kept as published.
      const widths = header.map((h) => Math.max(4, h.length + 4));
      if (format === 'pdf' && !fitsPdfPage(widths)) {
        files.push(f);
        continue;
      }
      const records = rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
      bytes =
        format === 'pdf'
          ? textPdf({ title: src.id, header, rows, widths })
          : new TextEncoder().encode(JSON.stringify({ code: 200, responseData: { dataList: records } }));
    } else {
      const sheet = await sampleSheet(f.name, f.bytes);
      bytes =
        format === 'docx'
          ? wordDocument(src.id, [sheet])
          : format === 'xls'
            ? excel97Workbook([sheet])
            : noticePage(src.id, [sheet], format === 'html' ? 'utf-8' : 'gb18030');
    }
    renames.set(f.name, name);
    files.push({ name, bytes });
  }
  let manifestText = src.manifestText ?? '';
  for (const [from, to] of renames) manifestText = manifestText.split(from).join(to);
  return { ...src, manifestText, files };
}

/**
 * Where each row of a source's files stands: `source:file:row` → `source:file#k` for the kth data row of the file
 * (all its tables or pages in order), `source:file#header` for a header row; file names without their extension.
 */
async function rowPlaces(all: LoadedSource[]): Promise<Map<string, string>> {
  const places = new Map<string, string>();
  for (const src of all) {
    const kind = kindOf(src);
    for (const f of src.files) {
      if (!f.bytes) continue;
      const base = f.name.replace(/\.[a-z]+$/, '');
      let k = 0;
      for (const t of await readFile(f.name, f.bytes, {
        isDataTable: (t) => locateTable(t, kind) !== null,
      })) {
        const located = locateTable(t, kind);
        for (const n of located?.headerRows ?? [])
          places.set(`${src.id}:${t.file}:${n}`, `${src.id}:${base}#header`);
        for (const r of located?.dataRows ?? [])
          places.set(`${src.id}:${t.file}:${r.n}`, `${src.id}:${base}#${++k}`);
      }
    }
  }
  return places;
}

/**
 * What must not change: per-source counts, and each finding by source, row and code (file names differ). With
 * `places`, a row is named by its place among the file's data rows instead of its number.
 */
function accounting(r: PipelineResult, places?: Map<string, string>) {
  const IGNORED = new Set(['sheet-ignored', 'mixed-encoding']);
  const row = (source: string, file: string | null | undefined, n: number | null | undefined) =>
    places ? (places.get(`${source}:${file}:${n}`) ?? `${source}:${n}`) : `${source}:${n}`;
  return {
    totals: r.report.totals,
    sources: r.report.sources,
    problems: r.report.problems
      .filter((p) => !IGNORED.has(p.code))
      .map((p) => `${row(p.source, p.file, p.row)}:${p.column}:${p.code}:${p.severity}`)
      .sort(),
    hidden: r.report.hidden.map((h) => `${row(h.source, h.file, h.row)}:${h.reason}`).sort(),
    institutions: r.data.institutions.map((i) => `${i.id}:${i.name}:${i.status}:${i.lists.join('/')}`).sort(),
  };
}

let original: PipelineResult;
beforeAll(async () => {
  original = await runPipeline(sources, AS_OF);
});

describe.each(['html', 'html-gb18030', 'docx', 'doc', 'xls', 'pdf', 'platform-json'] as const)(
  're-published as %s',
  (format) => {
    it('gives the same accounting, rejections, warnings and hidden penalties', async () => {
      const copies = await Promise.all(sources.map((s) => republish(s, format)));
      const again = await runPipeline(copies, AS_OF);
      // Every copy was read; all ten table files were copied (PDF: those that fit a page, seven).
      const copied = copies.flatMap((s) => s.files).filter((f) => f.name.endsWith(`.${EXT[format]}`));
      expect(copied.length).toBe({ 'platform-json': 11, pdf: 7 }[format as string] ?? 10);
      expect(
        again.data.sources
          .flatMap((s) => s.files)
          .filter((f) => f.endsWith(`.${EXT[format]}`))
          .sort(),
      ).toEqual(copied.map((f) => f.name).sort());
      const renumbered = RENUMBERED.has(format);
      const a = accounting(again, renumbered ? await rowPlaces(copies) : undefined);
      const o = accounting(original, renumbered ? await rowPlaces(sources) : undefined);
      // Findings about the totals are compared after the per-finding lists, so a difference shows what changed.
      expect(a.problems).toEqual(o.problems);
      expect(a.hidden).toEqual(o.hidden);
      expect(a.sources).toEqual(o.sources);
      expect(a.institutions).toEqual(o.institutions);
      expect(a.totals).toEqual(o.totals);
    });
  },
);
