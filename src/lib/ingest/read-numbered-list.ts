/**
 * A list written as numbered lines in a notice's body (`1.江门市新会区好儿女儿童托育服务有限公司(大鳌镇)`): one row per
 * item, numbered 1, 2, 3 … in the order they appear, the parenthesised place at the end kept as the address.
 */
import type { RawRow } from './table.ts';

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
