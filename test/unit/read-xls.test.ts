/** Old Excel (.xls, BIFF8) and WPS (.et) workbooks: title rows, merged cells and date cells as in XLSX. */
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { locateTable } from '../../src/lib/ingest/map-headers.ts';
import { detectFormat, readFile } from '../../src/lib/ingest/read-file.ts';
import { UnreadableFileError } from '../../src/lib/ingest/read-json.ts';
import { readXls } from '../../src/lib/ingest/read-xls.ts';
import type { RawTable } from '../../src/lib/ingest/table.ts';

/** A BIFF8 workbook shaped like a published attachment: title row merged across, a merged 区县 cell, a date cell. */
function workbook(): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet(
    [
      ['某区第一批托育机构备案名单', null, null, null],
      ['区县', '机构名称', '统一社会信用代码', '备案时间'],
      ['亭湖区', '甲托育园', '91320902MA1XXXXXXX', new Date(Date.UTC(2023, 4, 10))],
      [null, '乙托育园', '', '2023年6月1日'],
    ],
    { cellDates: true, UTC: true },
  );
  ws['!merges'] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: 3 } },
    { s: { r: 2, c: 0 }, e: { r: 3, c: 0 } },
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '名单');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['填报说明']]), '说明');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'biff8' }) as ArrayBuffer);
}

describe('readXls', () => {
  it('reads title rows, merged cells and date cells as the XLSX readers do', () => {
    const tables = readXls('附件.xls', workbook());
    expect(tables.map((t) => t.file)).toEqual(['附件.xls', '附件.xls[说明]']);
    const t = tables[0] as RawTable;
    expect(t.rows.map((r) => r.n)).toEqual([1, 2, 3, 4]);
    expect(t.rows[0]?.cells.every((c) => c === '某区第一批托育机构备案名单')).toBe(true);
    expect(t.rows[2]?.cells).toEqual([
      '亭湖区',
      '甲托育园',
      '91320902MA1XXXXXXX',
      new Date('2023-05-10T00:00:00Z'),
    ]);
    expect(t.rows[3]?.cells[0]).toBe('亭湖区');
    expect(locateTable(t, 'institutions')?.headerRows).toEqual([2]);
  });

  it('is chosen by content for .xls and .et alike', async () => {
    const bytes = workbook();
    expect(detectFormat('附件.et', bytes)).toBe('xls');
    expect(detectFormat('附件', bytes)).toBe('xls');
    const [t] = await readFile('附件.et', bytes, { isDataTable: () => true });
    expect(t?.rows[2]?.cells[1]).toBe('甲托育园');
  });

  it('a damaged workbook is one file-level problem', () => {
    const bytes = workbook().slice(0, 700);
    expect(() => readXls('坏.xls', bytes)).toThrow(UnreadableFileError);
  });
});
