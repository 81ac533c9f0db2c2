/**
 * One notice checked as `npm run validate` checks it: the manifest is built from the form's answers by the same
 * scaffold as `npm run new-source`, then the files go through the same pipeline (runPipeline and the readers of
 * read-file.ts). Pure: answers and bytes in, the report and a preview of the tables out. Runs in the browser
 * (/validate/) and in Node (the tests compare the two).
 */
import type { Manifest, Problem } from '../domain/schemas.ts';
import { checkManifest } from '../ingest/check-manifest.ts';
import { locateTable } from '../ingest/map-headers.ts';
import { readFile } from '../ingest/read-file.ts';
import { type PipelineResult, runPipeline } from '../ingest/run-pipeline.ts';
import { type SourceAnswers, scaffoldManifest } from '../ingest/scaffold-source.ts';
import { cellText } from '../ingest/table.ts';

export interface NoticeFile {
  name: string;
  bytes: Uint8Array;
}

/** Rows of one table as read, for showing the problems in place. */
export interface TablePreview {
  file: string;
  /** The header as published, by column index. */
  header: string[];
  headerRow: number | null;
  rows: Array<{ n: number; cells: string[] }>;
  /** Rows not shown (past the preview's length and without a problem). */
  omitted: number;
}

export interface NoticeCheck {
  /** The source.yml the answers make, or null with the reasons in `manifestProblems`. */
  manifestText: string | null;
  manifestProblems: Problem[];
  result: PipelineResult | null;
  previews: TablePreview[];
  /** Time spent in runPipeline alone (what `npm run validate` does for the source), in milliseconds. */
  pipelineMs: number;
}

/** Rows shown from the top of each table; rows with a problem are shown wherever they are. */
const PREVIEW_ROWS = 30;
/** A cell longer than this is cut in the preview only (the report has the whole finding). */
const PREVIEW_CELL = 120;

export type NoticeAnswers = Omit<SourceAnswers, 'files'>;

export async function checkNotice(
  answers: NoticeAnswers,
  files: NoticeFile[],
  asOf: string,
): Promise<NoticeCheck> {
  const scaffold = scaffoldManifest({ ...answers, files: files.map((f) => f.name) });
  if (scaffold.text === null) {
    return {
      manifestText: null,
      manifestProblems: scaffold.problems,
      result: null,
      previews: [],
      pipelineMs: 0,
    };
  }
  const source = { id: answers.id, manifestText: scaffold.text, files, unlisted: [] };
  const started = performance.now();
  const result = await runPipeline([source], asOf);
  const pipelineMs = performance.now() - started;
  const manifest = checkManifest(answers.id, scaffold.text).manifest as Manifest;
  const previews = await previewTables(manifest, files, result.report.problems);
  return { manifestText: scaffold.text, manifestProblems: [], result, previews, pipelineMs };
}

/** The tables again, as the pipeline found them (a file it could not read has none). */
async function previewTables(manifest: Manifest, files: NoticeFile[], problems: Problem[]) {
  const ctx = {
    isDataTable: (t: Parameters<typeof locateTable>[0]) =>
      locateTable(t, manifest.kind, manifest.columns) !== null,
    numberedList: manifest.numbered_list,
    recordsPath: manifest.records,
  };
  const previews: TablePreview[] = [];
  for (const f of files) {
    let tables: Awaited<ReturnType<typeof readFile>>;
    try {
      tables = f.bytes.length === 0 ? [] : await readFile(f.name, f.bytes, ctx);
    } catch {
      continue; // the report already says why
    }
    for (const table of tables) {
      const located = locateTable(table, manifest.kind, manifest.columns);
      if (!located) continue;
      const flagged = new Set(problems.filter((p) => p.file === table.file).map((p) => p.row));
      const shown = located.dataRows.filter((r, i) => i < PREVIEW_ROWS || flagged.has(r.n));
      const header: string[] = [];
      for (const c of located.columns) header[c.index] = c.header;
      previews.push({
        file: table.file,
        header: Array.from(header, (h) => h ?? ''),
        headerRow: located.headerRows[located.headerRows.length - 1] ?? null,
        rows: shown.map((r) => ({ n: r.n, cells: r.cells.map((c) => cut(cellText(c))) })),
        omitted: located.dataRows.length - shown.length,
      });
    }
  }
  return previews;
}

function cut(text: string): string {
  return text.length > PREVIEW_CELL ? `${text.slice(0, PREVIEW_CELL)}…` : text;
}
