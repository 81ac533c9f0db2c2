/**
 * Reads old Excel workbooks (.xls, BIFF8 and earlier) and WPS spreadsheets (.et) with SheetJS (the 0.20 line as
 * republished on npm; the `xlsx@0.18` package on npm is no longer maintained). Cells come out as the XLSX readers
 * give them: merged cells repeat their master value, date-formatted numbers become Dates at UTC midnight, the first
 * sheet keeps the file name and the others get `[sheet]` appended.
 */
import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import { compoundFileStreams, isCompoundFile } from './compound-file.ts';
import { MAX_CELLS } from './limits.ts';
import { UnreadableFileError } from './read-json.ts';
import type { Cell, RawRow, RawTable } from './table.ts';

// BIFF5 and older store text in the workbook's code page (GBK, code page 936, for Chinese files).
XLSX.set_cptable(cptable);

const DAY_MS = 86_400_000;

/** An Excel serial day as a Date at UTC midnight (1900 system, or 1904 when the workbook says so). */
function serialToDate(serial: number, date1904: boolean): Date {
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  return new Date(Math.round((days - 25569) * DAY_MS));
}

function toCell(c: XLSX.CellObject | undefined, date1904: boolean): Cell {
  if (!c) return null;
  switch (c.t) {
    case 'n': {
      const v = c.v as number;
      return typeof c.z === 'string' && XLSX.SSF.is_date(c.z) ? serialToDate(v, date1904) : v;
    }
    case 'd':
      return c.v instanceof Date ? c.v : null;
    case 's':
      return typeof c.v === 'string' ? c.v : String(c.v ?? '');
    case 'b':
      return Boolean(c.v);
    default:
      return null;
  }
}

export function readXls(file: string, bytes: Uint8Array): RawTable[] {
  let wb: XLSX.WorkBook;
  try {
    // The container is checked first: SheetJS spins for a minute on a directory that points back into itself.
    if (isCompoundFile(bytes)) compoundFileStreams(bytes);
    wb = XLSX.read(bytes, { type: 'array', cellNF: true, cellDates: false, dense: true, cellHTML: false });
  } catch (e) {
    throw new UnreadableFileError(
      'corrupt-file',
      `Excel 文件已损坏或不是有效的 .xls/.et 文件：${(e as Error).message}`,
    );
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const tables: RawTable[] = [];
  wb.SheetNames.forEach((name, i) => {
    const ws = wb.Sheets[name];
    if (!ws?.['!ref']) {
      tables.push({ file: i === 0 ? file : `${file}[${name}]`, rows: [], notes: [] });
      return;
    }
    const range = XLSX.utils.decode_range(ws['!ref']);
    const height = range.e.r - range.s.r + 1;
    const width = range.e.c + 1;
    // A range (rows × columns) past the workbook limit is a damaged or hostile file, not a published list.
    if (height * width > MAX_CELLS) {
      throw new UnreadableFileError(
        'file-too-large',
        `工作表“${name}”的范围 ${ws['!ref']} 过大（超过 ${MAX_CELLS.toLocaleString('en-US')} 个单元格），未读取`,
      );
    }
    const data = (ws['!data'] ?? []) as Array<Array<XLSX.CellObject | undefined> | undefined>;
    const grid: Cell[][] = [];
    for (let r = 0; r <= range.e.r; r++) {
      const src = data[r];
      const row: Cell[] = [];
      if (src) for (let c = 0; c < src.length && c < width; c++) row.push(toCell(src[c], date1904));
      grid.push(row);
    }
    for (const m of ws['!merges'] ?? []) {
      const master = grid[m.s.r]?.[m.s.c] ?? null;
      for (let r = m.s.r; r <= Math.min(m.e.r, range.e.r); r++) {
        const row = grid[r];
        if (!row) continue;
        for (let c = m.s.c; c <= Math.min(m.e.c, width - 1); c++) row[c] = master;
      }
    }
    const rows: RawRow[] = [];
    grid.forEach((cells, r) => {
      while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
      if (cells.length > 0) rows.push({ n: r + 1, cells: Array.from(cells, (c) => c ?? null) });
    });
    tables.push({ file: i === 0 ? file : `${file}[${name}]`, rows, notes: [] });
  });
  return tables;
}
