/**
 * The shapes the generator passes between its steps: sources with their manifest and files, files with their
 * layout and rows, rows with the defect or quirk they carry.
 */
import type { FieldKey } from '../domain/fields.ts';
import type { HiddenReason, ListName, Sector, SourceKind } from '../domain/schemas.ts';
import type { Ymd } from './dates.ts';

/** Problem codes of the data contract the generator injects, one per row at most. */
export const DEFECT_CODES = [
  'missing-required',
  'invalid-date',
  'future-date',
  'bad-uscc-charset',
  'bad-uscc-length',
  'uscc-checksum',
  'duplicate-row',
  'unknown-region',
  'pii-redacted',
  'person-id-number',
] as const;
export type DefectCode = (typeof DEFECT_CODES)[number];

/** Codes that are errors: the row must be rejected. */
export const REJECTING_CODES: ReadonlySet<DefectCode> = new Set([
  'missing-required',
  'invalid-date',
  'future-date',
  'bad-uscc-charset',
  'bad-uscc-length',
  'person-id-number',
]);

/**
 * Oddities of real files that a correct pipeline absorbs: the row is kept as if clean. Most pass without a finding;
 * those in {@link QUIRK_FINDINGS} are reported with a warning so that the publisher can fix the form.
 */
export const QUIRK_CODES = [
  'traditional-name',
  'spaced-name',
  'fullwidth-uscc',
  'lowercase-uscc',
  'code-omitted',
  'fullwidth-capacity',
  'date-as-text',
  'script-name',
  'formula-address',
] as const;
export type QuirkCode = (typeof QUIRK_CODES)[number];

/** Warnings for quirks that are absorbed but still reported: a code published in another form than it is kept. */
export const QUIRK_FINDINGS: Partial<Record<QuirkCode, { code: 'uscc-normalised'; field: FieldKey }>> = {
  'fullwidth-uscc': { code: 'uscc-normalised', field: 'uscc' },
  'lowercase-uscc': { code: 'uscc-normalised', field: 'uscc' },
};

/** A cell before rendering: dates stay calendar dates (possibly impossible ones) until the file's style is known. */
export type Value = string | number | Ymd | null;

export interface Row {
  cells: Partial<Record<FieldKey, Value>>;
  defect?: DefectCode;
  /** The field the defect is in (the column a pipeline names in its finding). */
  defectField?: FieldKey;
  quirk?: QuirkCode;
  /** Penalties that must stay hidden as of the as-of date, and why. */
  hidden?: HiddenReason;
  /** A penalty's decision number, for the expectations file. */
  ref?: string;
  /** Rows of one county: city-level lists put a blank row between groups or merge the 区县 cells of a group. */
  group?: string;
}

export type DateStyle =
  /** 2023-05-10 */
  | 'iso'
  /** 2023年5月10日 */
  | 'cn'
  /** 2023年05月10日 */
  | 'cn0'
  /** 2023/5/10 */
  | 'slash'
  /** 2023.05.10 */
  | 'dot'
  /** 20230510 */
  | 'compact'
  /** "2023-05-10 00:00:00" (JSON exports) */
  | 'json'
  /** epoch milliseconds of midnight in Asia/Shanghai (JSON exports) */
  | 'epoch'
  /** an Excel date cell (a serial number with a date format) */
  | 'cell'
  /** an Excel serial number in a General-format cell (45056) */
  | 'serial';

export type FileFormat = 'xlsx' | 'csv' | 'json';
export type Encoding = 'utf8' | 'utf8-bom' | 'gb18030';

export interface Column {
  key: FieldKey;
  /** The header as published (a JSON key for JSON files). */
  header: string;
}

export type Footer = 'total' | 'count' | 'note';

export interface FileSpec {
  name: string;
  format: FileFormat;
  /** CSV only. */
  encoding: Encoding;
  /** CSV only. */
  eol: '\r\n' | '\n';
  columns: Column[];
  dateStyle: DateStyle;
  /** XLSX `cell` style: the number format of date cells. */
  dateFormat?: string;
  title?: string;
  subtitle?: string;
  /** CSV: whether the title line carries the empty cells of the other columns (`标题,,,,`). */
  padTitle?: boolean;
  footer?: Footer;
  footerNote?: string;
  trailingBlankRows?: number;
  /** A blank row between groups of rows (city-level lists: between counties). */
  blankBetweenGroups?: boolean;
  /** XLSX: merge the 区县 cells of each group vertically. */
  mergeGroups?: boolean;
  sheetName?: string;
  /** JSON: indentation (0: one line). */
  jsonIndent?: number;
  rows: Row[];
}

export interface Manifest {
  kind: SourceKind;
  sector: Sector;
  list?: ListName;
  action?: '列入' | '移出' | '注销' | '撤销';
  batch?: number;
  publisher: string;
  title: string;
  document_number?: string;
  published: string;
  url: string;
  retrieved: string;
  region: string;
  crs?: 'wgs84' | 'gcj02';
  files: string[];
  columns?: Record<string, string>;
}

export interface SourceSpec {
  id: string;
  manifest: Manifest;
  files: FileSpec[];
}
