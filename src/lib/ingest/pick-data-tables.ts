/**
 * The data tables of a page or document: layout tables are left out, several data tables name themselves
 * (`file · 表2`) so that findings say which, and a file with none is one file-level problem.
 */
import { UnreadableFileError } from './read-json.ts';
import type { Cell, RawTable } from './table.ts';

export interface CandidateTable {
  /** Rows as grids: spanned cells already repeat their text; the first row is row 1. */
  rows: Cell[][];
  /** The text just before the table (附件1：…). */
  caption: string;
}

export function pickDataTables(
  file: string,
  candidates: Iterable<CandidateTable>,
  isDataTable: (t: RawTable) => boolean,
  what: string,
): RawTable[] {
  const data: RawTable[] = [];
  let seen = 0;
  for (const c of candidates) {
    seen++;
    const raw: RawTable = { file, rows: c.rows.map((cells, i) => ({ n: i + 1, cells })), notes: [] };
    if (isDataTable(raw)) data.push({ ...raw, caption: c.caption, position: data.length + 1 });
  }
  if (data.length === 0) {
    throw new UnreadableFileError(
      'no-data-table',
      seen === 0
        ? `${what}中没有表格，未读取；如名单以编号列表写在正文中，请在 source.yml 中写 numbered_list: true`
        : `${what}中的 ${seen} 个表格都不是数据表格（没有可识别的表头，如“机构名称”），未读取；` +
            '如名单以编号列表写在正文中，请在 source.yml 中写 numbered_list: true',
    );
  }
  if (data.length > 1) for (const t of data) t.file = `${file} · 表${t.position}`;
  return data;
}
