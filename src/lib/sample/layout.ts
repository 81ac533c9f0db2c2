/**
 * The physical rows of a CSV or XLSX file: title, subtitle, header, data rows with their 序号, blank separators,
 * footer and trailing blank rows, plus the merged ranges of an XLSX sheet. Row numbers of findings are positions in
 * this list, exactly as a spreadsheet shows them.
 */
import { formatDate } from './format-date.ts';
import type { FileSpec, Row, Value } from './types.ts';

export type Cell = string | number | Date | null;

export type LineKind = 'title' | 'subtitle' | 'header' | 'data' | 'blank' | 'footer';

export interface Line {
  kind: LineKind;
  cells: Cell[];
  row?: Row;
}

/** 1-based, inclusive. */
export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Layout {
  lines: Line[];
  merges: Merge[];
}

export function renderValue(value: Value | undefined, file: FileSpec): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') {
    const v = formatDate(value, file.dateStyle);
    return file.format === 'csv' && typeof v !== 'string' ? String(v) : v;
  }
  if (file.format === 'csv' && typeof value === 'number') return String(value);
  return value;
}

function sumCapacity(rows: readonly Row[]): number {
  let total = 0;
  for (const row of rows) if (typeof row.cells.capacity === 'number') total += row.cells.capacity;
  return total;
}

/** XLSX lists may merge the 区县 cells of a county's rows, unless a row there is a defect probe. */
function canMerge(file: FileSpec): boolean {
  return (
    file.format === 'xlsx' &&
    !!file.mergeGroups &&
    file.columns.some((c) => c.key === 'county') &&
    !file.rows.some((r) => r.defect === 'duplicate-row' || r.defect === 'unknown-region')
  );
}

export function layoutFile(file: FileSpec): Layout {
  const width = file.columns.length;
  const blank = (): Cell[] => file.columns.map(() => (file.format === 'csv' ? '' : null));
  const lines: Line[] = [];
  const merges: Merge[] = [];
  const banner = (kind: LineKind, text: string) => {
    const cells = blank();
    cells[0] = text;
    if (file.format === 'csv' && !file.padTitle) cells.length = 1;
    lines.push({ kind, cells });
    if (file.format === 'xlsx' && width > 1)
      merges.push({ top: lines.length, left: 1, bottom: lines.length, right: width });
  };
  if (file.title) banner('title', file.title);
  if (file.subtitle) banner('subtitle', file.subtitle);
  lines.push({ kind: 'header', cells: file.columns.map((c) => c.header) });

  const countyIndex = file.columns.findIndex((c) => c.key === 'county');
  const merge = canMerge(file);
  let seq = 0;
  let previous: Row | undefined;
  let runStart = -1;
  const closeRun = () => {
    const last = lines.length;
    if (merge && runStart > 0 && last > runStart) {
      merges.push({ top: runStart, left: countyIndex + 1, bottom: last, right: countyIndex + 1 });
      for (let r = runStart; r < last; r++) {
        const line = lines[r];
        if (line) line.cells[countyIndex] = null;
      }
    }
    runStart = -1;
  };
  for (const row of file.rows) {
    const newGroup = previous !== undefined && row.group !== previous.group;
    if (newGroup || previous === undefined) closeRun();
    if (newGroup && file.blankBetweenGroups) lines.push({ kind: 'blank', cells: blank() });
    seq += 1;
    const cells = file.columns.map((c) =>
      c.key === 'seq' ? (file.format === 'csv' ? String(seq) : seq) : renderValue(row.cells[c.key], file),
    );
    lines.push({ kind: 'data', cells, row });
    if (runStart < 0) runStart = lines.length;
    previous = row;
  }
  closeRun();

  if (file.footer) {
    const cells = blank();
    const capacityIndex = file.columns.findIndex((c) => c.key === 'capacity');
    if (file.footer === 'note') {
      cells[0] = file.footerNote ?? '备注：';
      if (file.format === 'xlsx' && width > 1)
        merges.push({ top: lines.length + 1, left: 1, bottom: lines.length + 1, right: width });
    } else {
      cells[0] = '合计';
      if (file.footer === 'total' && capacityIndex > 0) {
        const total = sumCapacity(file.rows);
        cells[capacityIndex] = file.format === 'csv' ? String(total) : total;
      } else if (width > 1) {
        cells[1] = `共${file.rows.length}家`;
      }
    }
    lines.push({ kind: 'footer', cells });
  }
  for (let i = 0; i < (file.trailingBlankRows ?? 0); i++) lines.push({ kind: 'blank', cells: blank() });
  return { lines, merges };
}
