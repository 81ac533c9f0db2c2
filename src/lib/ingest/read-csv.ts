import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { MAX_LINES_PER_CSV_CELL } from './limits.ts';
import type { RawRow, RawTable } from './table.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a published CSV. Files come as UTF-8, UTF-8 with BOM or GB18030/GBK, and now and then as a mix of both
 * (rows pasted from another file): each line is decoded on its own, UTF-8 where it is valid, GB18030 otherwise.
 */
export function decodeCsv(bytes: Uint8Array): {
  text: string;
  encoding: string;
  mixed: boolean;
  /** 1-based numbers of the lines decoded as GB18030 when the file is not UTF-8 throughout. */
  gbLines: number[];
} {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  try {
    const text = utf8.decode(body);
    // A BOM settles it; without one, GB18030 bytes may pass for UTF-8.
    const gb = start ? null : misreadGb(text, body);
    if (gb === null) return { text, encoding: start ? 'utf-8-sig' : 'utf-8', mixed: false, gbLines: [] };
    return { text: gb, encoding: 'gb18030', mixed: false, gbLines: [] };
  } catch {
    // fall through: not UTF-8 as a whole
  }
  const parts: string[] = [];
  let utfLines = 0;
  const gbLines: number[] = [];
  let lineStart = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i === body.length || body[i] === 0x0a) {
      const line = body.subarray(lineStart, i);
      let utf: string | null = null;
      try {
        utf = utf8.decode(line);
      } catch {
        // not UTF-8: GB18030
      }
      const gb = utf === null ? iconv.decode(Buffer.from(line), 'gb18030') : misreadGb(utf, line);
      if (gb !== null) gbLines.push(parts.length + 1);
      else if (utf !== null && /[^ -~\t\r]/.test(utf)) utfLines++;
      parts.push(gb ?? utf ?? '');
      lineStart = i + 1;
    }
  }
  return {
    text: parts.join('\n'),
    encoding: utfLines > 0 ? 'mixed' : 'gb18030',
    mixed: utfLines > 0 && gbLines.length > 0,
    gbLines,
  };
}

/**
 * The GB18030 reading of bytes that also decode as UTF-8, when that is what they are. Chinese in UTF-8 takes three
 * bytes a character; GB18030 pairs that happen to form valid UTF-8 become two-byte characters (U+0080–U+07FF:
 * Latin, Greek, Cyrillic, Armenian …), so '元' (D4 AA) would read as 'Ԫ'. A Chinese list has no text made only of
 * those: such a line is GB18030 when it decodes there without a replacement character. null: keep the UTF-8.
 */
function misreadGb(text: string, bytes: Uint8Array): string | null {
  if (!/[\u0080-\u07ff]/.test(text) || /[\u0800-\uffff]/.test(text)) return null;
  const gb = iconv.decode(Buffer.from(bytes), 'gb18030');
  return gb.includes('\ufffd') ? null : gb;
}

/** Reads a CSV into rows numbered as a spreadsheet shows them: a quoted cell spanning lines is still one row. */
export function readCsv(file: string, bytes: Uint8Array): RawTable {
  const { text, mixed, gbLines } = decodeCsv(bytes);
  const delimiter = detectDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter });
  const notes: RawTable['notes'] = [];
  if (mixed) {
    notes.push({
      code: 'mixed-encoding',
      message: `文件中第 ${gbLines.slice(0, 5).join('、')} 行${gbLines.length > 5 ? `等 ${gbLines.length} 行` : ''}为 GB18030 编码，其余为 UTF-8，已逐行识别；请发布单位统一为 UTF-8`,
    });
  }
  if (quotesGoneWrong(parsed, delimiter)) {
    const { rows, note } = readLines(text, delimiter);
    notes.push(note);
    return { file, rows, notes };
  }
  for (const e of parsed.errors) {
    if (e.code === 'UndetectableDelimiter') continue;
    // papaparse's own words are English: only where it happened is passed on.
    notes.push({ code: 'csv-syntax', message: `CSV 格式有误（第 ${(e.row ?? 0) + 1} 条记录附近）` });
  }
  const rows = parsed.data.map((cells, i) => ({ n: i + 1, cells: cells as string[] }));
  // A final line break yields one empty record: not a row of the sheet.
  const last = rows[rows.length - 1];
  if (last && last.cells.length === 1 && last.cells[0] === '' && /\r?\n$/.test(text)) rows.pop();
  return { file, rows, notes };
}

/**
 * Whether a quote went astray: papaparse reports a quote it could not close, or a quoted cell runs over many lines
 * or holds lines that look like records of their own. One stray quote (`1,"阳光"宝贝托育中心,…`) otherwise makes
 * the rest of the file one cell of one row.
 */
function quotesGoneWrong(parsed: Papa.ParseResult<string[]>, delimiter: string): boolean {
  if (parsed.errors.some((e) => e.type === 'Quotes')) return true;
  for (const cells of parsed.data) {
    const width = cells.length;
    for (const c of cells) {
      if (c.indexOf('\n') < 0) continue;
      const lines = c.split('\n');
      if (lines.length > MAX_LINES_PER_CSV_CELL) return true;
      const recordLike = lines.slice(1).filter((l) => l.split(delimiter).length >= Math.max(3, width)).length;
      if (recordLike >= 2) return true;
    }
  }
  return false;
}

/**
 * Reads the file again one physical line at a time, so that a stray quote can take no other line with it. A line
 * that parses on its own keeps its quoted cells; one that does not is split at every delimiter, quotes kept as text,
 * and is kept when that gives the file's usual number of cells, rejected otherwise. Rows are numbered by line.
 */
function readLines(text: string, delimiter: string): { rows: RawRow[]; note: RawTable['notes'][number] } {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const read = lines.map((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line === '') return { n: i + 1, cells: [''], clean: true };
    const one = Papa.parse<string[]>(line, { delimiter, skipEmptyLines: false });
    const clean = one.errors.length === 0 && one.data.length === 1;
    return { n: i + 1, cells: clean ? (one.data[0] as string[]) : line.split(delimiter), clean };
  });
  const widths = new Map<number, number>();
  for (const r of read)
    if (r.clean && r.cells.length > 1) widths.set(r.cells.length, (widths.get(r.cells.length) ?? 0) + 1);
  const width = [...widths].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
  const broken = read.filter((r) => !r.clean).map((r) => r.n);
  const rows = read.map(({ n, cells, clean }): RawRow => {
    if (clean || cells.length === width) return { n, cells };
    return {
      n,
      cells,
      problem: {
        code: 'csv-quote',
        message: `第 ${n} 行引号不配对，按分隔符拆开有 ${cells.length} 列，而表格是 ${width} 列，无法确定各列的内容，该行未采用`,
      },
    };
  });
  const shown = broken.length > 0 ? `第 ${broken.slice(0, 5).join('、')} 行` : '有一个单元格跨越多行且';
  return {
    rows,
    note: {
      code: 'csv-quote',
      message: `${shown}${broken.length > 5 ? `等 ${broken.length} 行` : ''}的引号不配对（多出或缺少 "），为免一行吞掉后面的内容，全文件改为逐行读取：每行一条记录，这些行中的引号按文字保留；请核对这些行`,
    },
  };
}

/**
 * The delimiter of a file: the candidate found outside quoted cells on the most lines of the first 4 KB, comma
 * first on a tie. Every line of a table carries its delimiter, while a tab or semicolon typed inside a cell shows up
 * on a few lines only, however many of them there are; quoted cells are skipped altogether.
 */
function detectDelimiter(text: string): string {
  const head = text.slice(0, 4096);
  const candidates = [',', '\t', ';'];
  const lines = new Map(candidates.map((d) => [d, 0]));
  let onLine = new Set<string>();
  let quoted = false;
  for (const ch of `${head}\n`) {
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n' && !quoted) {
      for (const d of onLine) lines.set(d, (lines.get(d) ?? 0) + 1);
      onLine = new Set();
    } else if (!quoted && lines.has(ch)) onLine.add(ch);
  }
  let best = ',';
  for (const d of candidates) if ((lines.get(d) ?? 0) > (lines.get(best) ?? 0)) best = d;
  return best;
}
