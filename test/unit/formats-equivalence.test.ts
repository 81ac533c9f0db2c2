/**
 * The bundled sample re-published as agencies also publish it — a notice page (UTF-8 and GB18030), a Word document
 * (.docx, and .doc: LibreOffice's conversion of that .docx, checked in under test/fixtures/doc/samples), an old
 * Excel workbook — gives the same accounting, rejections (same rows), warnings and hidden penalties as the CSV/XLSX
 * originals.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { readFile } from '../../src/lib/ingest/read-file.ts';
import { type LoadedSource, type PipelineResult, runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { excel97Workbook, noticePage, type Sheet, wordDocument } from '../../src/lib/sample/republish.ts';

const AS_OF = '2026-11-24';
const sources = loadSources(join(import.meta.dirname, '../fixtures/samples'));

type Format = 'html' | 'html-gb18030' | 'docx' | 'doc' | 'xls';
const EXT: Record<Format, string> = {
  html: 'html',
  'html-gb18030': 'htm',
  docx: 'docx',
  doc: 'doc',
  xls: 'xls',
};
const DOC_SAMPLES = join(import.meta.dirname, '../fixtures/doc/samples');

/** The first table of a file as a spreadsheet shows it: row n at index n - 1, blank rows where there were none. */
async function sheetOf(name: string, bytes: Uint8Array): Promise<Sheet> {
  const [t] = await readFile(name, bytes, { isDataTable: () => true });
  const rows: Sheet['rows'] = [];
  for (const r of t?.rows ?? []) {
    while (rows.length < r.n - 1) rows.push([]);
    rows[r.n - 1] = r.cells.map((c) => c ?? null);
  }
  return { rows };
}

async function republish(src: LoadedSource, format: Format): Promise<LoadedSource> {
  const renames = new Map<string, string>();
  const files = [];
  for (const f of src.files) {
    if (!f.bytes || f.name.endsWith('.json')) {
      files.push(f);
      continue;
    }
    const sheet = await sheetOf(f.name, f.bytes);
    const name = `${f.name.replace(/\.[a-z]+$/, '')}.${EXT[format]}`;
    renames.set(f.name, name);
    const bytes =
      format === 'doc'
        ? new Uint8Array(readFileSync(join(DOC_SAMPLES, src.id, name)))
        : format === 'docx'
          ? wordDocument(src.id, [sheet])
          : format === 'xls'
            ? excel97Workbook([sheet])
            : noticePage(src.id, [sheet], format === 'html' ? 'utf-8' : 'gb18030');
    files.push({ name, bytes });
  }
  let manifestText = src.manifestText ?? '';
  for (const [from, to] of renames) manifestText = manifestText.split(from).join(to);
  return { ...src, manifestText, files };
}

/** What must not change: per-source counts, and each finding by source, row and code (file names differ). */
function accounting(r: PipelineResult) {
  const IGNORED = new Set(['sheet-ignored', 'mixed-encoding']);
  return {
    totals: r.report.totals,
    sources: r.report.sources,
    problems: r.report.problems
      .filter((p) => !IGNORED.has(p.code))
      .map((p) => `${p.source}:${p.row}:${p.column}:${p.code}:${p.severity}`)
      .sort(),
    hidden: r.report.hidden.map((h) => `${h.source}:${h.row}:${h.reason}`).sort(),
    institutions: r.data.institutions.map((i) => `${i.id}:${i.name}:${i.status}:${i.lists.join('/')}`).sort(),
  };
}

let original: PipelineResult;
beforeAll(async () => {
  original = await runPipeline(sources, AS_OF);
});

describe.each(['html', 'html-gb18030', 'docx', 'doc', 'xls'] as const)('re-published as %s', (format) => {
  it('gives the same accounting, rejections, warnings and hidden penalties', async () => {
    const again = await runPipeline(await Promise.all(sources.map((s) => republish(s, format))), AS_OF);
    expect(
      again.data.sources.flatMap((s) => s.files).filter((f) => f.endsWith(`.${EXT[format]}`)),
    ).toHaveLength(10);
    const a = accounting(again);
    const o = accounting(original);
    // Findings about the totals are compared after the per-finding lists, so a difference shows what changed.
    expect(a.problems).toEqual(o.problems);
    expect(a.hidden).toEqual(o.hidden);
    expect(a.sources).toEqual(o.sources);
    expect(a.institutions).toEqual(o.institutions);
    expect(a.totals).toEqual(o.totals);
  });
});
