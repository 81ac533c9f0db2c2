/**
 * Reads a table printed to PDF from Excel or Word by rebuilding rows and columns from the text positions (pdfjs).
 * Columns start where the header's labels start; a line whose first column is empty and that follows the line above
 * at line spacing continues the cells above (a cell that wraps); a header repeated at the top of a page is read as
 * that page's header. Each page is a table of its own, `file · 第2页`, its rows numbered from the top of the page,
 * so a finding reads `file · 第2页:5`. A PDF with no text at all is a scan: `needs-ocr`.
 */
import { MAX_PDF_PAGES } from './limits.ts';
import { type PdfAssets, pdfAssets } from './pdf-assets.ts';
import { UnreadableFileError } from './read-json.ts';
import type { Cell, RawRow, RawTable } from './table.ts';

export interface ReadPdfOptions {
  isDataTable: (t: RawTable) => boolean;
  assets?: PdfAssets;
}

const PAGE_NUMBER =
  /^[-—\s]*(第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|[-—]\s*\d+\s*[-—])\s*$/;

interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Line {
  y: number;
  h: number;
  items: Item[];
}

/** Items on one baseline (within half a text height) make a line; lines top to bottom, items left to right. */
function linesOf(items: Item[]): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - it.y) <= Math.max(last.h, it.h, 2) * 0.5) last.items.push(it);
    else lines.push({ y: it.y, h: it.h, items: [it] });
  }
  for (const l of lines) l.items.sort((a, b) => a.x - b.x);
  return lines;
}

/** A line's text runs: items closer than a third of a character are one run. */
function runs(line: Line): Item[] {
  const out: Item[] = [];
  for (const it of line.items) {
    const prev = out[out.length - 1];
    if (prev && it.x - (prev.x + prev.w) < Math.max(prev.h, 1) * 0.33) {
      prev.str += it.str;
      prev.w = it.x + it.w - prev.x;
    } else out.push({ ...it });
  }
  return out;
}

function cellsOn(line: Line, starts: number[]): string[] {
  const cells = starts.map(() => '');
  for (const r of runs(line)) {
    let col = 0;
    for (let i = 0; i < starts.length; i++) if ((starts[i] as number) <= r.x + r.h * 0.5) col = i;
    cells[col] += r.str;
  }
  return cells.map((c) => c.trim());
}

export async function readPdf(file: string, bytes: Uint8Array, opts: ReadPdfOptions): Promise<RawTable[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const assets = opts.assets ?? pdfAssets();
  const task = getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: assets.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: assets.standardFontDataUrl,
    disableFontFace: true,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy();
    const msg = (e as Error).message ?? '';
    if (/password/i.test(msg))
      throw new UnreadableFileError('corrupt-file', 'PDF 已加密，无法读取；请发布不加密的文件');
    throw new UnreadableFileError('corrupt-file', `PDF 文件已损坏或不完整，无法打开（${msg}）`);
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES) {
      throw new UnreadableFileError(
        'file-too-large',
        `PDF 有 ${doc.numPages} 页，超过可读取的上限 ${MAX_PDF_PAGES} 页，未读取`,
      );
    }
    const pages: Line[][] = [];
    let chars = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const raw of content.items) {
        if (!('str' in raw) || raw.str.trim() === '') continue;
        const [, , c = 0, d = 0, x = 0, y = 0] = raw.transform as number[];
        chars += raw.str.length;
        items.push({ str: raw.str, x, y, w: raw.width, h: raw.height || Math.hypot(c, d) });
      }
      pages.push(linesOf(items).filter((l) => !PAGE_NUMBER.test(l.items.map((i) => i.str).join(''))));
      page.cleanup();
    }
    if (chars === 0) {
      throw new UnreadableFileError(
        'needs-ocr',
        `PDF 共 ${doc.numPages} 页，没有文字层（扫描件或图片），无法读取其中的名单；请改用原始表格文件，或人工录入（OCR）后发布，本文件计为未读取`,
      );
    }
    return tablesOf(file, pages, opts.isDataTable);
  } finally {
    await task.destroy();
  }
}

function tablesOf(file: string, pages: Line[][], isDataTable: (t: RawTable) => boolean): RawTable[] {
  // The header: the first line whose runs name known fields; its runs' left edges are the column starts.
  let header: { starts: number[]; cells: string[] } | null = null;
  for (const lines of pages) {
    for (const l of lines) {
      const rs = runs(l);
      const cells = rs.map((r) => r.str.trim());
      if (isDataTable({ file, rows: [{ n: 1, cells }], notes: [] })) {
        header = { starts: rs.map((r) => r.x), cells };
        break;
      }
    }
    if (header) break;
  }
  if (!header) {
    throw new UnreadableFileError('no-data-table', 'PDF 中没有找到表格的表头（如“机构名称”），未读取');
  }
  const { starts, cells: headerCells } = header;
  const tables: RawTable[] = [];
  pages.forEach((lines, i) => {
    const rows: RawRow[] = [];
    let prev: { line: Line; row: RawRow } | null = null;
    let sawHeader = false;
    for (const line of lines) {
      const cells = cellsOn(line, starts);
      const isHeader = cells.join('\u0000') === headerCells.join('\u0000');
      if (isHeader) sawHeader = true;
      // A wrapped cell: the first column is empty and the line sits at line spacing under the one above.
      const continues =
        prev !== null &&
        !isHeader &&
        cells[0] === '' &&
        prev.line.y - line.y <= Math.max(line.h, prev.line.h) * 1.45;
      if (continues && prev) {
        const target = prev.row.cells as Cell[];
        cells.forEach((c, k) => {
          if (c) target[k] = `${(target[k] as string | null) ?? ''}${c}`;
        });
        prev = { line, row: prev.row };
        continue;
      }
      const row: RawRow = { n: rows.length + 1, cells: cells.map((c) => (c === '' ? null : c)) };
      rows.push(row);
      prev = { line, row };
    }
    // A page that does not repeat the header still reads under it (row 0: not a row of the page).
    if (!sawHeader && rows.length > 0) rows.unshift({ n: 0, cells: headerCells });
    if (rows.length > 0)
      tables.push({ file: pages.length > 1 ? `${file} · 第${i + 1}页` : file, rows, notes: [] });
  });
  return tables;
}
