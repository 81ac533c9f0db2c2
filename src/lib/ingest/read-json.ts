import type { ProblemCode } from '../domain/rules/problems.ts';
import type { Cell, RawTable } from './table.ts';

export class UnreadableFileError extends Error {
  code: ProblemCode;
  constructor(code: ProblemCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** A JSON export: a top-level array of objects (or {data|records|rows|list: [...]}); row n is the nth element. */
export function readJson(file: string, bytes: Uint8Array): RawTable {
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UnreadableFileError('corrupt-file', `JSON 无法解析：${(e as Error).message}`);
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
  const rows = doc.map((rec, i) => {
    const obj = rec && typeof rec === 'object' && !Array.isArray(rec) ? (rec as Record<string, unknown>) : {};
    return { n: i + 1, cells: headers.map((h) => toCell(obj[h])) };
  });
  return { file, rows, headers, notes: [] };
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}
