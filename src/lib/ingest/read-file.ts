/**
 * Picks the reader for a published file by what its bytes are, then by its name: agencies save pages without an
 * extension, name a GB18030 page `.htm`, attach a `.doc` that is really a web page or a `.xls` that is really an
 * XLSX. Every reader is pure (bytes in, tables out), so the same code can run in a browser.
 */

import { compoundFileKind, isCompoundFile } from './compound-file.ts';
import { findRecords } from './find-records.ts';
import { readCsv } from './read-csv.ts';
import { readDoc } from './read-doc.ts';
import { readDocx } from './read-docx.ts';
import { readHtml } from './read-html.ts';
import { readJson, UnreadableFileError } from './read-json.ts';
import { readPdf } from './read-pdf.ts';
import { readXls } from './read-xls.ts';
import { readXlsx } from './read-xlsx.ts';
import type { RawTable } from './table.ts';

export const FORMATS = ['csv', 'xlsx', 'json', 'html', 'xls', 'docx', 'doc', 'pdf', 'image'] as const;
export type FileFormat = (typeof FORMATS)[number];

export interface ReadContext {
  /** Whether a table found in a page or document holds data (its header row names known fields). */
  isDataTable: (table: RawTable) => boolean;
  /** The manifest says the list is a numbered list in the body text. */
  numberedList?: boolean;
  /** Where a data platform's JSON answer keeps its records (`responseData.dataList`). */
  recordsPath?: string | undefined;
}

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

function containsAscii(bytes: Uint8Array, needle: string, limit = bytes.length): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(limit, bytes.length)).includes(
    needle,
    0,
    'latin1',
  );
}

function extension(name: string): string {
  const base = name.toLowerCase().split('/').pop() ?? '';
  return base.includes('.') ? (base.split('.').pop() ?? '') : '';
}

const HTML_EXT = new Set(['html', 'htm', 'shtml', 'xhtml', 'jhtml', 'jsp', 'asp', 'aspx', 'php']);
const IMAGE_EXT = new Set(['png', 'jpg', 'jpeg', 'gif', 'bmp', 'tif', 'tiff', 'webp']);

/** The format of a file from its first bytes, then from its extension; null when neither tells. */
export function detectFormat(name: string, bytes: Uint8Array): FileFormat | null {
  const ext = extension(name);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (containsAscii(bytes, 'word/document.xml')) return 'docx';
    if (containsAscii(bytes, 'xl/workbook.xml')) return 'xlsx';
    return ext === 'docx' ? 'docx' : 'xlsx';
  }
  if (isCompoundFile(bytes)) {
    // Word and Excel share the container: its streams say which (a .doc that is really a workbook is common).
    const kind = compoundFileKind(bytes);
    if (kind) return kind;
    return ext === 'doc' || ext === 'wps' ? 'doc' : 'xls';
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) ||
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) ||
    (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) ||
    (IMAGE_EXT.has(ext) && startsWith(bytes, [0x42, 0x4d]))
  ) {
    return 'image';
  }
  // Text: the first non-blank character after a BOM says page, JSON or table text.
  let i = startsWith(bytes, [0xef, 0xbb, 0xbf])
    ? 3
    : startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])
      ? 2
      : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x00)
  )
    i++;
  const first = bytes[i];
  if (HTML_EXT.has(ext)) return 'html';
  if (ext === 'json') return 'json';
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'xls' || ext === 'et') {
    // An "Excel" attachment that is a saved web page (Excel's own "save as web page", or a system export).
    return first === 0x3c ? 'html' : 'xls';
  }
  if (ext === 'doc' || ext === 'docx') return first === 0x3c ? 'html' : ext;
  if (ext === 'pdf') return 'pdf';
  if (IMAGE_EXT.has(ext)) return 'image';
  if (first === 0x3c) return 'html';
  if (first === 0x7b || first === 0x5b) return 'json';
  if (ext === '' && containsAscii(bytes, '<table', 65536)) return 'html';
  return ext === '' ? 'csv' : null;
}

/**
 * A JSON export or a data platform's answer: the array of records wherever it sits (see find-records.ts), read as
 * a flat export is, row n being the nth record.
 */
function readPlatformJson(name: string, bytes: Uint8Array, ctx: ReadContext): RawTable {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    return readJson(name, bytes); // reports the syntax error in its own words
  }
  const looksLikeData = (headers: string[]) =>
    ctx.isDataTable({ file: name, rows: [{ n: 1, cells: headers }], notes: [] });
  const found = findRecords(doc, { path: ctx.recordsPath, looksLikeData });
  if (ctx.recordsPath !== undefined && !found) {
    throw new UnreadableFileError(
      'no-data-table',
      `JSON 中 ${ctx.recordsPath} 处没有记录数组（source.yml 的 records）`,
    );
  }
  if (!found || found.path === '') return readJson(name, bytes);
  return readJson(name, new TextEncoder().encode(JSON.stringify(found.records)));
}

export async function readFile(name: string, bytes: Uint8Array, ctx: ReadContext): Promise<RawTable[]> {
  const format = detectFormat(name, bytes);
  switch (format) {
    case 'csv':
      return [readCsv(name, bytes)];
    case 'xlsx':
      return readXlsx(name, bytes);
    case 'json':
      return [readPlatformJson(name, bytes, ctx)];
    case 'html':
      return readHtml(name, bytes, ctx);
    case 'xls':
      return readXls(name, bytes);
    case 'docx':
      return readDocx(name, bytes, ctx);
    case 'doc':
      return readDoc(name, bytes, ctx);
    case 'pdf':
      return readPdf(name, bytes, ctx);
    case 'image':
      throw new UnreadableFileError(
        'needs-ocr',
        '文件是图片，没有文字层，无法读取其中的名单；请改用原始表格文件，或人工录入（OCR）后发布，本文件计为未读取',
      );
    default:
      throw new UnreadableFileError(
        'unsupported-format',
        `不支持的文件格式 .${extension(name)}（支持 csv、xlsx、xls、et、json、网页 html、docx、doc、wps、pdf）`,
      );
  }
}
