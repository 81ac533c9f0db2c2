/**
 * Word 97–2003 documents (.doc): the .docx tests' tables, converted by LibreOffice (test/fixtures/doc), read to the
 * same rows, captions and table names as the .docx they were made from; merged cells, several tables, numbered
 * lists; damaged, encrypted and pre-97 files are one file-level problem each.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateTable } from '../../src/lib/ingest/map-headers.ts';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { readDoc } from '../../src/lib/ingest/read-doc.ts';
import { readDocx } from '../../src/lib/ingest/read-docx.ts';
import { detectFormat, readFile } from '../../src/lib/ingest/read-file.ts';
import { UnreadableFileError } from '../../src/lib/ingest/read-json.ts';
import type { RawTable } from '../../src/lib/ingest/table.ts';
import { excel97Workbook, wordDocument } from '../../src/lib/sample/republish.ts';
import { DOC_TABLES, DOC_TITLE, MERGED_LIST, nestedDocument, sampleSheet } from '../fixtures/doc/tables.ts';

const isDataTable = (t: RawTable) => locateTable(t, 'institutions') !== null;
const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/doc/tables', `${name}.doc`)));

/** What a reader gives, with the file's extension taken out of the table names. */
const shape = (tables: RawTable[]) =>
  tables.map((t) => ({
    file: t.file.replace(/\.docx?/, ''),
    caption: t.caption,
    position: t.position,
    rows: t.rows.map((r) => [r.n, ...r.cells]),
  }));

function errorOf(f: () => unknown): UnreadableFileError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UnreadableFileError);
    return e as UnreadableFileError;
  }
  throw new Error('expected the file to be refused');
}

/** A copy of a .doc with its FIB (the WordDocument stream's header, at a sector boundary) edited. */
function withFib(bytes: Uint8Array, edit: (fib: DataView) => void): Uint8Array {
  const copy = bytes.slice();
  for (let o = 512; o + 512 <= copy.length; o += 512) {
    if (copy[o] === 0xec && copy[o + 1] === 0xa5) {
      edit(new DataView(copy.buffer, o, 512));
      return copy;
    }
  }
  throw new Error('no FIB in the fixture');
}

describe('readDoc', () => {
  it.each(['merged', 'several'])('%s.doc reads to the rows of the .docx it was made from', (name) => {
    const doc = readDoc(`${name}.doc`, fixture(name), { isDataTable });
    const docx = readDocx(`${name}.docx`, wordDocument(DOC_TITLE, DOC_TABLES[name] ?? []), { isDataTable });
    expect(shape(doc)).toEqual(shape(docx));
  });

  it('each bundled sample as .doc reads to the rows of its .docx, row for row', async () => {
    let files = 0;
    for (const src of loadSources(join(import.meta.dirname, '../fixtures/samples'))) {
      for (const f of src.files) {
        if (!f.bytes || f.name.endsWith('.json')) continue;
        const name = f.name.replace(/\.[a-z]+$/, '');
        const doc = new Uint8Array(
          readFileSync(join(import.meta.dirname, '../fixtures/doc/samples', src.id, `${name}.doc`)),
        );
        const docx = wordDocument(src.id, [await sampleSheet(f.name, f.bytes)]);
        const all = () => true;
        expect(shape(readDoc(`${name}.doc`, doc, { isDataTable: all })), src.id).toEqual(
          shape(readDocx(`${name}.docx`, docx, { isDataTable: all })),
        );
        files++;
      }
    }
    expect(files).toBe(10);
  });

  it('repeats a wide cell across the columns it spans and a vertical merge down, keeps line breaks', () => {
    const [t] = readDoc('附件.doc', fixture('merged'), { isDataTable });
    expect(t?.file).toBe('附件.doc');
    expect(t?.caption).toContain('附件1');
    expect(t?.rows.map((r) => r.cells)).toEqual([
      ['2023年市级普惠托育机构名单', '2023年市级普惠托育机构名单', '2023年市级普惠托育机构名单'],
      ['地区', '机构登记名称', '地址'],
      ['响水县', '甲托育园', '响灌路1号\n2楼'],
      ['响水县', '<b>乙</b>托育园', '响灌路2号'],
    ]);
  });

  it('gives each of several tables its own name and caption; a layout table is left out', () => {
    const tables = readDoc('附件.doc', fixture('several'), { isDataTable });
    expect(tables.map((t) => t.file)).toEqual(['附件.doc · 表1', '附件.doc · 表2']);
    expect(tables.map((t) => t.caption)).toEqual([
      expect.stringContaining('附件1'),
      expect.stringContaining('附件2'),
    ]);
  });

  it('reads a list inside a cell of a layout table as a table of its own, as the .docx it was made from', () => {
    const doc = readDoc('nested.doc', fixture('nested'), { isDataTable });
    expect(shape(doc)).toEqual(shape(readDocx('nested.docx', nestedDocument(), { isDataTable })));
    expect(doc[0]?.rows[3]?.cells).toEqual(['响水县', '<b>乙</b>托育园', '响灌路2号']);
  });

  it("repeats the first cell's text over Word 97's own horizontal merge (cells flagged merged)", () => {
    // The header row's cell definitions (sprmTDefTable: 3 cells, edges -108, 3012, 6132, 9252): the second cell
    // becomes the first of a merge and the third a cell merged into it.
    const bytes = fixture('merged').slice();
    const def = [0x08, 0xd6, 0x46, 0x00, 0x03, 0x94, 0xff, 0xc4, 0x0b, 0xf4, 0x17, 0x24, 0x24];
    const at = bytes.findIndex((_, i) => def.every((b, k) => bytes[i + k] === b));
    expect(at).toBeGreaterThan(0);
    const tc = at + 5 + 2 * 4; // operand: cb (2), count (1), then 4 edges; one 20-byte TC per cell
    const view = new DataView(bytes.buffer);
    view.setUint16(tc + 20, 0x0001, true);
    view.setUint16(tc + 40, 0x0002, true);
    const [t] = readDoc('附件.doc', bytes, { isDataTable: () => true });
    expect(t?.rows[1]?.cells).toEqual(['地区', '机构登记名称', '机构登记名称']);
  });

  it('reads a list numbered in the body text with numbered_list', () => {
    const [t] = readDoc('通知.doc', fixture('numbered'), { isDataTable, numberedList: true });
    expect(t?.rows.map((r) => r.cells)).toEqual([
      ['1', '江门市新会区好儿女儿童托育服务有限公司', '大鳌镇'],
      ['2', '江门市新会区乐苗托育中心', '会城街道'],
    ]);
    expect(errorOf(() => readDoc('a.doc', fixture('merged'), { isDataTable, numberedList: true })).code).toBe(
      'no-data-table',
    );
  });

  it('a document without a data table is one file-level problem', () => {
    const e = errorOf(() => readDoc('a.doc', fixture('no-data-table'), { isDataTable }));
    expect(e.code).toBe('no-data-table');
    expect(e.message).toMatch(/不是数据表格/);
  });

  it('a damaged, encrypted or pre-97 document is refused with a message, never a crash', () => {
    const bytes = fixture('merged');
    for (const cut of [100, 1000, 4700, 8000, bytes.length - 600]) {
      expect(errorOf(() => readDoc('b.doc', bytes.subarray(0, cut), { isDataTable })).code).toBe(
        'corrupt-file',
      );
    }
    const encrypted = withFib(bytes, (fib) => fib.setUint16(0x0a, fib.getUint16(0x0a, true) | 0x0100, true));
    expect(errorOf(() => readDoc('c.doc', encrypted, { isDataTable })).message).toMatch(/密码/);
    const word95 = withFib(bytes, (fib) => fib.setUint16(2, 0x68, true));
    expect(errorOf(() => readDoc('d.doc', word95, { isDataTable })).message).toMatch(/Word 6\.0\/95/);
    // Every byte of the document's header and properties overwritten in turn: tables or a file-level problem.
    let refused = 0;
    for (let i = 4608; i < bytes.length; i += 97) {
      const copy = bytes.slice();
      copy[i] = (copy[i] ?? 0) ^ 0xff;
      try {
        readDoc('e.doc', copy, { isDataTable });
      } catch (e) {
        expect(e).toBeInstanceOf(UnreadableFileError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});

/** A copy whose first directory entry after the root names itself as its left sibling: a tree that never ends. */
function withLoopedDirectory(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  const dir = (view.getUint32(48, true) + 1) * 512;
  view.setUint32(dir + 128 + 68, 1, true);
  return copy;
}

describe('a .doc among the formats', () => {
  it('a .doc or .xls whose directory points back into itself is refused at once', async () => {
    for (const [name, bytes] of [
      ['附件.doc', fixture('merged')],
      ['附件.xls', excel97Workbook([MERGED_LIST])],
    ] as const) {
      const looped = withLoopedDirectory(bytes);
      const started = performance.now();
      const e = await readFile(name, looped, { isDataTable }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(e, name).toBeInstanceOf(UnreadableFileError);
      expect((e as UnreadableFileError).code).toBe('corrupt-file');
      expect((e as UnreadableFileError).message).toContain('目录树成环');
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it('is told from an Excel workbook by its streams, whatever its name', async () => {
    const doc = fixture('merged');
    const xls = excel97Workbook([MERGED_LIST]);
    expect(detectFormat('附件.doc', doc)).toBe('doc');
    expect(detectFormat('附件.xls', doc)).toBe('doc');
    expect(detectFormat('附件', doc)).toBe('doc');
    expect(detectFormat('附件.wps', doc)).toBe('doc');
    expect(detectFormat('附件.doc', xls)).toBe('xls');
    const [t] = await readFile('附件.xls', doc, { isDataTable });
    expect(t?.rows[2]?.cells).toEqual(['响水县', '甲托育园', '响灌路1号\n2楼']);
  });
});
