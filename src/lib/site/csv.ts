/**
 * CSV for people who open downloads in Excel or WPS: UTF-8 with a byte-order mark (without it Excel reads the
 * file as GBK and garbles every Chinese character), CRLF line ends and RFC 4180 quoting.
 */

export type CsvValue = string | number | boolean | null | undefined;

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * A spreadsheet runs a cell that begins with = + - @ (or a tab or carriage return, which some spreadsheets skip
 * before looking for one) as a formula. Published lists carry such cells (a `=HYPERLINK(...)` address), so text
 * cells that begin that way get a leading apostrophe: shown as text, never run.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field that holds a comma, a double quote or a line break; double the quotes inside. */
export function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One cell as it appears in the file. Numbers and booleans are written by this code, not copied from a source, so
 * only text is neutralised (a negative number stays a number).
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return quoteField(neutraliseFormula(value));
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}

/** A whole file from lines written by {@link csvLine}: BOM first, every line ended by CRLF, one join. */
export function csvDocument(lines: readonly string[]): string {
  return BOM + lines.join(CRLF) + CRLF;
}

/** A whole file: header line and one line per row. */
export function toCsv(headers: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [csvLine(headers)];
  for (const row of rows) lines.push(csvLine(row));
  return csvDocument(lines);
}
