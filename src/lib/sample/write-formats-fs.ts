/**
 * `npm run sample -- --formats`: after the sample, the first institutions list re-published in every form agencies
 * use — a notice page in UTF-8 and in GB18030, an old Excel workbook, a Word document, a text PDF, a data platform's
 * nested JSON — each as a source of its own (`<id>-as-<form>`), plus a scanned PDF (no text layer) that must end as
 * one `needs-ocr` problem. The copies carry the same rows, so they merge into the same institutions.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { locateTable } from '../ingest/map-headers.ts';
import { loadSources } from '../ingest/pipeline-fs.ts';
import { readFile } from '../ingest/read-file.ts';
import { cellText } from '../ingest/table.ts';
import { excel97Workbook, noticePage, type Sheet, wordDocument } from './republish.ts';
import { textPdf } from './write-pdf.ts';

export async function writeFormatCopies(out: string): Promise<string[]> {
  const src = loadSources(out).find(
    (s) =>
      /kind:\s*institutions/.test(s.manifestText ?? '') &&
      s.files[0]?.bytes &&
      /\.(csv|xlsx)$/.test(s.files[0].name),
  );
  const file = src?.files[0];
  if (!src || !file?.bytes) return [];
  const [table] = await readFile(file.name, file.bytes, { isDataTable: () => true });
  if (!table) return [];
  const sheet: Sheet = { rows: [] };
  for (const r of table.rows) {
    while (sheet.rows.length < r.n - 1) sheet.rows.push([]);
    sheet.rows[r.n - 1] = r.cells.map((c) => c ?? null);
  }
  const located = locateTable(table, 'institutions');
  const headers = located?.columns.map((c) => c.header) ?? [];
  const data = (located?.dataRows ?? []).map((r) => headers.map((_, i) => cellText(r.cells[i] ?? null)));
  const pdf = {
    title: src.id,
    header: headers,
    rows: data,
    widths: headers.map((h) => Math.max(4, Math.min(14, h.length + 4))),
  };
  const records = data.map((cells) => Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])));
  const base = file.name.replace(/\.[a-z]+$/, '');
  const copies: Array<[string, string, Uint8Array]> = [
    ['notice-utf8', `${base}.html`, noticePage(src.id, [sheet])],
    ['notice-gb18030', `${base}.htm`, noticePage(src.id, [sheet], 'gb18030')],
    ['xls', `${base}.xls`, excel97Workbook([sheet])],
    ['docx', `${base}.docx`, wordDocument(src.id, [sheet])],
    ['pdf', `${base}.pdf`, textPdf(pdf)],
    [
      'platform-json',
      'page-1.json',
      new TextEncoder().encode(
        JSON.stringify({ code: 200, responseData: { total: records.length, dataList: records } }),
      ),
    ],
    ['scanned-pdf', `${base}-扫描件.pdf`, textPdf(pdf, { scanned: true })],
  ];
  const written: string[] = [];
  for (const [form, name, bytes] of copies) {
    const id = `${src.id}-as-${form}`;
    const dir = join(out, 'sources', id);
    await mkdir(dir, { recursive: true });
    const manifest = (src.manifestText ?? '').split(file.name).join(name);
    await writeFile(join(dir, 'source.yml'), manifest);
    await writeFile(join(dir, name), bytes);
    written.push(id);
  }
  return written;
}
