/**
 * The same rows re-published in the forms agencies use: a notice page (layout tables around the data table, UTF-8
 * or GB18030), a Word document, an old Excel workbook, a numbered list. Each keeps the rows' numbers: row n of the
 * original is the nth `<tr>` / `w:tr` / sheet row, blank rows included. Merged ranges become colspan/rowspan,
 * gridSpan/vMerge or sheet merges. Used by the generator and by the tests that compare formats.
 */
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { zipStored } from './write-zip.ts';

export type Value = string | number | boolean | Date | null;

/** A table as a spreadsheet shows it: row r (1-based) is rows[r - 1]; merges are 1-based and inclusive. */
export interface Sheet {
  rows: Value[][];
  merges?: Array<{ top: number; left: number; bottom: number; right: number }>;
  /** The paragraph before the table (附件1：…). */
  caption?: string;
}

function text(v: Value): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Which cells a merge covers (not its master), and each master's span. */
function spans(sheet: Sheet) {
  const covered = new Set<string>();
  const master = new Map<string, { rows: number; cols: number }>();
  for (const m of sheet.merges ?? []) {
    master.set(`${m.top},${m.left}`, { rows: m.bottom - m.top + 1, cols: m.right - m.left + 1 });
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r},${c}`);
  }
  return { covered, master };
}

function width(sheet: Sheet): number {
  return sheet.rows.reduce((w, r) => Math.max(w, r.length), 1);
}

function htmlTable(sheet: Sheet): string {
  const { covered, master } = spans(sheet);
  const w = width(sheet);
  const rows = sheet.rows.map((row, i) => {
    const cells: string[] = [];
    for (let c = 1; c <= w; c++) {
      const key = `${i + 1},${c}`;
      if (covered.has(key)) continue;
      const m = master.get(key);
      const attrs = m
        ? `${m.cols > 1 ? ` colspan="${m.cols}"` : ''}${m.rows > 1 ? ` rowspan="${m.rows}"` : ''}`
        : '';
      // Line breaks inside a cell are published as <br>.
      const body = escapeHtml(text(row[c - 1] ?? null)).replace(/\r?\n/g, '<br/>');
      cells.push(`<td${attrs}><p><span>${body}</span></p></td>`);
    }
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table border="1" cellspacing="0"><tbody>${rows.join('\n')}</tbody></table>`;
}

/** A notice page as government sites publish one: navigation and key-value boxes are tables too. */
export function noticePage(
  title: string,
  sheets: Sheet[],
  encoding: 'utf-8' | 'gb18030' = 'utf-8',
): Uint8Array {
  const charset = encoding === 'gb18030' ? 'gb2312' : 'utf-8';
  const body = sheets
    .map((s) => `${s.caption ? `<p class="MsoNormal">${escapeHtml(s.caption)}</p>` : ''}${htmlTable(s)}`)
    .join('\n<p>&nbsp;</p>\n');
  const html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}"><title>${escapeHtml(title)}</title></head><body>
<table class="nav" width="100%"><tr><td><a href="/">首页</a></td><td>&gt;</td><td>公告公示</td></tr></table>
<table width="100%"><tr><td>
<table class="t1"><tr><td>信息名称：</td><td colspan="3">${escapeHtml(title)}</td></tr><tr><td>文号：</td><td>&nbsp;</td><td>发布日期：</td><td>&nbsp;</td></tr></table>
<div class="content"><h2>${escapeHtml(title)}</h2><p>现将名单公布如下。</p>
${body}
</div></td></tr></table>
<table class="footer"><tr><td>主办单位：卫生健康委员会</td></tr></table>
</body></html>`;
  return encoding === 'gb18030' ? iconv.encode(html, 'gb18030') : new TextEncoder().encode(html);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function docxRun(s: string): string {
  return s
    .split(/\r?\n/)
    .map((line, i) => `${i > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${escapeXml(line)}</w:t>`)
    .join('');
}

function docxTable(sheet: Sheet): string {
  const { covered, master } = spans(sheet);
  const w = width(sheet);
  const vCont = new Set<string>();
  for (const m of sheet.merges ?? []) for (let r = m.top + 1; r <= m.bottom; r++) vCont.add(`${r},${m.left}`);
  const rows = sheet.rows.map((row, i) => {
    const r = i + 1;
    const cells: string[] = [];
    for (let c = 1; c <= w; c++) {
      const key = `${r},${c}`;
      const m = master.get(key);
      if (vCont.has(key)) {
        // The rows below a vertical merge keep a cell that continues it (w:vMerge without a value).
        const mm = (sheet.merges ?? []).find((x) => x.left === c && x.top < r && x.bottom >= r);
        const span = mm ? mm.right - mm.left + 1 : 1;
        cells.push(
          `<w:tc><w:tcPr>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}<w:vMerge/></w:tcPr><w:p/></w:tc>`,
        );
        continue;
      }
      if (covered.has(key)) continue;
      const pr = m
        ? `<w:tcPr>${m.cols > 1 ? `<w:gridSpan w:val="${m.cols}"/>` : ''}${m.rows > 1 ? '<w:vMerge w:val="restart"/>' : ''}</w:tcPr>`
        : '';
      cells.push(`<w:tc>${pr}<w:p><w:r>${docxRun(text(row[c - 1] ?? null))}</w:r></w:p></w:tc>`);
    }
    return `<w:tr>${cells.join('')}</w:tr>`;
  });
  return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>${rows.join('')}</w:tbl>`;
}

/** A Word document: a title paragraph, then each table with the paragraph before it. */
export function wordDocument(title: string, sheets: Sheet[]): Uint8Array {
  const para = (s: string) => `<w:p><w:r>${docxRun(s)}</w:r></w:p>`;
  const body = sheets.map((s) => `${s.caption ? para(s.caption) : ''}${docxTable(s)}${para('')}`).join('');
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${para(title)}${body}<w:sectPr/></w:body></w:document>`;
  const enc = (s: string) => new TextEncoder().encode(s);
  return zipStored([
    {
      name: '[Content_Types].xml',
      data: enc(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: enc(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
    },
    { name: 'word/document.xml', data: enc(doc) },
  ]);
}

/** An old Excel workbook (BIFF8 .xls): one sheet per table, merges kept, dates as date cells. */
export function excel97Workbook(sheets: Sheet[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  sheets.forEach((s, i) => {
    const ws = XLSX.utils.aoa_to_sheet(s.rows, { cellDates: true, UTC: true });
    ws['!merges'] = (s.merges ?? []).map((m) => ({
      s: { r: m.top - 1, c: m.left - 1 },
      e: { r: m.bottom - 1, c: m.right - 1 },
    }));
    XLSX.utils.book_append_sheet(wb, ws, `Sheet${i + 1}`);
  });
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'biff8' }) as ArrayBuffer);
}
