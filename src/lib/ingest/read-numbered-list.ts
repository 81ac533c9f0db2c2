/**
 * A list written as numbered lines in a notice's body (`1.江门市新会区好儿女儿童托育服务有限公司(大鳌镇)`): one row per
 * item, numbered 1, 2, 3 … in the order they appear, the parenthesised place at the end kept as the address.
 */
import { UnreadableFileError } from './read-json.ts';
import type { RawRow, RawTable } from './table.ts';

const NUMBERED = /^\s*[(（]?(\d{1,4})\s*[.、．)）]\s*(.+)$/;
const PLACE = /^(.*?)\s*[(（]([^()（）]+)[)）]\s*[。；;，,]?$/;

/** Rows of 序号 · 机构名称 · 地址 from lines of text. */
export function numberedListRows(lines: Iterable<string>): RawRow[] {
  const rows: RawRow[] = [];
  for (const line of lines) {
    const m = NUMBERED.exec(line);
    if (!m) continue;
    const item = (m[2] as string).trim();
    const p = PLACE.exec(item);
    rows.push({
      n: rows.length + 1,
      cells: [m[1] as string, p ? (p[1] as string) : item, p ? (p[2] as string) : null],
    });
  }
  return rows;
}

/**
 * The table of a notice whose manifest says `numbered_list`: one row per item of the body text (`where` names it:
 * 网页正文, Word 文档正文). A body with no numbered item is a file-level problem, never an empty table.
 */
export function numberedListTable(file: string, lines: Iterable<string>, where: string): RawTable {
  const rows = numberedListRows(lines);
  if (rows.length === 0)
    throw new UnreadableFileError(
      'no-data-table',
      `${where}中没有找到编号列表（如“1.某某托育中心”），未读取`,
    );
  return { file, rows, headers: ['序号', '机构名称', '地址'], notes: [] };
}
