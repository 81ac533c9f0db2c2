/**
 * CSV text as agencies export it: RFC 4180 quoting, CRLF or LF, UTF-8 with or without BOM, or GB18030.
 */
import iconv from 'iconv-lite';
import type { Layout } from './layout.ts';
import type { Encoding } from './types.ts';

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function csvText(layout: Layout, eol: string): string {
  const parts: string[] = [];
  for (const line of layout.lines) {
    parts.push(line.cells.map((c) => quote(c === null ? '' : String(c))).join(','));
  }
  return parts.join(eol) + eol;
}

export function encodeText(text: string, encoding: Encoding): Buffer {
  if (encoding === 'gb18030') return iconv.encode(text, 'gb18030');
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}
