/**
 * The publishing templates as a clerk downloads them from the built site: each CSV and XLSX, filled with one more
 * row, validates with zero problems; the templates page links every file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { TEMPLATE_SPECS, type TemplateSpec } from '../../src/lib/site/template-spec.ts';
import { filledRow, templateManifest } from '../unit/template-fill.ts';
import { builtSite } from './downloads-site.ts';

let dist = '';
beforeAll(() => {
  dist = builtSite();
});

async function validate(spec: TemplateSpec, file: string, bytes: Uint8Array) {
  const { report } = await runPipeline(
    [
      {
        id: 'filled',
        manifestText: templateManifest(spec.kind, file),
        files: [{ name: file, bytes }],
        unlisted: [],
      },
    ],
    '2026-11-24',
  );
  return report;
}

describe.each(TEMPLATE_SPECS.map((s) => [s.file, s] as [string, TemplateSpec]))('%s', (file, spec) => {
  it('CSV from the site, filled with a row: zero problems', async () => {
    const text = readFileSync(join(dist, 'downloads/templates', `${file}.csv`), 'utf8');
    const bytes = new TextEncoder().encode(`${text}${filledRow(spec).join(',')}\r\n`);
    const report = await validate(spec, `${file}.csv`, bytes);
    expect(report.problems).toEqual([]);
    expect(report.totals.published).toBe(2);
  });

  it('XLSX from the site, filled with a row: zero problems', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dist, 'downloads/templates', `${file}.xlsx`)) as never);
    wb.worksheets[0]?.addRow(filledRow(spec));
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const report = await validate(spec, `${file}.xlsx`, bytes);
    expect(report.problems).toEqual([]);
    expect(report.totals.published).toBe(2);
  });

  it('is linked from the templates page', () => {
    const html = readFileSync(join(dist, 'downloads/templates/index.html'), 'utf8');
    expect(html).toContain(`${file}.csv"`);
    expect(html).toContain(`${file}.xlsx"`);
  });
});
