/**
 * JSON exports: an array of objects keyed by the published keys, dates as "2023-05-10 00:00:00" or epoch
 * milliseconds, amounts as numbers, missing codes as null.
 */
import { formatDate } from './format-date.ts';
import type { FileSpec, Value } from './types.ts';

function jsonValue(value: Value | undefined, file: FileSpec): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') {
    const v = formatDate(value, file.dateStyle);
    return v instanceof Date ? v.toISOString() : v;
  }
  return value;
}

export function jsonText(file: FileSpec): string {
  const records = file.rows.map((row) => {
    const record: Record<string, string | number | null> = {};
    for (const column of file.columns) record[column.header] = jsonValue(row.cells[column.key], file);
    return record;
  });
  if (file.jsonIndent === 2) return `${JSON.stringify(records, null, 2)}\n`;
  if (file.jsonIndent === 1) return `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
  return JSON.stringify(records);
}
