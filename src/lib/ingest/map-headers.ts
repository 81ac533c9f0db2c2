import { type FieldDef, fieldForHeader, headerKey } from '../domain/fields.ts';
import type { ProblemCode } from '../domain/rules/problems.ts';
import type { SourceKind } from '../domain/schemas.ts';
import { type Cell, cellText, isBlankCell, type RawRow, type RawTable } from './table.ts';

export interface Column {
  index: number;
  /** The header as published (group header and sub-header joined when there are two rows). */
  header: string;
  field: FieldDef | null;
}

export interface FileProblem {
  row: number | null;
  column: string | null;
  field: string | null;
  code: ProblemCode;
  severity: 'error' | 'warning';
  message: string;
}

export interface LocatedTable {
  file: string;
  headerRows: number[];
  columns: Column[];
  dataRows: RawRow[];
  problems: FileProblem[];
}

const FOOTER = /^(合计|总计|小计|备注|注[:：]|说明|填报说明|制表|审核|数据截至)/;
const HEADER_SEARCH_ROWS = 30;
/** Unknown columns reported one by one; the rest of a very wide file gets one summary line. */
const UNKNOWN_COLUMNS_LISTED = 20;

function lookup(header: string, kind: SourceKind, overrides: Map<string, string>): FieldDef | null {
  const mapped = overrides.get(headerKey(header)) ?? header;
  const f = fieldForHeader(mapped);
  return f && (f.kinds as readonly string[]).includes(kind) ? f : null;
}

function knownCount(cells: Cell[], kind: SourceKind, overrides: Map<string, string>): number {
  const seen = new Set<string>();
  for (const c of cells) {
    if (isBlankCell(c)) continue;
    const f = lookup(cellText(c), kind, overrides);
    if (f) seen.add(f.key);
  }
  return seen.size;
}

export function isFooterRow(cells: Cell[]): boolean {
  const first = cells.find((c) => !isBlankCell(c));
  return first !== undefined && FOOTER.test(cellText(first).trim().normalize('NFKC'));
}

/**
 * Finds the header row (title rows above it are skipped), joins a second header row when a group header such as
 * 坐标（高德地图） sits above 经度/纬度, and maps every column to a field of the dictionary.
 */
export function locateTable(
  table: RawTable,
  kind: SourceKind,
  columnsOverride: Record<string, string> = {},
): LocatedTable | null {
  const overrides = new Map(Object.entries(columnsOverride).map(([k, v]) => [headerKey(k), v]));
  const problems: FileProblem[] = [];
  let headerCells: string[];
  let headerRows: number[];
  let body: RawRow[];

  if (table.headers) {
    headerCells = table.headers;
    headerRows = [];
    body = table.rows;
  } else {
    let best = -1;
    let bestScore = 1;
    const limit = Math.min(table.rows.length, HEADER_SEARCH_ROWS);
    for (let i = 0; i < limit; i++) {
      const row = table.rows[i];
      if (!row) continue;
      const score = knownCount(row.cells, kind, overrides);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    if (best < 0) return null;
    const head = table.rows[best] as RawRow;
    headerCells = head.cells.map((c) => cellText(c).trim());
    headerRows = [head.n];
    let next = best + 1;
    const sub = table.rows[best + 1];
    if (sub && isSubHeader(head.cells, sub.cells, kind, overrides)) {
      headerCells = headerCells.map((h, i) => {
        const s = cellText(sub.cells[i] ?? null).trim();
        if (!s || s === h) return h;
        return lookup(s, kind, overrides) ? s : h ? `${h}/${s}` : s;
      });
      for (let i = headerCells.length; i < sub.cells.length; i++)
        headerCells.push(cellText(sub.cells[i] ?? null));
      headerRows.push(sub.n);
      next++;
    }
    body = table.rows.slice(next);
  }

  const headerRow = headerRows[0] ?? null;
  const columns: Column[] = headerCells.map((header, index) => ({
    index,
    header,
    field: header ? lookup(header, kind, overrides) : null,
  }));
  // Columns past the header that carry data still have to be accounted for.
  // A row the reader could not split into cells (r.problem) has no columns to account for: it is rejected whole.
  const width = body.reduce((w, r) => (r.problem ? w : Math.max(w, r.cells.length)), columns.length);
  for (let index = columns.length; index < width; index++) columns.push({ index, header: '', field: null });

  // A row a reader marked as broken is a data row whatever its cells: it must be rejected, not passed over.
  const dataRows = body.filter(
    (r) => r.problem || r.oversized || (!r.cells.every(isBlankCell) && !isFooterRow(r.cells)),
  );
  // A table pasted from Excel into a page often loses its first header (序号) but keeps the numbers 1, 2, 3 …
  for (const col of columns) {
    if (!col.header && !col.field && isCounting(dataRows, col.index))
      col.field = fieldForHeader('序号') ?? null;
  }

  const byField = new Map<string, Column>();
  const unknown: string[] = [];
  for (const col of columns) {
    if (!col.field) {
      if (!col.header && !dataRows.some((r) => !isBlankCell(r.cells[col.index] ?? null))) continue;
      const name = col.header || `第${col.index + 1}列`;
      if (unknown.length < UNKNOWN_COLUMNS_LISTED) {
        problems.push({
          row: headerRow,
          column: name,
          field: null,
          code: 'unknown-column',
          severity: 'warning',
          message: `列“${name}”不是已知字段，未发布`,
        });
      }
      unknown.push(name);
      continue;
    }
    const prior = byField.get(col.field.key);
    if (prior) {
      if (col.field.public) {
        problems.push({
          row: headerRow,
          column: col.header,
          field: col.field.key,
          code: 'duplicate-column',
          severity: 'warning',
          message: `第 ${col.index + 1} 列“${col.header}”与第 ${prior.index + 1} 列“${prior.header}”同为“${col.field.label}”，取第 ${prior.index + 1} 列的值，该列为空时才用第 ${col.index + 1} 列`,
        });
      }
      continue;
    }
    byField.set(col.field.key, col);
  }
  if (unknown.length > UNKNOWN_COLUMNS_LISTED) {
    const rest = unknown.slice(UNKNOWN_COLUMNS_LISTED);
    problems.push({
      row: headerRow,
      column: null,
      field: null,
      code: 'unknown-column',
      severity: 'warning',
      message: `另有 ${rest.length} 列（${rest[0]} … ${rest[rest.length - 1]}）不是已知字段，未发布`,
    });
  }
  return { file: table.file, headerRows, columns, dataRows, problems };
}

/** Whether a column holds the numbers 1, 2, 3 … down its data rows. */
function isCounting(rows: RawRow[], index: number): boolean {
  if (rows.length < 2) return false;
  return rows.every((r, i) => cellText(r.cells[index] ?? null).trim() === String(i + 1));
}

function isSubHeader(head: Cell[], sub: Cell[], kind: SourceKind, overrides: Map<string, string>): boolean {
  let newFields = 0;
  const headFields = new Set<string>();
  for (const c of head) {
    const f = isBlankCell(c) ? null : lookup(cellText(c), kind, overrides);
    if (f) headFields.add(f.key);
  }
  for (let i = 0; i < sub.length; i++) {
    const c = sub[i] ?? null;
    if (isBlankCell(c)) continue;
    const text = cellText(c).trim();
    if (text === cellText(head[i] ?? null).trim()) continue; // vertically merged header cell
    const f = lookup(text, kind, overrides);
    if (!f) return false;
    if (!headFields.has(f.key)) newFields++;
  }
  return newFields > 0;
}
