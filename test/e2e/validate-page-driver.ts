/**
 * Drives the /validate/ page as a clerk would: the files of one source chosen in the order of its source.yml, the
 * form filled from the same manifest, and the problem list read back. Shared by the test and the screenshot script.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import type { Problem } from '../../src/lib/domain/schemas.ts';
import { checkManifest } from '../../src/lib/ingest/check-manifest.ts';
import { readFile } from '../../src/lib/ingest/read-file.ts';
import { regionInfo } from '../../src/lib/ingest/resolve-region.ts';
import type { Sheet } from '../../src/lib/sample/republish.ts';
import type { PdfTable } from '../../src/lib/sample/write-pdf.ts';

/** The manifest keys the form has a field for (the page builds source.yml from these alone). */
const FORM_KEYS = new Set([
  'kind',
  'sector',
  'list',
  'stage',
  'action',
  'batch',
  'publisher',
  'title',
  'document_number',
  'published',
  'url',
  'retrieved',
  'region',
  'crs',
  'files',
  'columns',
  'tables',
]);

/** The coordinate systems the form offers. */
const CRS = new Set(['wgs84', 'gcj02']);

export interface FixtureSource {
  id: string;
  dir: string;
  manifest: Record<string, unknown>;
  files: string[];
}

/**
 * Every source of a data directory whose manifest the form can express, the manifest check accepts (the form
 * refuses the others before the pipeline runs) and whose files are all there.
 */
export function formSources(dataDir: string, opts: { allowExtraKeys?: boolean } = {}): FixtureSource[] {
  const out: FixtureSource[] = [];
  const root = join(dataDir, 'sources');
  for (const id of readdirSync(root).sort()) {
    const dir = join(root, id);
    let manifest: Record<string, unknown>;
    try {
      manifest = parse(readFileSync(join(dir, 'source.yml'), 'utf8')) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (!manifest || typeof manifest !== 'object' || !Array.isArray(manifest.files)) continue;
    if (!opts.allowExtraKeys && Object.keys(manifest).some((k) => !FORM_KEYS.has(k))) continue;
    if (!checkManifest(id, readFileSync(join(dir, 'source.yml'), 'utf8')).manifest) continue;
    const present = new Set(readdirSync(dir));
    const files = manifest.files as string[];
    if (files.length === 0 || !files.every((f) => typeof f === 'string' && present.has(f))) continue;
    if (manifest.crs !== undefined && !CRS.has(String(manifest.crs))) continue;
    // The page picks the region from GB/T 2260 by name: a code that is not there cannot be picked.
    if (!regionInfo(String(manifest.region))) continue;
    out.push({ id, dir, manifest, files });
  }
  return out;
}

export type ProblemKey = Pick<Problem, 'code' | 'file' | 'row' | 'column' | 'message'>;

export const problemKey = (p: Problem): ProblemKey => ({
  code: p.code,
  file: p.file,
  row: p.row,
  column: p.column,
  message: p.message,
});

/** YAML reads an unquoted date as a Date. */
const dateText = (v: unknown) =>
  v instanceof Date ? v.toISOString().slice(0, 10) : v === undefined || v === null ? '' : String(v);

/** As many rows of a repeatable group as entries (rows left from an earlier check are removed), each filled. */
async function fillRows<T>(
  page: Page,
  group: string,
  entries: T[],
  fill: (i: number, e: T) => Promise<void>,
) {
  // The kind is chosen first: a mapping's labels are the kind's fields.
  while ((await page.locator(`#v-${group} > li`).count()) > entries.length)
    await page.click(`#v-${group} > li:last-child .v-row-remove`);
  while ((await page.locator(`#v-${group} > li`).count()) < entries.length)
    await page.click(`#v-${group}-add`);
  for (const [i, e] of entries.entries()) await fill(i, e);
}

/** Fills the form from a manifest (the region by its full name) and runs the check; waits for its outcome. */
export async function checkOnPage(page: Page, src: FixtureSource, asOf: string): Promise<void> {
  const m = src.manifest;
  const text = (k: string) => (m[k] === undefined || m[k] === null ? '' : String(m[k]));
  await page.locator('#v-form[data-ready]').waitFor();
  await page.setInputFiles(
    '#v-files',
    src.files.map((f) => join(src.dir, f)),
  );
  await page.selectOption('#v-kind', text('kind'));
  await page.selectOption('#v-sector', text('sector'));
  await page.selectOption('#v-list', text('list'));
  await page.selectOption('#v-stage', text('stage') === 'final' ? '' : text('stage'));
  await page.selectOption('#v-action', text('action'));
  await page.fill('#v-batch', text('batch'));
  await page.fill('#v-publisher', text('publisher'));
  await page.fill('#v-title', text('title'));
  await page.fill('#v-documentNumber', text('document_number'));
  await page.fill('#v-published', dateText(m.published));
  await page.fill('#v-url', text('url'));
  await page.fill('#v-retrieved', dateText(m.retrieved));
  await page.selectOption('#v-crs', text('crs'));
  await fillRows(
    page,
    'columns',
    Object.entries((m.columns ?? {}) as Record<string, string>),
    async (i, [h, l]) => {
      await page.fill(`#v-columns-${i}-header`, h);
      await page.selectOption(`#v-columns-${i}-label`, l);
    },
  );
  await fillRows(page, 'tables', (m.tables ?? []) as Array<Record<string, unknown>>, async (i, t) => {
    await page.fill(`#v-tables-${i}-match`, t.match === undefined ? '' : String(t.match));
    await page.fill(`#v-tables-${i}-table`, t.table === undefined ? '' : String(t.table));
    await page.selectOption(`#v-tables-${i}-list`, t.list === undefined ? '' : String(t.list));
    await page.selectOption(`#v-tables-${i}-stage`, t.stage === undefined ? '' : String(t.stage));
  });
  await page.fill('#v-region', regionInfo(text('region'))?.fullName ?? text('region'));
  await page.fill('#v-id', src.id);
  await page.fill('#v-asOf', asOf);
  await page.evaluate(() => document.getElementById('v-result')?.setAttribute('hidden', ''));
  await page.click('#v-submit');
  await page.locator('#v-result:not([hidden]), #v-errors:not([hidden])').first().waitFor();
  await page.locator('#v-submit:not([disabled])').waitFor();
}

/** The problems as the page lists them. */
export async function pageProblems(page: Page): Promise<ProblemKey[]> {
  return page.$$eval('#v-problem-table tbody tr[data-code]', (rows) =>
    rows.map((r) => {
      const tr = r as HTMLElement;
      return {
        code: tr.dataset.code as ProblemKey['code'],
        file: tr.dataset.file ?? '',
        row: tr.dataset.row === '' ? null : Number(tr.dataset.row),
        column: tr.dataset.column === '' ? null : (tr.dataset.column ?? null),
        message: tr.querySelector('.v-message')?.textContent ?? '',
      };
    }),
  );
}

/** The first table of a file as a spreadsheet shows it: row n at index n - 1. */
export async function sheetOf(name: string, bytes: Uint8Array): Promise<Sheet> {
  const [t] = await readFile(name, bytes, { isDataTable: () => true });
  const rows: Sheet['rows'] = [];
  for (const r of t?.rows ?? []) {
    while (rows.length < r.n - 1) rows.push([]);
    rows[r.n - 1] = r.cells.map((c) => c ?? null);
  }
  return { rows };
}

/** A sheet printed to PDF: its first row as the header, every cell as text. */
export function pdfTable(title: string, s: Sheet): PdfTable {
  const [head = [], ...rows] = s.rows.map((r) =>
    r.map((c) => (c === null || c === undefined ? '' : String(c))),
  );
  return { title, header: head, rows, widths: head.map((h) => Math.max(4, Math.min(14, h.length + 4))) };
}
