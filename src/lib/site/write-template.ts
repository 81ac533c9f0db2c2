/**
 * The template files: a CSV (UTF-8 with BOM, so that Excel and WPS open it in Chinese) and an XLSX with the data
 * sheet first and a 填写说明 sheet after it. Same spec → same bytes: the workbook's dates and every zip entry's time
 * are fixed.
 */
import ExcelJS from 'exceljs';
import { fixZipTimes } from '../sample/fix-zip-times.ts';
import { TEMPLATE_RULES, type TemplateSpec } from './template-spec.ts';

/** Written into the workbook's properties and zip entries instead of the build time. */
const FIXED_TIME = new Date(Date.UTC(2026, 0, 1));
const AUTHOR = '发布模板';

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function templateCsv(spec: TemplateSpec): string {
  const lines = [spec.columns.map((c) => c.header), spec.columns.map((c) => c.example)];
  return `\uFEFF${lines.map((l) => l.map(quote).join(',')).join('\r\n')}\r\n`;
}

export const INSTRUCTIONS_SHEET = '填写说明';

/** Rows of the 填写说明 sheet: the general rules, then one row per column. */
export function instructionRows(spec: TemplateSpec): string[][] {
  return [
    [`${spec.title}：填写说明`],
    ...TEMPLATE_RULES.map((r, i) => [`${i + 1}. ${r}`]),
    [],
    ['列名', '含义', '是否必填', '可填写的值与格式', '示例', '也可使用的列名'],
    ...spec.columns.map((c) => [
      c.header,
      c.meaning,
      c.required ? '必填' : '选填',
      c.format,
      c.example,
      c.aliases.join('、'),
    ]),
  ];
}

export async function templateXlsx(spec: TemplateSpec): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.creator = AUTHOR;
  wb.lastModifiedBy = AUTHOR;
  wb.created = FIXED_TIME;
  wb.modified = FIXED_TIME;
  const data = wb.addWorksheet(spec.sheet);
  // Text cells throughout: a 统一社会信用代码 or a date typed into a General cell would otherwise be reinterpreted.
  data.columns = spec.columns.map((c) => ({
    width: Math.max(12, c.header.length * 2 + 2),
    style: { numFmt: '@' },
  }));
  data.addRow(spec.columns.map((c) => c.header)).font = { bold: true };
  data.addRow(spec.columns.map((c) => c.example));
  data.views = [{ state: 'frozen', ySplit: 1 }];

  const notes = wb.addWorksheet(INSTRUCTIONS_SHEET);
  notes.columns = [{ width: 22 }, { width: 50 }, { width: 10 }, { width: 60 }, { width: 30 }, { width: 40 }];
  for (const row of instructionRows(spec)) notes.addRow(row);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return new Uint8Array(fixZipTimes(buffer, FIXED_TIME));
}
