/**
 * How a published file looks: format and encoding, date style, title, footer. Chosen at random per file with the
 * mix seen in real publications.
 */
import type { Rng } from './random.ts';
import type { Column, DateStyle, Encoding, FileFormat, FileSpec, Footer, Row } from './types.ts';

/** Data rows per file at most: large lists are split over several files so that readers can stream them. */
export const MAX_ROWS_PER_FILE = 4_800;

export interface Look {
  format: FileFormat;
  encoding: Encoding;
  eol: '\r\n' | '\n';
  dateStyle: DateStyle;
  dateFormat?: string;
}

const CSV_DATE_STYLES: readonly (readonly [DateStyle, number])[] = [
  ['iso', 25],
  ['cn', 25],
  ['slash', 15],
  ['dot', 15],
  ['cn0', 10],
  ['compact', 10],
];

const XLSX_DATE_FORMATS = ['yyyy-mm-dd', 'yyyy/m/d', 'yyyy"年"m"月"d"日"', 'mm-dd-yy'];

export function pickCsvLook(rng: Rng): Look {
  const [encoding, eol] = rng.weighted<readonly [Encoding, '\r\n' | '\n']>([
    [['utf8-bom', '\r\n'], 35],
    [['utf8', '\r\n'], 20],
    [['utf8', '\n'], 15],
    [['gb18030', '\r\n'], 30],
  ]);
  return { format: 'csv', encoding, eol, dateStyle: rng.weighted(CSV_DATE_STYLES) };
}

export function pickXlsxLook(rng: Rng): Look {
  const dateStyle = rng.weighted<DateStyle>([
    ['cell', 55],
    ['serial', 10],
    ...CSV_DATE_STYLES.map(([s, w]) => [s, w * 0.35] as const),
  ]);
  return {
    format: 'xlsx',
    encoding: 'utf8',
    eol: '\r\n',
    dateStyle,
    ...(dateStyle === 'cell' ? { dateFormat: rng.pick(XLSX_DATE_FORMATS) } : {}),
  };
}

/** Lists of institutions: half XLSX attachments, half CSV in the encodings agencies use. */
export function pickListLook(rng: Rng): Look {
  return rng.chance(0.5) ? pickXlsxLook(rng) : pickCsvLook(rng);
}

export interface Decoration {
  title?: string;
  subtitle?: string;
  padTitle?: boolean;
  footer?: Footer;
  footerNote?: string;
  trailingBlankRows?: number;
}

/** Title, subtitle and footer of a list attachment. */
export function pickDecoration(
  rng: Rng,
  look: Look,
  title: string,
  subtitle: string,
  note: string,
): Decoration {
  const hasTitle = look.format === 'xlsx' ? rng.chance(0.9) : rng.chance(0.6);
  const footer = rng.weighted<Footer | undefined>([
    ['total', 35],
    ['count', look.format === 'csv' ? 15 : 5],
    ['note', 20],
    [undefined, 30],
  ]);
  return {
    ...(hasTitle ? { title, padTitle: rng.chance(0.7) } : {}),
    ...(hasTitle && rng.chance(0.25) ? { subtitle } : {}),
    ...(footer ? { footer } : {}),
    ...(footer === 'note' ? { footerNote: note } : {}),
    trailingBlankRows: look.format === 'csv' && rng.chance(0.3) ? rng.int(1, 3) : 0,
  };
}

/** Splits rows over files of at most {@link MAX_ROWS_PER_FILE} rows, naming them name（1）.ext, name（2）.ext …. */
export function splitFiles(
  rows: Row[],
  baseName: string,
  make: (name: string, rows: Row[]) => FileSpec,
  extension: string,
): FileSpec[] {
  if (rows.length <= MAX_ROWS_PER_FILE) return [make(`${baseName}.${extension}`, rows)];
  const parts = Math.ceil(rows.length / MAX_ROWS_PER_FILE);
  const size = Math.ceil(rows.length / parts);
  const files: FileSpec[] = [];
  for (let i = 0; i < parts; i++) {
    files.push(make(`${baseName}（${i + 1}）.${extension}`, rows.slice(i * size, (i + 1) * size)));
  }
  return files;
}

export function fileSpec(
  name: string,
  look: Look,
  columns: Column[],
  rows: Row[],
  extra: Partial<FileSpec> = {},
): FileSpec {
  return {
    name,
    format: look.format,
    encoding: look.encoding,
    eol: look.eol,
    dateStyle: look.dateStyle,
    ...(look.dateFormat ? { dateFormat: look.dateFormat } : {}),
    columns,
    rows,
    ...extra,
  };
}
