/**
 * Reads the tables of a Word document (.docx): `word/document.xml`, its `w:tbl` tables with their merged cells
 * (`w:gridSpan` across, `w:vMerge` down: the text repeats in every cell it covers, as in XLSX), the paragraphs just
 * before each table (a title such as 附件1：拟确认……名单) for the manifest's `tables`, and with `numbered_list` the
 * numbered paragraphs of the body. Pure: bytes in, tables out.
 */

import { trimLines } from '../domain/whitespace.ts';
import { MAX_DOCUMENT_CELLS, MAX_SPAN } from './limits.ts';
import { type CandidateTable, pickDataTables } from './pick-data-tables.ts';
import { UnreadableFileError } from './read-json.ts';
import { numberedListTable } from './read-numbered-list.ts';
import type { Cell, RawTable } from './table.ts';
import { listZip, readZipEntry } from './unzip.ts';

interface XmlNode {
  name: string;
  attrs: string;
  children: XmlNode[];
  /** Text content of a w:t element. */
  text?: string;
}

const CAPTION_PARAGRAPHS = 3;

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    if (e[0] !== '#') return ENTITY[e.toLowerCase()] ?? '';
    const cp =
      e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  });
}

/** A small tree of the elements that matter; attributes are kept as their source text. */
function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#root', attrs: '', children: [] };
  const stack: XmlNode[] = [root];
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)([^>]*?)(\/?)>|<!\[CDATA\[([\s\S]*?)\]\]>|<[?!][^>]*>|([^<]+)/g;
  for (let m = tag.exec(xml); m !== null; m = tag.exec(xml)) {
    const top = stack[stack.length - 1] as XmlNode;
    const [, close, name, attrs, selfClose, cdata, text] = m;
    if (text !== undefined || cdata !== undefined) {
      // Only w:t carries the document's text; whitespace between elements is formatting.
      if (top.name === 'w:t') top.text = (top.text ?? '') + (cdata ?? unescapeXml(text ?? ''));
      continue;
    }
    if (!name) continue;
    if (close) {
      // Pop to the matching element; a stray end tag is ignored.
      for (let i = stack.length - 1; i > 0; i--) {
        if ((stack[i] as XmlNode).name === name) {
          stack.length = i;
          break;
        }
      }
      continue;
    }
    const node: XmlNode = { name, attrs: attrs ?? '', children: [] };
    top.children.push(node);
    if (!selfClose) stack.push(node);
  }
  return root;
}

function attrVal(n: XmlNode, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*"([^"]*)"`).exec(n.attrs);
  return m?.[1];
}

const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);

/** Elements that only wrap content (content controls, tracked insertions, smart tags): looked through. */
const WRAPPERS = new Set([
  'w:sdt',
  'w:sdtContent',
  'w:customXml',
  'w:smartTag',
  'w:ins',
  'w:hyperlink',
  'w:fldSimple',
]);

/** The text of a paragraph: runs' w:t, w:br and w:cr as line breaks, w:tab as a space; deleted text left out. */
function paragraphText(p: XmlNode): string {
  let out = '';
  const stack: XmlNode[] = [...p.children].reverse();
  while (stack.length > 0) {
    const n = stack.pop() as XmlNode;
    if (n.name === 'w:t') out += n.text ?? '';
    else if (n.name === 'w:br' || n.name === 'w:cr') out += '\n';
    else if (n.name === 'w:tab') out += ' ';
    else if (n.name === 'w:del' || n.name === 'w:instrText' || n.name === 'w:delText') continue;
    else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as XmlNode);
  }
  return trimLines(out);
}

/** Block content (paragraphs and tables) in order, looking through wrappers. */
function* blocks(n: XmlNode): Generator<XmlNode> {
  for (const c of n.children) {
    if (c.name === 'w:p' || c.name === 'w:tbl') yield c;
    else if (WRAPPERS.has(c.name)) yield* blocks(c);
  }
}

function cellText(tc: XmlNode): string {
  const lines: string[] = [];
  for (const b of blocks(tc)) if (b.name === 'w:p') lines.push(paragraphText(b));
  return lines.filter((l) => l !== '').join('\n');
}

function rowsOf(tbl: XmlNode): XmlNode[] {
  const rows: XmlNode[] = [];
  const walk = (n: XmlNode) => {
    for (const c of n.children) {
      if (c.name === 'w:tr') rows.push(c);
      else if (WRAPPERS.has(c.name)) walk(c);
    }
  };
  walk(tbl);
  return rows;
}

function cellsOf(tr: XmlNode): XmlNode[] {
  const cells: XmlNode[] = [];
  const walk = (n: XmlNode) => {
    for (const c of n.children) {
      if (c.name === 'w:tc') cells.push(c);
      else if (WRAPPERS.has(c.name)) walk(c);
    }
  };
  walk(tr);
  return cells;
}

/** The table as a grid: gridSpan repeats a cell across, a continued vMerge takes the text of the cell above. */
/**
 * The cells one document may expand to, merged cells repeated, counted down as its tables are laid out (Word 2007
 * and Word 97 documents alike): a document past {@link MAX_DOCUMENT_CELLS} is refused, not read in part.
 */
export function spendCells(budget: { cells: number }, n: number): void {
  budget.cells -= n;
  if (budget.cells < 0) {
    throw new UnreadableFileError(
      'file-too-large',
      `文档中的表格过大（展开合并单元格后超过 ${MAX_DOCUMENT_CELLS.toLocaleString('en-US')} 个单元格），未读取`,
    );
  }
}

function tableGrid(tbl: XmlNode, budget: { cells: number }): Cell[][] {
  const grid: Cell[][] = [];
  for (const tr of rowsOf(tbl)) {
    const row: Cell[] = [];
    const above = grid[grid.length - 1];
    // w:gridBefore: cells left out at the start of the row.
    const before = Number.parseInt(
      attrVal(child(child(tr, 'w:trPr') ?? tr, 'w:gridBefore') ?? tr, 'w:val') ?? '0',
      10,
    );
    for (let i = 0; i < (Number.isFinite(before) ? Math.min(before, MAX_SPAN) : 0); i++) row.push(null);
    for (const tc of cellsOf(tr)) {
      const pr = child(tc, 'w:tcPr');
      const spanNode = pr && child(pr, 'w:gridSpan');
      const span = Math.min(
        Math.max(Number.parseInt((spanNode && attrVal(spanNode, 'w:val')) ?? '1', 10) || 1, 1),
        MAX_SPAN,
      );
      const vMerge = pr && child(pr, 'w:vMerge');
      const continued = vMerge !== undefined && attrVal(vMerge, 'w:val') !== 'restart';
      const col = row.length;
      const text = continued ? (above?.[col] ?? null) : cellText(tc);
      spendCells(budget, span);
      for (let i = 0; i < span; i++) row.push(text);
    }
    grid.push(row);
  }
  return grid;
}

function documentXml(bytes: Uint8Array): string {
  let entries: ReturnType<typeof listZip>;
  try {
    entries = listZip(bytes);
  } catch (e) {
    if (e instanceof UnreadableFileError) throw e;
    throw new UnreadableFileError(
      'corrupt-file',
      'Word 文档（.docx）已损坏或不完整，无法打开；请重新下载原附件',
    );
  }
  const entry = entries.get('word/document.xml');
  if (!entry)
    throw new UnreadableFileError('corrupt-file', '文件不是 Word 文档（.docx 中缺少 word/document.xml）');
  try {
    return readZipEntry(bytes, entry).toString('utf8');
  } catch (e) {
    if (e instanceof UnreadableFileError) throw e;
    throw new UnreadableFileError('corrupt-file', 'Word 文档（.docx）已损坏，无法解压 word/document.xml');
  }
}

export interface ReadDocxOptions {
  isDataTable: (t: RawTable) => boolean;
  numberedList?: boolean;
}

export function readDocx(file: string, bytes: Uint8Array, opts: ReadDocxOptions): RawTable[] {
  const root = parseXml(documentXml(bytes));
  const body = child(child(root, 'w:document') ?? root, 'w:body');
  if (!body) throw new UnreadableFileError('corrupt-file', 'Word 文档中没有正文（w:body）');
  const paragraphs: string[] = [];
  const found: Array<{ tbl: XmlNode; caption: string }> = [];
  let recent: string[] = [];
  const visit = (n: XmlNode) => {
    for (const b of blocks(n)) {
      if (b.name === 'w:p') {
        const t = paragraphText(b);
        if (t === '') continue;
        paragraphs.push(...t.split('\n'));
        recent.push(t);
        if (recent.length > CAPTION_PARAGRAPHS) recent.shift();
      } else {
        found.push({ tbl: b, caption: recent.join(' ') });
        recent = [];
        // Tables nested in cells are candidates of their own (a layout table holding the list).
        for (const tr of rowsOf(b))
          for (const tc of cellsOf(tr))
            for (const inner of blocks(tc))
              if (inner.name === 'w:tbl') visit({ name: '#cell', attrs: '', children: [inner] });
      }
    }
  };
  visit(body);
  if (opts.numberedList) return [numberedListTable(file, paragraphs, 'Word 文档正文')];
  const budget = { cells: MAX_DOCUMENT_CELLS };
  function* candidates(): Generator<CandidateTable> {
    for (const f of found) yield { rows: tableGrid(f.tbl, budget), caption: f.caption };
  }
  return pickDataTables(file, candidates(), opts.isDataTable, 'Word 文档');
}
