/**
 * The readers' limits (limits.ts) that no other test reaches: a file past each is one file-level problem in Chinese,
 * never a crash or a hang; a merge wider than the span limit is cut to it and read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  MAX_CELLS,
  MAX_DOCUMENT_CELLS,
  MAX_PDF_PAGES,
  MAX_SPAN,
  MAX_TABLE_DEPTH,
  UnreadableFileError,
} from '../../src/lib/ingest/limits.ts';
import { readDoc } from '../../src/lib/ingest/read-doc.ts';
import { readDocx } from '../../src/lib/ingest/read-docx.ts';
import { readFile } from '../../src/lib/ingest/read-file.ts';
import { readHtml } from '../../src/lib/ingest/read-html.ts';
import { zipStored } from '../../src/lib/sample/write-zip.ts';

const all = { isDataTable: () => true };
const utf8 = (s: string) => new TextEncoder().encode(s);

async function refusal(f: () => unknown): Promise<UnreadableFileError> {
  try {
    await f();
  } catch (e) {
    expect(e).toBeInstanceOf(UnreadableFileError);
    return e as UnreadableFileError;
  }
  throw new Error('expected the file to be refused');
}

/** A .docx whose body is the given table rows (w:tr elements). */
function docx(rows: string): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl>${rows}</w:tbl></w:body></w:document>`;
  return zipStored([{ name: 'word/document.xml', data: utf8(xml) }]);
}
const docxCell = (span: number, text: string) =>
  `<w:tc><w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;

/** Rows enough that each merged across MAX_SPAN columns passes MAX_DOCUMENT_CELLS. */
const OVER = MAX_DOCUMENT_CELLS / MAX_SPAN + 1;

describe('MAX_DOCUMENT_CELLS: tables of a page or Word document, merges filled in', () => {
  it('a page whose merged cells spread past it is refused', () => {
    const page = `<table>${'<tr><td colspan="1000">机构名称</td></tr>'.repeat(OVER)}</table>`;
    const e = readHtmlRefusal(utf8(page));
    expect(e.code).toBe('file-too-large');
    expect(e.message).toContain(MAX_DOCUMENT_CELLS.toLocaleString('en-US'));
  });

  it('a .docx whose merged cells spread past it is refused', async () => {
    const e = await refusal(() =>
      readDocx('a.docx', docx(`<w:tr>${docxCell(MAX_SPAN, '机构名称')}</w:tr>`.repeat(OVER)), all),
    );
    expect(e.code).toBe('file-too-large');
    expect(e.message).toContain(MAX_DOCUMENT_CELLS.toLocaleString('en-US'));
  });

  it('a .doc whose table spreads past it is refused (limit lowered below the fixture’s 12 cells)', async () => {
    vi.resetModules();
    vi.doMock('../../src/lib/ingest/limits.ts', async (original) => ({
      ...(await original<typeof import('../../src/lib/ingest/limits.ts')>()),
      MAX_DOCUMENT_CELLS: 11,
    }));
    try {
      const { readDoc } = await import('../../src/lib/ingest/read-doc.ts');
      const bytes = new Uint8Array(
        readFileSync(join(import.meta.dirname, '../fixtures/doc/tables/merged.doc')),
      );
      let error: { code?: string; message?: string } | undefined;
      try {
        readDoc('a.doc', bytes, all);
      } catch (e) {
        error = e as typeof error;
      }
      expect(error).toMatchObject({
        code: 'file-too-large',
        message: expect.stringContaining('超过 11 个单元格'),
      });
    } finally {
      vi.doUnmock('../../src/lib/ingest/limits.ts');
      vi.resetModules();
    }
  });
});

function readHtmlRefusal(bytes: Uint8Array): UnreadableFileError {
  try {
    readHtml('a.html', bytes, all);
  } catch (e) {
    expect(e).toBeInstanceOf(UnreadableFileError);
    return e as UnreadableFileError;
  }
  throw new Error('expected the page to be refused');
}

describe('MAX_SPAN: a merge wider than it is cut to it, and the table read', () => {
  it('in a page', () => {
    const [t] = readHtml(
      'a.html',
      utf8('<table><tr><td colspan="99999">名单</td></tr><tr><td>甲</td></tr></table>'),
      all,
    );
    expect(t?.rows[0]?.cells).toHaveLength(MAX_SPAN);
  });

  it('in a .docx', () => {
    const [t] = readDocx(
      'a.docx',
      docx(`<w:tr>${docxCell(99999, '名单')}</w:tr><w:tr>${docxCell(1, '甲')}</w:tr>`),
      all,
    );
    expect(t?.rows[0]?.cells).toHaveLength(MAX_SPAN);
    expect(t?.rows[1]?.cells).toEqual(['甲']);
  });
});

/** A PDF of `n` empty pages, with a cross-reference table as a PDF writer makes one. */
function pdfWithPages(n: number): Uint8Array {
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    `<</Type/Pages/Count ${n}/Kids[${Array.from({ length: n }, (_, i) => `${i + 3} 0 R`).join(' ')}]>>`,
    ...Array.from({ length: n }, () => '<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>'),
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj ${o} endobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer <</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return utf8(out);
}

describe('MAX_PDF_PAGES', () => {
  it('a PDF that declares more pages is refused before any page is read', async () => {
    const pdf = pdfWithPages(MAX_PDF_PAGES + 1);
    const e = await refusal(() => readFile('名单.pdf', pdf, all));
    expect(e.code).toBe('file-too-large');
    expect(e.message).toBe(`PDF 有 ${MAX_PDF_PAGES + 1} 页，超过可读取的上限 ${MAX_PDF_PAGES} 页，未读取`);
  });
});

describe('MAX_CELLS for an old-format sheet', () => {
  it('a .xls whose sheet spans more cells (a SYLK sheet with a far cell) is refused', async () => {
    const sylk = 'ID;PWXL;N;E\nC;Y1;X1;K"机构名称"\nC;Y1048576;X16384;K1\nE\n';
    const e = await refusal(() => readFile('名单.xls', utf8(sylk), all));
    expect(e.code).toBe('file-too-large');
    expect(e.message).toContain(MAX_CELLS.toLocaleString('en-US'));
  });
});

describe('MAX_TABLE_DEPTH', () => {
  it('a .doc whose paragraphs claim tables nested deeper is refused', async () => {
    const bytes = new Uint8Array(
      readFileSync(join(import.meta.dirname, '../fixtures/doc/tables/merged.doc')),
    );
    // sprmPItap (0x6649) = 1 on each paragraph of the table: the table depth, raised past the limit.
    const itap = [0x49, 0x66, 0x01, 0x00, 0x00, 0x00];
    let edited = 0;
    for (let i = 0; i + itap.length <= bytes.length; i++) {
      if (itap.every((b, k) => bytes[i + k] === b)) {
        new DataView(bytes.buffer).setUint32(i + 2, 16_000_000, true);
        edited++;
      }
    }
    expect(edited).toBeGreaterThan(0);
    const e = await refusal(() => readDoc('a.doc', bytes, all));
    expect(e.code).toBe('corrupt-file');
    expect(e.message).toContain(`超过 ${MAX_TABLE_DEPTH} 层`);
  });
});
