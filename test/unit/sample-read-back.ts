/**
 * Reads a generated sample back the way the data contract describes it — header found by its labels, data rows
 * being the non-blank, non-footer rows after it — so that tests can compare the files with expect-summary.json.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import YAML from 'yaml';
import { type FieldKey, fieldForHeader } from '../../src/lib/domain/fields.ts';
import { type Manifest, ManifestSchema } from '../../src/lib/domain/schemas.ts';

export type Cell = string | number | Date | null;

export interface ReadRow {
  /** Spreadsheet row number (JSON: position in the array). */
  row: number;
  /** Cells by field key. */
  cells: Partial<Record<FieldKey, Cell>>;
  /** Cells in column order, without the 序号 column (for duplicate detection). */
  raw: string[];
}

export interface ReadFile {
  name: string;
  headers: string[];
  /** Header → field key; undefined for an unknown column. */
  fields: (FieldKey | undefined)[];
  rows: ReadRow[];
}

export interface ReadSource {
  id: string;
  manifest: Manifest;
  files: ReadFile[];
}

const FOOTER = /^(合计|总计|备注|注：|说明)/;

function isBlank(cells: Cell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.replace(/[\s\u3000]/g, '') === ''));
}

function firstText(cells: Cell[]): string {
  for (const c of cells) if (c !== null && String(c).trim() !== '') return String(c).trim();
  return '';
}

function mapHeader(header: string, columns: Record<string, string> | undefined): FieldKey | undefined {
  return fieldForHeader(columns?.[header] ?? header)?.key as FieldKey | undefined;
}

function table(name: string, grid: Cell[][], columns: Record<string, string> | undefined): ReadFile {
  const headerIndex = grid.findIndex(
    (cells) => cells.filter((c) => typeof c === 'string' && mapHeader(c, columns)).length >= 3,
  );
  if (headerIndex < 0) throw new Error(`${name}: no header row`);
  const headers = (grid[headerIndex] ?? []).map((c) => (c === null ? '' : String(c)));
  const fields = headers.map((h) => mapHeader(h, columns));
  const rows: ReadRow[] = [];
  let ended = false;
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const cells = grid[i] ?? [];
    if (isBlank(cells)) continue;
    if (ended || FOOTER.test(firstText(cells))) {
      ended = true;
      continue;
    }
    const byField: Partial<Record<FieldKey, Cell>> = {};
    const raw: string[] = [];
    fields.forEach((f, c) => {
      const v = cells[c] ?? null;
      if (f) byField[f] = v;
      if (f !== 'seq') raw.push(v instanceof Date ? v.toISOString() : v === null ? '' : String(v));
    });
    rows.push({ row: i + 1, cells: byField, raw });
  }
  return { name, headers, fields, rows };
}

async function readXlsx(path: string): Promise<Cell[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const grid: Cell[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: Cell[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const v = row.getCell(c).value;
      cells.push(
        v === null || v === undefined ? null : v instanceof Date || typeof v === 'number' ? v : String(v),
      );
    }
    grid.push(cells);
  }
  return grid;
}

export function decodeCsv(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'gb18030');
  }
}

function readCsv(bytes: Buffer): Cell[][] {
  const text = decodeCsv(bytes).replace(/\r?\n$/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  return parsed.data.map((cells) => cells.map((c) => c));
}

export async function readSources(dir: string, ids: readonly string[]): Promise<ReadSource[]> {
  const out: ReadSource[] = [];
  for (const id of ids) {
    const manifest = ManifestSchema.parse(
      YAML.parse(await readFile(join(dir, 'sources', id, 'source.yml'), 'utf8')),
    );
    const files: ReadFile[] = [];
    for (const name of manifest.files) {
      const path = join(dir, 'sources', id, name);
      if (name.endsWith('.xlsx')) {
        files.push(table(name, await readXlsx(path), manifest.columns));
      } else if (name.endsWith('.csv')) {
        files.push(table(name, readCsv(await readFile(path)), manifest.columns));
      } else {
        const records = JSON.parse(await readFile(path, 'utf8')) as Record<string, string | number | null>[];
        const headers = Object.keys(records[0] ?? {});
        const fields = headers.map((h) => mapHeader(h, manifest.columns));
        const rows = records.map((record, i) => {
          const cells: Partial<Record<FieldKey, Cell>> = {};
          headers.forEach((h, c) => {
            const f = fields[c];
            if (f) cells[f] = record[h] ?? null;
          });
          return { row: i + 1, cells, raw: headers.map((h) => String(record[h])) };
        });
        files.push({ name, headers, fields, rows });
      }
    }
    out.push({ id, manifest, files });
  }
  return out;
}

const DAY = 86_400_000;

/**
 * A published date as a day number, 'invalid' for a date that does not exist, null for an empty cell. Numbers are
 * Excel serials (below 100000) or epoch milliseconds of midnight in Asia/Shanghai.
 */
export function parseDay(value: Cell | undefined): number | 'invalid' | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Math.round(value.getTime() / DAY);
  if (typeof value === 'number')
    return value < 100_000 ? value - 25_569 : Math.round((value + 8 * 3_600_000) / DAY);
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?: 00:00:00)?$/.exec(value.trim()) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!m) return 'invalid';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return 'invalid';
  return t / DAY;
}
