/**
 * The publishing templates as the pipeline reads them: each CSV and XLSX, with its example row and one row a clerk
 * filled in, validates with no finding at all, and the XLSX's 填写说明 sheet documents every column.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SourceKind } from '../../src/lib/domain/schemas.ts';
import { isInstructionSheet } from '../../src/lib/ingest/instruction-sheet.ts';
import { runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import {
  TEMPLATE_EXAMPLE_DATE,
  TEMPLATE_EXAMPLE_REGION,
  TEMPLATE_SPECS,
  type TemplateSpec,
} from '../../src/lib/site/template-spec.ts';
import { INSTRUCTIONS_SHEET, templateCsv, templateXlsx } from '../../src/lib/site/write-template.ts';
import { filledRow, templateManifest } from './template-fill.ts';

async function validate(kind: SourceKind, file: string, bytes: Uint8Array) {
  const result = await runPipeline(
    [
      {
        id: 'template',
        manifestText: templateManifest(kind, file),
        files: [{ name: file, bytes }],
        unlisted: [],
      },
    ],
    '2026-11-24',
  );
  return result.report;
}

async function xlsxWithRow(bytes: Uint8Array, row: string[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  wb.worksheets[0]?.addRow(row);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function csvWithRow(text: string, row: string[]): Uint8Array {
  return new TextEncoder().encode(`${text}${row.join(',')}\r\n`);
}

describe.each(TEMPLATE_SPECS.map((s) => [s.kind, s] as [string, TemplateSpec]))(
  '%s template',
  (_kind, spec) => {
    it('names its kind in the file name and carries every required field', () => {
      expect(spec.file).toContain(spec.kind);
      expect(spec.columns.filter((c) => c.required).length).toBeGreaterThan(0);
      expect(spec.columns.every((c) => c.meaning && c.format)).toBe(true);
    });

    it('CSV: example row and a filled row validate with zero problems, both published', async () => {
      const report = await validate(spec.kind, 'a.csv', csvWithRow(templateCsv(spec), filledRow(spec)));
      expect(report.problems).toEqual([]);
      expect(report.totals).toMatchObject({ rows: 2, rejected: 0, hidden: 0 });
    });

    it('XLSX: example row and a filled row validate with zero problems, both published', async () => {
      const bytes = await xlsxWithRow(await templateXlsx(spec), filledRow(spec));
      const report = await validate(spec.kind, 'a.xlsx', bytes);
      expect(report.problems).toEqual([]);
      expect(report.totals).toMatchObject({ rows: 2, rejected: 0, hidden: 0 });
    });

    it('XLSX: the 填写说明 sheet lists every column with required or not, format and example', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await templateXlsx(spec)) as never);
      expect(wb.worksheets.map((w) => w.name)).toEqual([spec.sheet, INSTRUCTIONS_SHEET]);
      const notes = wb.getWorksheet(INSTRUCTIONS_SHEET);
      const rows: string[][] = [];
      notes?.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      for (const c of spec.columns) {
        const row = rows.find((r) => r[0] === c.header);
        expect(row, c.header).toBeDefined();
        expect(row?.[2]).toBe(c.required ? '必填' : '选填');
        expect(row?.[3]).toBe(c.format);
      }
    });

    it('same bytes on every build', async () => {
      const a = await templateXlsx(spec);
      await new Promise((r) => setTimeout(r, 1100));
      expect(Buffer.from(await templateXlsx(spec)).equals(Buffer.from(a))).toBe(true);
    });
  },
);

it('the example notice details are a real region and a past date', () => {
  expect(TEMPLATE_EXAMPLE_REGION).toMatch(/^\d{6}$/);
  expect(TEMPLATE_EXAMPLE_DATE < '2026-11-24').toBe(true);
});

it.each([
  ['a.xlsx[填写说明]', true],
  ['a.xlsx[ 说明 ]', true],
  ['a.xlsx[Sheet2]', false],
  ['填写说明.xlsx', false],
])('%s is an instructions sheet: %s', (file, yes) => {
  expect(isInstructionSheet(file)).toBe(yes);
});
