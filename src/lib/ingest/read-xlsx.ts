import type ExcelJS from 'exceljs';
import { MAX_CELLS, tooManyCells, UnreadableFileError } from './limits.ts';
import { readXlsxFast } from './read-xlsx-fast.ts';
import type { Cell, RawRow, RawTable } from './table.ts';
import { checkInflatedSize, InflateBudget, readZipEntry, ZipError, zipEntries } from './unzip.ts';

/**
 * Reads every worksheet of a workbook into rows numbered as Excel shows them. Merged cells repeat their master value
 * (exceljs does this), so a merged 区县 cell reaches every row it spans. Which sheet holds the table is decided later,
 * by the header search; the first sheet keeps the plain file name, others get `[sheet]` appended.
 */
export async function readXlsx(file: string, bytes: Uint8Array): Promise<RawTable[]> {
  try {
    return readXlsxFast(file, bytes);
  } catch (e) {
    // A workbook too large to inflate is refused outright: exceljs would try to inflate it all.
    if (e instanceof UnreadableFileError) throw e;
    // Unusual or damaged workbooks go through exceljs, which reads more variants and explains failures.
    return readXlsxExcelJs(file, bytes);
  }
}

export async function readXlsxExcelJs(file: string, bytes: Uint8Array): Promise<RawTable[]> {
  const repeated = await checkBeforeExcelJs(bytes);
  // Loaded only when needed: exceljs takes longer to load than the fast path takes to read most workbooks.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableFileError('corrupt-file', whyNotXlsx(bytes));
  }
  const tables: RawTable[] = [];
  let first = true;
  wb.eachSheet((ws) => {
    const rows: RawRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: Cell[] = [];
      const count = row.cellCount;
      for (let i = 1; i <= count; i++) cells.push(toCell(row.getCell(i).value));
      rows.push({ n, cells });
    });
    const notes = first && repeated.length > 0 ? [repeatedRowsLost(repeated)] : [];
    tables.push({ file: first ? file : `${file}[${ws.name}]`, rows, notes });
    first = false;
  });
  if (tables.length === 0) throw new UnreadableFileError('corrupt-file', 'XLSX 文件中没有工作表');
  return tables;
}

/**
 * exceljs inflates every entry at once and creates every cell of a merged range, with no limit of its own: before
 * it sees a workbook, the whole file's inflated size is counted as it streams out of the inflater, and the merged
 * ranges of every sheet are added up. Returns the row numbers some sheet declares twice (exceljs keeps one of them).
 */
async function checkBeforeExcelJs(bytes: Uint8Array): Promise<number[]> {
  let entries: ReturnType<typeof zipEntries>;
  try {
    entries = zipEntries(bytes);
  } catch (e) {
    if (e instanceof UnreadableFileError) throw e;
    // Not a zip archive this reader can list: exceljs could not open it either, and must not try to inflate it.
    if (e instanceof ZipError) throw new UnreadableFileError('corrupt-file', whyNotXlsx(bytes));
    throw e;
  }
  await checkInflatedSize(bytes);
  const budget = new InflateBudget();
  const repeated: number[] = [];
  let mergedCells = 0;
  for (const e of entries) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) continue;
    let xml: string;
    try {
      xml = readZipEntry(bytes, e, budget).toString('utf8');
    } catch (err) {
      if (err instanceof UnreadableFileError) throw err;
      continue;
    }
    for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
      const rows = Math.abs(Number(m[4]) - Number(m[2])) + 1;
      const cols = Math.abs(columnNumber(m[3] as string) - columnNumber(m[1] as string)) + 1;
      mergedCells += rows * cols;
      if (mergedCells > MAX_CELLS) throw tooManyCells();
    }
    const seen = new Set<number>();
    for (const m of xml.matchAll(/<(?:\w+:)?row\b[^>]*? r="(\d+)"/g)) {
      const n = Number(m[1]);
      if (seen.has(n)) repeated.push(n);
      seen.add(n);
    }
  }
  return repeated;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function repeatedRowsLost(rows: number[]): RawTable['notes'][number] {
  const shown = rows.slice(0, 5).join('、');
  return {
    code: 'duplicate-row-number',
    message: `工作表中第 ${shown} 行${rows.length > 5 ? `等 ${rows.length} 处` : ''}的行号重复出现（同一行号写了两次），该文件只能读出其中一行，另一行未读取；请核对原表`,
  };
}

/** What the bytes are instead of a workbook, in words an agency clerk can act on. */
function whyNotXlsx(bytes: Uint8Array): string {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b)) return 'XLSX 文件不完整或已损坏（可能下载中断），无法打开；请重新下载原附件';
  if (starts(0xd0, 0xcf, 0x11, 0xe0))
    return '文件实际是旧版 .xls 或加密的 Excel 文件，无法读取；请另存为不加密的 .xlsx';
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith('<')) return '文件实际是网页（HTML），可能下载到的是错误页面而不是附件';
  return '文件不是 xlsx 格式（不是 ZIP 压缩包），可能已损坏或扩展名有误';
}

function toCell(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as { result?: unknown }).result;
      if (r === undefined || r === null || typeof r === 'object') {
        return r instanceof Date ? r : `=${(v as { formula?: string }).formula ?? ''}`;
      }
      return r as string | number | boolean;
    }
    if ('text' in v) return String((v as { text: unknown }).text ?? '');
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v);
}
