import { limitExceeded, MAX_JSON_DEPTH, UnreadableFileError } from './limits.ts';
import type { Cell, RawRow, RawTable } from './table.ts';

export { UnreadableFileError };

/** A JSON export: a top-level array of objects (or {data|records|rows|list: [...]}); row n is the nth element. */
export function readJson(file: string, bytes: Uint8Array): RawTable {
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  checkDepth(text);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UnreadableFileError('corrupt-file', `JSON 无法解析：${whereJsonFails(text, e as Error)}`);
  }
  if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
    const inner = ['data', 'records', 'rows', 'list', 'result']
      .map((k) => (doc as Record<string, unknown>)[k])
      .find(Array.isArray);
    if (inner) doc = inner;
  }
  if (!Array.isArray(doc)) throw new UnreadableFileError('corrupt-file', 'JSON 顶层应为记录数组');
  const headers: string[] = [];
  const seen = new Set<string>();
  for (const rec of doc) {
    if (rec && typeof rec === 'object' && !Array.isArray(rec)) {
      for (const k of Object.keys(rec)) {
        if (!seen.has(k)) {
          seen.add(k);
          headers.push(k);
        }
      }
    }
  }
  const rows = doc.map((rec, i): RawRow => {
    if (rec && typeof rec === 'object' && !Array.isArray(rec)) {
      const obj = rec as Record<string, unknown>;
      return { n: i + 1, cells: headers.map((h) => toCell(obj[h])) };
    }
    // An element that is not a record is still a row of the export: it is rejected, never passed over.
    return {
      n: i + 1,
      cells: headers.map(() => null),
      problem: {
        code: 'invalid-record',
        message: `第 ${i + 1} 个元素是${describe(rec)}，不是一条记录（应为“键: 值”的对象），该行未采用`,
      },
    };
  });
  return { file, rows, headers, notes: [] };
}

function describe(v: unknown): string {
  if (v === null) return '空值 null';
  if (Array.isArray(v)) return `数组（${v.length} 项）`;
  if (typeof v === 'string') return `文本“${v.length > 20 ? `${v.slice(0, 20)}…` : v}”`;
  if (typeof v === 'number') return `数字 ${v}`;
  if (typeof v === 'boolean') return `布尔值 ${v}`;
  return '无法识别的值';
}

/**
 * Refuses a document nested deeper than {@link MAX_JSON_DEPTH} before it is parsed: turning such a record into
 * cells recurses once per level, and 100,000 levels overflow the stack. The scan skips strings and counts brackets.
 */
function checkDepth(text: string) {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string, escapes included.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH)
        throw limitExceeded(
          'too-deep',
          `JSON 在第 ${line} 行嵌套超过 ${MAX_JSON_DEPTH} 层（记录应为一层“键: 值”），文件可能已损坏，未读取`,
        );
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x0a) line++;
  }
}

/** Where and why JSON.parse failed, in Chinese: its own message is English. */
function whereJsonFails(text: string, e: Error): string {
  const at = /position (\d+)/.exec(e.message)?.[1];
  const line = at === undefined ? null : text.slice(0, Number(at)).split('\n').length;
  const what = /Unexpected end/i.test(e.message) ? '文件在中途结束（可能下载不完整）' : '语法有误';
  return line === null ? what : `第 ${line} 行${what}`;
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}
