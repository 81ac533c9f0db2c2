/**
 * Reads the lists a notice page carries: the data tables among the page's layout tables (navigation, breadcrumbs
 * and key-value boxes are tables too, nested inside each other), or, when the manifest says so, a numbered list in
 * the body text. Pure: bytes in, tables out.
 *
 * A table row counts as a sheet row does: the first `<tr>` of a table is row 1, title rows included. `colspan` and
 * `rowspan` repeat the cell's text in every cell they cover, as merged cells do in XLSX; `<br>` and paragraph
 * boundaries inside a cell become line breaks; only text is taken, never markup.
 */
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import { trimSpaces } from '../domain/whitespace.ts';
import { decodeHtml } from './decode-html.ts';
import { MAX_DOCUMENT_CELLS, MAX_HTML_NESTING, MAX_PAGE_BYTES, MAX_SPAN } from './limits.ts';
import { pickDataTables } from './pick-data-tables.ts';
import { UnreadableFileError } from './read-json.ts';
import { numberedListTable } from './read-numbered-list.ts';
import type { RawTable } from './table.ts';

/** What the text before a table says (e.g. 附件1：拟确认2023年市级普惠托育机构名单), for matching it to the manifest. */
const CAPTION_BLOCKS = 3;
/** Elements whose end tag may be left out: they do not deepen the page when a sloppy page never closes them. */
const IMPLIED_END = new Set([
  'p',
  'li',
  'td',
  'th',
  'tr',
  'option',
  'optgroup',
  'dt',
  'dd',
  'tbody',
  'thead',
  'tfoot',
  'colgroup',
  'rb',
  'rt',
  'rp',
  'caption',
]);
const VOID = new Set([
  'br',
  'hr',
  'img',
  'input',
  'meta',
  'link',
  'col',
  'area',
  'base',
  'embed',
  'source',
  'track',
  'wbr',
  'param',
  'keygen',
]);

/** How deep the page's elements nest, estimated from its tags without building a tree. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  const tag = /<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g;
  for (let m = tag.exec(text); m !== null; m = tag.exec(text)) {
    const name = (m[2] as string).toLowerCase();
    if (VOID.has(name) || IMPLIED_END.has(name) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}

const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'select',
  'textarea',
  'head',
  'svg',
  'math',
]);
const BLOCKS = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'header',
  'footer',
  'nav',
  'aside',
  'main',
  'blockquote',
  'pre',
  'address',
  'center',
  'form',
  'fieldset',
  'hr',
  'caption',
  'table',
  'tr',
  'td',
  'th',
  'tbody',
  'thead',
  'tfoot',
  'figure',
  'figcaption',
]);

export interface ReadHtmlOptions {
  /** Whether a table is a data table (its header row names known fields); layout tables are left out. */
  isDataTable: (table: RawTable) => boolean;
  /** Read a numbered list in the body text (`1.某某托育中心(某镇)`) instead of tables. */
  numberedList?: boolean;
}

const isElement = (n: T.Node): n is T.Element => 'tagName' in n;
const isText = (n: T.Node): n is T.TextNode => n.nodeName === '#text';
const children = (n: T.Node): T.ChildNode[] =>
  'content' in n && n.nodeName === 'template' ? [] : 'childNodes' in n ? n.childNodes : [];

function attr(el: T.Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** Collects text with line breaks at `<br>` and block boundaries, whitespace collapsed as a browser renders it. */
class TextSink {
  private lines: string[] = [];
  private current = '';
  text(s: string) {
    this.current += s.replace(/[ \t\n\r\f]+/g, ' ');
  }
  /** Ends the current line; returns it (trimmed) when it held any text. */
  br(): string | null {
    const line = trimSpaces(this.current);
    this.current = '';
    if (line === '') return null;
    this.lines.push(line);
    return line;
  }
  done(): string {
    this.br();
    const out = this.lines.join('\n');
    this.lines = [];
    return out;
  }
}

/** The text of a cell; tables nested in it are tables of their own and left out. */
function cellText(cell: T.Element): string {
  const sink = new TextSink();
  const stack: Array<T.Node | null> = [...children(cell)].reverse();
  while (stack.length > 0) {
    const n = stack.pop();
    if (n === null) {
      sink.br();
      continue;
    }
    if (n === undefined) break;
    if (isText(n)) {
      sink.text(n.value);
      continue;
    }
    if (!isElement(n)) continue;
    const tag = n.tagName;
    if (tag === 'br') {
      sink.br();
      continue;
    }
    if (tag === 'table' || SKIPPED.has(tag)) continue;
    const block = BLOCKS.has(tag);
    if (block) {
      sink.br();
      stack.push(null);
    }
    const kids = children(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as T.Node);
  }
  return sink.done();
}

/** The `<tr>`s of a table itself (not of tables nested in its cells). */
function ownRows(table: T.Element): T.Element[] {
  const rows: T.Element[] = [];
  for (const c of children(table)) {
    if (!isElement(c)) continue;
    if (c.tagName === 'tr') rows.push(c);
    else if (c.tagName === 'tbody' || c.tagName === 'thead' || c.tagName === 'tfoot') {
      for (const r of children(c)) if (isElement(r) && r.tagName === 'tr') rows.push(r);
    }
  }
  return rows;
}

function span(el: T.Element, name: string, max: number): number {
  const v = Number.parseInt(attr(el, name) ?? '1', 10);
  if (!Number.isFinite(v) || v < 1) return name === 'rowspan' && v === 0 ? max : 1;
  return Math.min(v, max);
}

/** The table as a grid: spanned cells repeat their text. */
function tableGrid(table: T.Element, budget: { cells: number }): string[][] {
  const trs = ownRows(table);
  const grid: Array<Array<string | undefined>> = trs.map(() => []);
  trs.forEach((tr, r) => {
    const row = grid[r] as Array<string | undefined>;
    let col = 0;
    for (const cell of children(tr)) {
      if (!isElement(cell) || (cell.tagName !== 'td' && cell.tagName !== 'th')) continue;
      while (row[col] !== undefined) col++;
      const text = cellText(cell);
      const cs = span(cell, 'colspan', MAX_SPAN);
      const rs = span(cell, 'rowspan', trs.length - r);
      budget.cells -= cs * rs;
      if (budget.cells < 0) {
        throw new UnreadableFileError(
          'file-too-large',
          `网页中的表格过大（合并单元格展开后超过 ${MAX_DOCUMENT_CELLS.toLocaleString('en-US')} 个单元格），未读取`,
        );
      }
      for (let dr = 0; dr < rs; dr++) {
        const target = grid[r + dr];
        if (!target) break;
        for (let dc = 0; dc < cs; dc++) target[col + dc] = text;
      }
      col += cs;
    }
  });
  return grid.map((row) => Array.from(row, (c) => c ?? ''));
}

interface Found {
  element: T.Element;
  caption: string;
}

/** Every table in document order with the text before it, and the page's text blocks outside tables. */
function scanPage(doc: T.Document): { tables: Found[]; blocks: string[] } {
  const tables: Found[] = [];
  const blocks: string[] = [];
  let recent: string[] = [];
  const sink = new TextSink();
  const endBlock = () => {
    const line = sink.br();
    if (line !== null) {
      blocks.push(line);
      recent.push(line);
      if (recent.length > CAPTION_BLOCKS) recent.shift();
    }
  };
  // null marks the end of a block element; 'table-end' the end of a table (the text before the next one starts).
  const stack: Array<T.Node | null | 'table-end'> = [doc];
  while (stack.length > 0) {
    const n = stack.pop();
    if (n === undefined) break;
    if (n === null) {
      endBlock();
      continue;
    }
    if (n === 'table-end') {
      endBlock();
      recent = [];
      continue;
    }
    if (isText(n)) {
      sink.text(n.value);
      continue;
    }
    if (isElement(n)) {
      const tag = n.tagName;
      if (SKIPPED.has(tag)) continue;
      if (tag === 'br') {
        endBlock();
        continue;
      }
      if (tag === 'table') {
        endBlock();
        tables.push({ element: n, caption: recent.join(' ') });
        stack.push('table-end');
      } else if (BLOCKS.has(tag)) {
        endBlock();
        stack.push(null);
      }
    }
    const kids = children(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as T.Node);
  }
  endBlock();
  return { tables, blocks };
}

export function readHtml(file: string, bytes: Uint8Array, opts: ReadHtmlOptions): RawTable[] {
  if (bytes.length > MAX_PAGE_BYTES) {
    throw new UnreadableFileError(
      'file-too-large',
      `网页大小 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过网页可读取的上限 ${MAX_PAGE_BYTES / 1024 / 1024} MB，未读取；名单通常只有几百 KB，请确认保存的是公告页面本身`,
    );
  }
  const { text } = decodeHtml(bytes);
  const depth = nestingDepth(text);
  if (depth > MAX_HTML_NESTING) {
    throw new UnreadableFileError(
      'corrupt-file',
      `网页的元素嵌套超过 ${MAX_HTML_NESTING} 层（约 ${depth} 层），不是正常的公告页面，未读取`,
    );
  }
  const doc = parse(text);
  const { tables, blocks } = scanPage(doc);
  if (opts.numberedList) return [numberedListTable(file, blocks, '网页正文')];
  const budget = { cells: MAX_DOCUMENT_CELLS };
  // Grids are built one table at a time, as the picker asks for them.
  function* candidates() {
    for (const t of tables) yield { rows: tableGrid(t.element, budget), caption: t.caption };
  }
  return pickDataTables(file, candidates(), opts.isDataTable, '网页');
}
