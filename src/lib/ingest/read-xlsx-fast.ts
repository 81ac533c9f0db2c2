/**
 * A lean XLSX cell reader: zip directory → shared strings, styles (to tell date cells), each sheet's rows and merged
 * ranges, scanned with regular expressions over the machine-written XML. It returns the same cells as the exceljs
 * path in read-xlsx.ts (merged cells repeat their master value; date-formatted numbers become Dates at UTC midnight;
 * formulas give their cached result) about ten times faster. Anything it does not understand throws, and the caller
 * falls back to exceljs.
 */
import { MAX_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, tooManyCells, UnreadableFileError } from './limits.ts';
import type { Cell, RawRow, RawTable } from './table.ts';
import { InflateBudget, listZip, readZipEntry, type ZipEntry } from './unzip.ts';

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  let out =
    s.indexOf('&') >= 0
      ? s.replace(ENTITY, (_, hex, dec, name) =>
          hex
            ? String.fromCodePoint(parseInt(hex, 16))
            : dec
              ? String.fromCodePoint(Number(dec))
              : (NAMED[name] ?? ''),
        )
      : s;
  // OOXML escapes characters XML cannot hold as _xHHHH_.
  if (out.indexOf('_x') >= 0)
    out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return out;
}

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:]+)="([^"]*)"/g))
    out[(m[1] as string).replace(/^\w+:/, '')] = m[2] as string;
  return out;
}

/** Text of every <t> in a fragment, skipping phonetic runs. */
function textOf(xml: string): string {
  const body = xml.indexOf('<rPh') >= 0 ? xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '') : xml;
  let out = '';
  for (const m of body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) out += m[1];
  return unescapeXml(out);
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymd]/i.test(bare) && !/^general$/i.test(bare.trim());
}

function dateStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const a = attrs(m[1] as string);
    if (a.numFmtId) custom.set(Number(a.numFmtId), unescapeXml(a.formatCode ?? ''));
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)].map((m) => {
    const id = Number(attrs(m[1] as string).numFmtId ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
  });
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function cellRef(ref: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) throw new Error(`bad cell reference ${ref}`);
  return { col: columnIndex(m[1] as string), row: Number(m[2]) };
}

function excelDate(serial: number, date1904: boolean): Date {
  const days = date1904 ? serial + 1462 : serial;
  return new Date(Math.round((days - 25569) * 86400000));
}

/** The cells a workbook has spread into so far, against {@link MAX_CELLS}. */
class CellBudget {
  used = 0;
  spend(n: number) {
    this.used += n;
    if (this.used > MAX_CELLS) throw tooManyCells();
  }
}

interface SheetRows {
  rows: RawRow[];
  /** Row numbers the sheet declares more than once, with the numbers the repeats were read under. */
  repeated: Array<{ declared: number; readAs: number }>;
}

function parseSheet(
  xml: string,
  shared: string[],
  dates: boolean[],
  date1904: boolean,
  budget: CellBudget,
): SheetRows {
  const rows = new Map<number, Cell[]>();
  // A row number declared twice (<row r="2"> and again <row r="2">) is a second row all the same: it is read under a
  // number after the sheet's last, so that neither replaces the other, and the file says so.
  const repeats: Array<{ declared: number; cells: Cell[] }> = [];
  let nextRow = 1;
  const rowRe = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
  const cellRe = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
  for (const rm of xml.matchAll(rowRe)) {
    const r = / r="(\d+)"/.exec(rm[1] as string)?.[1];
    const n = r ? Number(r) : nextRow;
    nextRow = n + 1;
    checkRef(n, 0, `第 ${n} 行`);
    const cells: Cell[] = [];
    let nextCol = 0;
    for (const cm of (rm[2] ?? '').matchAll(cellRe)) {
      const head = cm[1] as string;
      const a = {
        r: / r="([A-Z]+)/.exec(head)?.[1],
        t: / t="(\w+)"/.exec(head)?.[1],
        s: / s="(\d+)"/.exec(head)?.[1],
      };
      const col = a.r ? columnIndex(a.r) : nextCol;
      checkRef(n, col, a.r ?? `第 ${n} 行第 ${col + 1} 列`);
      nextCol = col + 1;
      const inner = cm[2] ?? '';
      const v = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/.exec(inner)?.[1];
      let value: Cell = null;
      switch (a.t) {
        case 's':
          value = v === undefined ? null : (shared[Number(v)] ?? null);
          break;
        case 'inlineStr':
          value = textOf(inner);
          break;
        case 'str':
        case 'e':
          value = v === undefined ? null : unescapeXml(v);
          break;
        case 'b':
          value = v === undefined ? null : v === '1';
          break;
        case 'd':
          value = v === undefined ? null : new Date(v);
          break;
        default:
          if (v !== undefined && v !== '') {
            const num = Number(v);
            value = Number.isNaN(num)
              ? unescapeXml(v)
              : dates[Number(a.s ?? 0)]
                ? excelDate(num, date1904)
                : num;
          }
      }
      if (value === null || value === '') continue;
      cells[col] = value;
    }
    // A row that reaches far out (one cell at XFD) is a sparse array until here: its width counts against the limit.
    budget.spend(cells.length);
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    if (rows.has(n)) repeats.push({ declared: n, cells });
    else rows.set(n, cells);
  }
  let lastRow = 0;
  for (const n of rows.keys()) lastRow = Math.max(lastRow, n);
  const repeated = repeats.map(({ declared, cells }) => {
    const readAs = ++lastRow;
    rows.set(readAs, cells);
    return { declared, readAs };
  });
  fillMerges(xml, rows, budget);
  return {
    rows: [...rows.entries()]
      .filter(([, cells]) => cells.some((c) => c !== null))
      .sort((a, b) => a[0] - b[0])
      .map(([n, cells]) => ({ n, cells })),
    repeated,
  };
}

/**
 * Merged ranges repeat their master value in every cell, as a reader of the printed sheet sees it — in the rows the
 * sheet has and up to the last column any row uses. The work is bounded by the cells that exist: a range written as
 * A2:XFD1048576 beside one far cell at XFD1048576 fills the few rows there are, and the cell budget refuses the
 * workbook before it could fill billions.
 */
function fillMerges(xml: string, rows: Map<number, Cell[]>, budget: CellBudget) {
  const merges = /<(?:\w+:)?mergeCells\b[^>]*>([\s\S]*?)<\/(?:\w+:)?mergeCells>/.exec(xml)?.[1] ?? '';
  if (!merges) return;
  let lastCol = -1;
  for (const cells of rows.values()) lastCol = Math.max(lastCol, cells.length - 1);
  const numbers = [...rows.keys()].sort((a, b) => a - b);
  for (const m of merges.matchAll(/ref="([A-Z]+\d+):([A-Z]+\d+)"/g)) {
    const from = cellRef(m[1] as string);
    const end = cellRef(m[2] as string);
    const toCol = Math.min(end.col, lastCol);
    const master = rows.get(from.row)?.[from.col] ?? null;
    if (master === null || toCol < from.col) continue;
    for (let i = lowerBound(numbers, from.row); i < numbers.length; i++) {
      const r = numbers[i] as number;
      if (r > end.row) break;
      const cells = rows.get(r) as Cell[];
      budget.spend(toCol - from.col + 1);
      for (let c = cells.length; c < from.col; c++) cells[c] = null;
      for (let c = from.col; c <= toCol; c++) cells[c] = master;
    }
  }
}

/** The index of the first number not below `n` in a sorted array. */
function lowerBound(sorted: number[], n: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function entryText(
  bytes: Uint8Array,
  entries: Map<string, ZipEntry>,
  name: string,
  budget: InflateBudget,
): string | null {
  const e = entries.get(name);
  return e ? readZipEntry(bytes, e, budget).toString('utf8') : null;
}

function checkRef(row: number, col: number, ref: string) {
  if (row > MAX_SHEET_ROWS || col >= MAX_SHEET_COLUMNS) {
    throw new UnreadableFileError(
      'corrupt-file',
      `XLSX 工作表引用了超出 Excel 范围的单元格 ${ref.slice(0, 20)}，文件已损坏或被篡改，未读取`,
    );
  }
}

export function readXlsxFast(file: string, bytes: Uint8Array): RawTable[] {
  const entries = listZip(bytes);
  // One budget for the whole workbook: forty sheets of 480 MB are not forty files.
  const inflate = new InflateBudget();
  const cells = new CellBudget();
  const workbook = entryText(bytes, entries, 'xl/workbook.xml', inflate);
  if (!workbook) throw new Error('no xl/workbook.xml');
  const date1904 = /date1904="(?:1|true)"/.test(workbook);
  const rels = entryText(bytes, entries, 'xl/_rels/workbook.xml.rels', inflate) ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const a = attrs(m[1] as string);
    if (a.Id && a.Target) targets.set(a.Id, a.Target.replace(/^\/?xl\//, '').replace(/^\//, ''));
  }
  const sharedXml = entryText(bytes, entries, 'xl/sharedStrings.xml', inflate);
  const shared = sharedXml
    ? [...sharedXml.matchAll(/<(?:\w+:)?si\b[^>]*>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\s*\/>/g)].map((m) =>
        textOf(m[1] ?? ''),
      )
    : [];
  const dates = dateStyles(entryText(bytes, entries, 'xl/styles.xml', inflate));
  const tables: RawTable[] = [];
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const a = attrs(m[1] as string);
    const target = a.id ? targets.get(a.id) : undefined;
    if (!target) throw new Error(`sheet ${a.name} has no target`);
    const xml = entryText(bytes, entries, `xl/${target}`, inflate);
    if (xml === null) throw new Error(`sheet ${a.name} missing`);
    const name = unescapeXml(a.name ?? '');
    const sheet = parseSheet(xml, shared, dates, date1904, cells);
    tables.push({
      file: tables.length === 0 ? file : `${file}[${name}]`,
      rows: sheet.rows,
      notes: sheet.repeated.length > 0 ? [repeatedRowsNote(sheet.repeated)] : [],
    });
  }
  if (tables.length === 0) throw new Error('no sheets');
  return tables;
}

function repeatedRowsNote(repeated: SheetRows['repeated']): RawTable['notes'][number] {
  const shown = repeated
    .slice(0, 5)
    .map((r) => `第 ${r.declared} 行的重复按第 ${r.readAs} 行`)
    .join('、');
  const more = repeated.length > 5 ? `等 ${repeated.length} 处` : '';
  return {
    code: 'duplicate-row-number',
    message: `工作表中有行号重复出现（同一行号写了两次），两行都已读取：${shown}${more}读取，请核对原表`,
  };
}
