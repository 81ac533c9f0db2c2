/**
 * Reads the tables of a Word 97–2003 document (.doc, and WPS Writer's .wps, the same binary format) as the .docx
 * reader reads a .docx: each table with the paragraphs just before it as its caption, several tables each on its
 * own, tables nested in a cell as candidates of their own, and with `numbered_list` the numbered paragraphs of the
 * body. Pure: bytes in, tables out.
 *
 * The format ([MS-DOC]) keeps the text as one run of characters (the piece table says where each piece lies in the
 * WordDocument stream) and the structure in paragraph properties: a paragraph inside a table ends with a cell mark
 * (\x07), a row ends with a paragraph of its own marked "table terminating", and that paragraph carries the row's
 * cell edges (sprmTDefTable) and vertical merges. Merged cells come out as the other readers give them:
 * - across: a cell as wide as several columns of the table's other rows spans them, its text repeated (as
 *   gridSpan); Word 97's own horizontal merge (cells flagged "merged" after the first) repeats the first's text;
 * - down: a cell flagged as continuing a vertical merge takes the text of the cell above (as vMerge).
 * What the format does not allow: column positions are lengths, so two rows whose edges differ by less than
 * {@link EDGE_TOLERANCE} count as the same column; properties inherited from a paragraph style or a piece's
 * modifier (rare, not written by Word or WPS for tables) are not read; text boxes, headers and footnotes are left out.
 */

import { trimLines } from '../domain/whitespace.ts';
import { CompoundFileError, compoundFileStreams } from './compound-file.ts';
import { MAX_DOCUMENT_CELLS, MAX_TABLE_DEPTH } from './limits.ts';
import { type CandidateTable, pickDataTables } from './pick-data-tables.ts';
import { spendCells } from './read-docx.ts';
import { UnreadableFileError } from './read-json.ts';
import { numberedListTable } from './read-numbered-list.ts';
import type { Cell, RawTable } from './table.ts';

const CAPTION_PARAGRAPHS = 3;

/** Cell edges (in twips, 1/1440 inch) this close are one column edge: about 0.5 mm, far below any column. */
const EDGE_TOLERANCE = 30;

/** Little-endian reads that throw (RangeError) past the end, so that a damaged file is refused, never misread. */
class Bytes {
  readonly b: Uint8Array;
  readonly view: DataView;
  constructor(b: Uint8Array) {
    this.b = b;
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  u8 = (o: number) => this.view.getUint8(o);
  u16 = (o: number) => this.view.getUint16(o, true);
  i16 = (o: number) => this.view.getInt16(o, true);
  u32 = (o: number) => this.view.getUint32(o, true);
  sub(from: number, length: number): Bytes {
    if (from < 0 || length < 0 || from + length > this.b.length) throw new RangeError('out of bounds');
    return new Bytes(this.b.subarray(from, from + length));
  }
}

function corrupt(detail: string): UnreadableFileError {
  return new UnreadableFileError(
    'corrupt-file',
    `Word 文档（.doc）已损坏或不完整（${detail}），无法读取；请重新下载原附件`,
  );
}

function streams(bytes: Uint8Array): Map<string, Bytes> {
  try {
    const out = new Map<string, Bytes>();
    for (const [name, stream] of compoundFileStreams(bytes)) {
      if (name === 'WordDocument' || name === '0Table' || name === '1Table' || name === 'Data') {
        out.set(name, new Bytes(stream.read()));
      }
    }
    return out;
  } catch (e) {
    if (e instanceof CompoundFileError) throw corrupt(e.message);
    throw e;
  }
}

/** A piece of the text: characters [cp, cpEnd) stored from byte `fc`, one byte (cp1252) or two (UTF-16LE) each. */
interface Piece {
  cp: number;
  cpEnd: number;
  fc: number;
  compressed: boolean;
}

/** What the paragraph properties say about one paragraph's place in a table. */
interface ParaProps {
  inTable: boolean;
  /** Table depth: 1 for a table in the body, 2 for a table in one of its cells… */
  depth: number;
  /** Ends a row (table terminating paragraph), at depth 1 or, with `inner`, deeper. */
  ttp: boolean;
  /** A paragraph mark that ends a cell of a nested table (depth ≥ 2 cells end with \r, not \x07). */
  innerCell: boolean;
  innerTtp: boolean;
  /** The row's cell edges (n + 1 for n cells), and each cell's TC flags. */
  edges?: number[];
  tcFlags?: number[];
  /** Vertical merge per cell index: 1 starts a merge, 3 continues it (sprmTVertMerge). */
  vertMerge?: Map<number, number>;
}

const NO_PROPS: ParaProps = { inTable: false, depth: 0, ttp: false, innerCell: false, innerTtp: false };

const TC_FIRST_MERGED = 0x0001;
const TC_MERGED = 0x0002;
const TC_VERT_MERGE = 0x0020;
const TC_VERT_RESTART = 0x0040;

/** Each property (sprm) of a grpprl: its code and where its operand starts and how long it is. */
function* sprms(g: Bytes, from: number): Generator<{ sprm: number; at: number }> {
  let o = from;
  while (o + 2 <= g.b.length) {
    const sprm = g.u16(o);
    const at = o + 2;
    let len: number;
    switch (sprm >> 13) {
      case 0:
      case 1:
        len = 1;
        break;
      case 2:
      case 4:
      case 5:
        len = 2;
        break;
      case 3:
        len = 4;
        break;
      case 7:
        len = 3;
        break;
      default:
        if (sprm === 0xd608 || sprm === 0xd606)
          len = g.u16(at) + 1; // sprmTDefTable: a two-byte count
        else if (sprm === 0xc615 && g.u8(at) === 255) {
          // sprmPChgTabs in its long form: deleted tabs (2 × 2 bytes each), then added tabs (3 bytes each).
          const del = g.u8(at + 1);
          len = 3 + 4 * del + 3 * g.u8(at + 2 + 4 * del);
        } else len = g.u8(at) + 1;
    }
    if (at + len > g.b.length) return;
    yield { sprm, at };
    o = at + len;
  }
}

function paraProps(g: Bytes, from: number, data: Bytes | undefined, depth = 0): ParaProps {
  const p: ParaProps = { ...NO_PROPS };
  const read = (g: Bytes, from: number) => {
    for (const { sprm, at } of sprms(g, from)) {
      switch (sprm) {
        case 0x2416: // sprmPFInTable
          p.inTable = g.u8(at) !== 0;
          break;
        case 0x2417: // sprmPFTtp
          p.ttp = g.u8(at) !== 0;
          break;
        case 0x6649: // sprmPItap
          p.depth = g.u32(at);
          break;
        case 0x244b: // sprmPFInnerTableCell
          p.innerCell = g.u8(at) !== 0;
          break;
        case 0x244c: // sprmPFInnerTtp
          p.innerTtp = g.u8(at) !== 0;
          break;
        case 0xd608: {
          // sprmTDefTable: count, cell edges, then one 20-byte TC per cell (fewer when the rest are default).
          const n = g.u8(at + 2);
          p.edges = Array.from({ length: n + 1 }, (_, i) => g.i16(at + 3 + 2 * i));
          const tcAt = at + 3 + 2 * (n + 1);
          const tcs = Math.min(n, Math.floor((at + g.u16(at) + 1 - tcAt) / 20));
          p.tcFlags = Array.from({ length: n }, (_, i) => (i < tcs ? g.u16(tcAt + 20 * i) : 0));
          break;
        }
        case 0xd62b: // sprmTVertMerge: cell index, then 1 (first) or 3 (continued)
          p.vertMerge ??= new Map();
          p.vertMerge.set(g.u8(at + 1), g.u8(at + 2));
          break;
        case 0x6646: {
          // sprmPHugePapx: properties too large for the page, kept in the Data stream (a wide table's row).
          if (!data || depth > 0) break;
          const o = g.u32(at);
          read(data.sub(o + 2, data.u16(o)), 0);
          break;
        }
      }
    }
  };
  read(g, from);
  if (p.inTable && p.depth === 0) p.depth = 1;
  if (!p.inTable && p.depth > 0) p.inTable = true;
  return p;
}

/** Paragraph properties by file position: the runs of every PAPX page (FKP), sorted, for a binary search. */
function paragraphRuns(
  word: Bytes,
  table: Bytes,
  data: Bytes | undefined,
  fc: number,
  lcb: number,
): Array<{ start: number; end: number; props: ParaProps }> {
  const runs: Array<{ start: number; end: number; props: ParaProps }> = [];
  const n = (lcb - 4) / 8;
  if (!Number.isInteger(n) || n < 0) throw corrupt('段落属性表长度不符');
  const plc = table.sub(fc, lcb);
  for (let i = 0; i < n; i++) {
    const page = plc.u32(4 * (n + 1) + 4 * i) & 0x3fffff;
    const fkp = word.sub(page * 512, 512);
    const crun = fkp.u8(511);
    for (let j = 0; j < crun; j++) {
      const start = fkp.u32(4 * j);
      const end = fkp.u32(4 * (j + 1));
      const bx = fkp.u8(4 * (crun + 1) + 13 * j);
      let props = NO_PROPS;
      if (bx !== 0) {
        const cb = fkp.u8(bx * 2);
        const g = cb !== 0 ? fkp.sub(bx * 2 + 1, 2 * cb - 1) : fkp.sub(bx * 2 + 2, 2 * fkp.u8(bx * 2 + 1));
        props = paraProps(g, 2, data); // the first two bytes are the paragraph style
      }
      runs.push({ start, end, props });
    }
  }
  return runs.sort((a, b) => a.start - b.start);
}

/** File ranges of text deleted with tracked changes (sprmCFRMarkDel), left out as the .docx reader leaves out w:del. */
function deletedRanges(word: Bytes, table: Bytes, fc: number, lcb: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const n = (lcb - 4) / 8;
  if (!Number.isInteger(n) || n < 0) throw corrupt('字符属性表长度不符');
  const plc = table.sub(fc, lcb);
  for (let i = 0; i < n; i++) {
    const fkp = word.sub((plc.u32(4 * (n + 1) + 4 * i) & 0x3fffff) * 512, 512);
    const crun = fkp.u8(511);
    for (let j = 0; j < crun; j++) {
      const rgb = fkp.u8(4 * (crun + 1) + j);
      if (rgb === 0) continue;
      const g = fkp.sub(rgb * 2 + 1, fkp.u8(rgb * 2));
      for (const { sprm, at } of sprms(g, 0)) {
        if (sprm === 0x0800 && (g.u8(at) & 1) === 1) out.push([fkp.u32(4 * j), fkp.u32(4 * (j + 1))]);
      }
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** The last item whose `start` is at or before `x`, if `x` falls inside it. */
function findRun<T extends { start: number; end: number }>(runs: T[], x: number): T | undefined {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = runs[mid] as T;
    if (r.start <= x) {
      if (x < r.end) return r;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return undefined;
}

function pieceTable(table: Bytes, fc: number, lcb: number, ccpText: number, wordLength: number): Piece[] {
  const clx = table.sub(fc, lcb);
  let o = 0;
  // Skip the Prc blocks (property modifiers of pieces) to the Pcdt.
  while (clx.u8(o) === 0x01) o += 3 + clx.u16(o + 1);
  if (clx.u8(o) !== 0x02) throw corrupt('文本分段表缺失');
  const size = clx.u32(o + 1);
  const plc = clx.sub(o + 5, size);
  const n = (size - 4) / 12;
  if (!Number.isInteger(n) || n < 1) throw corrupt('文本分段表长度不符');
  const pieces: Piece[] = [];
  for (let i = 0; i < n && plc.u32(4 * i) < ccpText; i++) {
    const cp = plc.u32(4 * i);
    const cpEnd = Math.min(plc.u32(4 * (i + 1)), ccpText);
    const raw = plc.u32(4 * (n + 1) + 8 * i + 2);
    const compressed = (raw & 0x40000000) !== 0;
    const at = compressed ? (raw & 0x3fffffff) / 2 : raw & 0x3fffffff;
    if (cpEnd < cp || at + (cpEnd - cp) * (compressed ? 1 : 2) > wordLength)
      throw corrupt('文本超出文件范围');
    pieces.push({ cp, cpEnd, fc: at, compressed });
  }
  return pieces;
}

interface Paragraph {
  text: string;
  /** The character that ends it: \r (paragraph), \x07 (cell or row end). */
  mark: number;
  props: ParaProps;
}

/** The main text as paragraphs, fields shown as their result, tracked deletions left out. */
function paragraphsOf(bytes: Uint8Array): Paragraph[] {
  const s = streams(bytes);
  const word = s.get('WordDocument');
  if (!word) throw corrupt('缺少 WordDocument 流');
  if (word.u16(0) !== 0xa5ec) throw corrupt('文件头标识不符');
  if (word.u16(2) < 0xc0) {
    throw new UnreadableFileError(
      'unsupported-format',
      'Word 6.0/95 或更早版本的 .doc 文档，无法读取；请用 Word 或 WPS 另存为 .docx 后发布',
    );
  }
  const flags = word.u16(0x0a);
  if (flags & 0x0100) {
    throw new UnreadableFileError('unsupported-format', 'Word 文档（.doc）设有打开密码（已加密），无法读取');
  }
  const table = s.get(flags & 0x0200 ? '1Table' : '0Table');
  if (!table) throw corrupt('缺少 Table 流');
  const csw = word.u16(32);
  const lw = 34 + 2 * csw + 2;
  const cslw = word.u16(lw - 2);
  const ccpText = word.u32(lw + 12);
  const cbFcLcb = word.u16(lw + 4 * cslw);
  const fcLcb = (i: number): [number, number] => {
    if (i >= cbFcLcb) return [0, 0];
    const at = lw + 4 * cslw + 2 + 8 * i;
    return [word.u32(at), word.u32(at + 4)];
  };
  const pieces = pieceTable(table, ...fcLcb(33), ccpText, word.b.length);
  const runs = paragraphRuns(word, table, s.get('Data'), ...fcLcb(13));
  const chpx = fcLcb(12);
  const deleted = (chpx[1] > 0 ? deletedRanges(word, table, ...chpx) : []).map(([start, end]) => ({
    start,
    end,
  }));
  const isDeleted = (fc: number) => deleted.length > 0 && findRun(deleted, fc) !== undefined;

  const paragraphs: Paragraph[] = [];
  let line = '';
  // Fields: \x13 instructions \x14 result \x15. Only the result is text; fields nest.
  const fields: boolean[] = [];
  let hidden = 0;
  for (const piece of pieces) {
    const size = piece.compressed ? 1 : 2;
    const raw = word.b.subarray(piece.fc, piece.fc + (piece.cpEnd - piece.cp) * size);
    const text = new TextDecoder(piece.compressed ? 'windows-1252' : 'utf-16le').decode(raw);
    for (let i = 0; i < text.length; i++) {
      const fc = piece.fc + i * size;
      const ch = text.charCodeAt(i);
      if (ch === 0x13) {
        fields.push(true);
        hidden++;
        continue;
      }
      if (ch === 0x14 || ch === 0x15) {
        if (fields.length > 0 && fields[fields.length - 1]) hidden--;
        if (ch === 0x14 && fields.length > 0) fields[fields.length - 1] = false;
        else fields.pop();
        continue;
      }
      if (ch === 0x0d || ch === 0x07) {
        // A paragraph mark is never part of a field's instructions or of a deletion that would join two cells.
        paragraphs.push({ text: line, mark: ch, props: findRun(runs, fc)?.props ?? NO_PROPS });
        line = '';
        continue;
      }
      if (hidden > 0 || isDeleted(fc)) continue;
      if (ch === 0x0b || ch === 0x0c) line += '\n';
      else if (ch === 0x09) line += ' ';
      else if (ch === 0x1e) line += '-';
      else if (ch >= 0x20) line += text[i];
    }
  }
  if (line !== '') paragraphs.push({ text: line, mark: 0x0d, props: NO_PROPS });
  return paragraphs;
}

function clean(text: string): string {
  return trimLines(text);
}

interface DocRow {
  cells: string[];
  props: ParaProps;
}

interface DocTable {
  rows: DocRow[];
  caption: string;
  /** The row being read: its cells so far, and the lines of the cell being read. */
  cells: string[];
  lines: string[];
}

/** The index of the kept edge nearest to x. */
function nearest(edges: number[], x: number): number {
  let best = 0;
  for (let i = 1; i < edges.length; i++) {
    if (Math.abs((edges[i] as number) - x) < Math.abs((edges[best] as number) - x)) best = i;
  }
  return best;
}

/** The table as a grid: a wide cell repeats across the columns it spans, a continued vertical merge takes the text above. */
function tableGrid(t: DocTable, budget: { cells: number }): Cell[][] {
  const all = [...new Set(t.rows.flatMap((r) => r.props.edges ?? []))].sort((a, b) => a - b);
  const edges: number[] = [];
  for (const e of all)
    if (edges.length === 0 || e - (edges[edges.length - 1] as number) > EDGE_TOLERANCE) edges.push(e);
  const grid: Cell[][] = [];
  for (const r of t.rows) {
    const row: Cell[] = [];
    const above = grid[grid.length - 1];
    const { edges: e, tcFlags, vertMerge } = r.props;
    // Edges that do not match the cells (a damaged or unusual row): the cells one column each.
    const known = e !== undefined && e.length === r.cells.length + 1;
    if (known) for (let i = nearest(edges, e[0] as number); i > 0; i--) row.push(null);
    r.cells.forEach((text, k) => {
      const span = known
        ? Math.max(1, nearest(edges, e[k + 1] as number) - nearest(edges, e[k] as number))
        : 1;
      const tc = tcFlags?.[k] ?? 0;
      const vm = vertMerge?.get(k) ?? (tc & TC_VERT_MERGE ? (tc & TC_VERT_RESTART ? 1 : 3) : 0);
      const col = row.length;
      let value: Cell = text;
      if (vm === 3) value = above?.[col] ?? null;
      else if (tc & TC_MERGED && !(tc & TC_FIRST_MERGED) && col > 0) value = row[col - 1] ?? null;
      spendCells(budget, span);
      for (let i = 0; i < span; i++) row.push(value);
    });
    grid.push(row);
  }
  return grid;
}

export interface ReadDocOptions {
  isDataTable: (t: RawTable) => boolean;
  numberedList?: boolean;
}

export function readDoc(file: string, bytes: Uint8Array, opts: ReadDocOptions): RawTable[] {
  let paragraphs: Paragraph[];
  try {
    paragraphs = paragraphsOf(bytes);
  } catch (e) {
    if (e instanceof UnreadableFileError) throw e;
    throw corrupt('结构超出文件范围');
  }
  const body: string[] = [];
  const found: DocTable[] = [];
  /** Open tables by depth: open[0] is the table in the body, open[1] a table in one of its cells. */
  const open: DocTable[] = [];
  let recent: string[] = [];
  for (const p of paragraphs) {
    const { depth } = p.props;
    if (depth > MAX_TABLE_DEPTH) throw corrupt(`表格嵌套 ${depth} 层，超过 ${MAX_TABLE_DEPTH} 层`);
    open.length = Math.min(open.length, depth);
    if (depth === 0) {
      const t = clean(p.text);
      if (t === '') continue;
      body.push(...t.split('\n'));
      recent.push(t);
      if (recent.length > CAPTION_PARAGRAPHS) recent.shift();
      continue;
    }
    while (open.length < depth) {
      const t: DocTable = {
        rows: [],
        caption: open.length === 0 ? recent.join(' ') : '',
        cells: [],
        lines: [],
      };
      if (open.length === 0) recent = [];
      open.push(t);
      found.push(t);
    }
    const t = open[depth - 1] as DocTable;
    const rowEnd = depth === 1 ? p.props.ttp : p.props.innerTtp;
    const cellEnd = depth === 1 ? p.mark === 0x07 : p.props.innerCell;
    if (rowEnd) {
      t.rows.push({ cells: t.cells, props: p.props });
      t.cells = [];
    } else {
      t.lines.push(clean(p.text));
      if (cellEnd) {
        t.cells.push(t.lines.filter((l) => l !== '').join('\n'));
        t.lines = [];
      }
    }
  }
  if (opts.numberedList) return [numberedListTable(file, body, 'Word 文档正文')];
  const budget = { cells: MAX_DOCUMENT_CELLS };
  function* candidates(): Generator<CandidateTable> {
    for (const t of found) if (t.rows.length > 0) yield { rows: tableGrid(t, budget), caption: t.caption };
  }
  return pickDataTables(file, candidates(), opts.isDataTable, 'Word 文档');
}
