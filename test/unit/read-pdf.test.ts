/** Text PDFs printed from a spreadsheet: wrapped cells, the header repeated on each page; scans need OCR. */
import { describe, expect, it } from 'vitest';
import { locateTable } from '../../src/lib/ingest/map-headers.ts';
import { detectFormat, readFile } from '../../src/lib/ingest/read-file.ts';
import type { UnreadableFileError } from '../../src/lib/ingest/read-json.ts';
import type { RawTable } from '../../src/lib/ingest/table.ts';
import { textPdf } from '../../src/lib/sample/write-pdf.ts';

const ctx = { isDataTable: (t: RawTable) => locateTable(t, 'institutions') !== null };
const rows = Array.from({ length: 45 }, (_, i) => [
  String(i + 1),
  `某某婴幼儿托育服务有限公司第${i + 1}分园`,
  `某区某街道某路${i + 1}号某小区`,
]);
const table = {
  title: '某区托育机构备案名单',
  header: ['序号', '机构名称', '地址'],
  widths: [4, 8, 10],
  rows,
};

describe('readPdf', () => {
  it('rebuilds rows and columns, joining wrapped cells, page by page under the repeated header', async () => {
    const bytes = textPdf(table);
    expect(detectFormat('名单.pdf', bytes)).toBe('pdf');
    const tables = await readFile('名单.pdf', bytes, ctx);
    expect(tables.length).toBeGreaterThan(1);
    expect(tables[0]?.file).toBe('名单.pdf · 第1页');
    const data = tables.flatMap(
      (t) => locateTable(t, 'institutions')?.dataRows.map((r) => [t.file, r.n, r.cells]) ?? [],
    );
    expect(data.map(([, , cells]) => cells)).toEqual(rows);
    // Page 1: title (row 1), header (row 2), then the first data row is row 3.
    expect(data[0]?.slice(0, 2)).toEqual(['名单.pdf · 第1页', 3]);
    expect(data.find(([f]) => f === '名单.pdf · 第2页')?.[1]).toBe(2);
  });

  it('a PDF without a text layer is one needs-ocr problem', async () => {
    await expect(readFile('扫描件.pdf', textPdf(table, { scanned: true }), ctx)).rejects.toMatchObject({
      code: 'needs-ocr',
    } satisfies Partial<UnreadableFileError>);
  });

  it('a damaged PDF is one corrupt-file problem', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog');
    await expect(readFile('坏.pdf', bytes, ctx)).rejects.toMatchObject({ code: 'corrupt-file' });
  });
});
