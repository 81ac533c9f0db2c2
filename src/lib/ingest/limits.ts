/**
 * The limits every reader works within, in one place, so that no single small file can take the build down (out of
 * memory, a stack overflow, a hang) and every reader refuses the same things with the same words. A reader that
 * meets a limit raises {@link limitExceeded} (the file is refused with a file-level problem) or, for one cell,
 * lets {@link boundCells} cut it and reject its row.
 */
import type { ProblemCode } from '../domain/rules/problems.ts';
import type { RawTable } from './table.ts';

const MB = 1024 * 1024;

/**
 * How much one workbook may hold once inflated, all its entries together. XML compresses about tenfold and the
 * largest published lists are a few megabytes; deflate reaches 1000:1 on repeated bytes, so without a limit a small
 * file (a zip bomb) inflates to gigabytes. A 400 MB sheet took 1.3 GB of memory to read.
 */
export const MAX_INFLATED_BYTES = 512 * MB;

/**
 * The longest cell the pipeline keeps. Real 违法事实 run to a few thousand characters; 100,000 is far beyond any
 * published value and still cheap to index, while a 10-million-character cell overflowed the search index builder.
 * A longer cell is cut to this length at read time and its row is rejected (`cell-too-long`): a value cut short is
 * not what was published, so it is not published.
 */
export const MAX_CELL_CHARS = 100_000;

/**
 * How many cells one workbook may spread into, merged ranges filled in. A workbook at the file limit holds a few
 * million real cells; a merged range written as A1:XFD1048576 would otherwise mean 17 billion.
 */
export const MAX_CELLS = 20_000_000;

/** Excel's own sheet size: a cell beyond it is not a spreadsheet's. */
export const MAX_SHEET_ROWS = 1_048_576;
export const MAX_SHEET_COLUMNS = 16_384;

/**
 * How many cells the tables of one page or Word document may spread into, merged cells filled in. A notice's list
 * holds a few thousand cells; a colspan of 1000 on every cell of a long table would otherwise mean billions.
 */
export const MAX_DOCUMENT_CELLS = 5_000_000;

/** The widest merge a page or .docx cell may declare (HTML itself caps colspan at 1000); a wider one is cut to it. */
export const MAX_SPAN = 1000;

/**
 * A notice page is kilobytes to a few megabytes; parsing costs ~25 times a page's size in memory and ~0.7 s per MB
 * (a 50 MB page of 500,000 rows took 36 s and 1.4 GB). Larger pages are refused before parsing.
 */
export const MAX_PAGE_BYTES = 16 * MB;

/** Real pages nest a few dozen elements deep; thousands of levels is a hostile page (the parser slows to seconds). */
export const MAX_HTML_NESTING = 2000;

/** Tables inside tables in a Word document: lists nest one or two deep; a depth in the millions is a damaged file. */
export const MAX_TABLE_DEPTH = 64;

/** Pages of a PDF read at most: a printed list runs to tens of pages; pdfjs holds every page's text at once. */
export const MAX_PDF_PAGES = 2000;

/** How deep a JSON export may nest. Exports are an array of flat records (depth 2, 3 with a wrapper object). */
export const MAX_JSON_DEPTH = 64;

/** Lines one quoted CSV cell may span before the file is taken for one with a stray quote. */
export const MAX_LINES_PER_CSV_CELL = 30;

/** A file that cannot be read at all; `code` is a problem code of the data contract. */
export class UnreadableFileError extends Error {
  code: ProblemCode;
  constructor(code: ProblemCode, message: string) {
    super(message);
    this.code = code;
  }
}

export type LimitCode = 'file-too-large' | 'too-many-cells' | 'too-deep' | 'corrupt-file';

/** The error a reader throws when a file goes past a limit: the file is refused with this Chinese message. */
export function limitExceeded(code: LimitCode, message: string): UnreadableFileError {
  return new UnreadableFileError(code, message);
}

export function inflatedTooLarge(): UnreadableFileError {
  return limitExceeded(
    'file-too-large',
    `XLSX 解压后超过 ${MAX_INFLATED_BYTES / MB} MB（各部分合计；可能是压缩炸弹或异常庞大的工作表），未读取`,
  );
}

export function tooManyCells(): UnreadableFileError {
  return limitExceeded(
    'too-many-cells',
    `工作簿展开后超过 ${MAX_CELLS.toLocaleString('en-US')} 个单元格（可能是覆盖整张表的合并单元格），未读取`,
  );
}

/** A cell cut at read time: its column index (0-based) and the length it had. */
export interface OversizedCell {
  col: number;
  length: number;
}

/**
 * Cuts every string cell longer than {@link MAX_CELL_CHARS} and marks its row, so that the pipeline rejects that
 * row with a problem naming the column. Rows are changed in place; the table is returned for chaining.
 */
export function boundCells(table: RawTable): RawTable {
  for (const row of table.rows) {
    for (let i = 0; i < row.cells.length; i++) {
      const c = row.cells[i];
      if (typeof c === 'string' && c.length > MAX_CELL_CHARS) {
        row.cells[i] = c.slice(0, MAX_CELL_CHARS);
        row.oversized = [...(row.oversized ?? []), { col: i, length: c.length }];
      }
    }
  }
  return table;
}

/** The Chinese message for a row with an over-long cell. */
export function oversizedMessage(o: OversizedCell, header: string | null): string {
  const where = header ? `“${header}”列` : `第 ${o.col + 1} 列`;
  return `${where}的内容长 ${o.length.toLocaleString('en-US')} 个字符，超过单元格上限 ${MAX_CELL_CHARS.toLocaleString('en-US')} 字符（可能是引号不配对或文件损坏），该行未采用`;
}
