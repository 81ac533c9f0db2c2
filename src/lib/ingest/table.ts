/** A file as rows of cells, before headers are known. `n` is the row number as a spreadsheet shows it. */
import type { ProblemCode } from '../domain/rules/problems.ts';
import type { OversizedCell } from './limits.ts';
import { isBlankText } from './normalise-text.ts';

export type Cell = string | number | boolean | Date | null;

export interface RawRow {
  n: number;
  cells: Cell[];
  /** Cells cut to the length limit at read time: the row is rejected (limits.ts). */
  oversized?: OversizedCell[];
  /** A record the reader could not turn into cells (a JSON element that is not an object): the row is rejected. */
  problem?: { code: ProblemCode; message: string };
}

export interface RawTable {
  /** The file name as listed in the manifest (with `[sheet]` appended for a second sheet). */
  file: string;
  rows: RawRow[];
  /** JSON exports carry their own keys: no header row to look for. */
  headers?: string[];
  /** Findings about the file as a whole (encoding, ignored sheets). */
  notes: Array<{ code: ProblemCode; message: string }>;
  /** For a table inside a page or document: the text just before it (附件1：…), matched by the manifest's `tables`. */
  caption?: string;
  /** For a table inside a page or document: its 1-based position among the data tables. */
  position?: number;
}

export function isBlankCell(c: Cell): boolean {
  if (c === null || c === undefined) return true;
  // The same test as cleanText's: a cell it would empty is blank, whatever invisible characters it holds.
  if (typeof c === 'string') return isBlankText(c);
  return false;
}

export function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
  return String(c);
}
