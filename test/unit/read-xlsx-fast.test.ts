/**
 * The fast XLSX reader must read exactly what exceljs reads: the sample's workbooks, and workbooks written here with
 * every cell kind a publisher's spreadsheet may hold.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsxExcelJs } from '../../src/lib/ingest/read-xlsx.ts';
import { readXlsxFast } from '../../src/lib/ingest/read-xlsx-fast.ts';
import type { RawTable } from '../../src/lib/ingest/table.ts';

/** Cells as the pipeline sees them: '' and null are both blank; trailing blanks do not count; dates as ISO. */
function comparable(tables: RawTable[]) {
  return tables.map((t) => ({
    file: t.file,
    rows: t.rows
      .map((r) => {
        const cells = r.cells.map((c) => (c instanceof Date ? `D${c.toISOString()}` : c === '' ? null : c));
        while (cells.length && cells[cells.length - 1] === null) cells.pop();
        return { n: r.n, cells };
      })
      .filter((r) => r.cells.length > 0),
  }));
}

async function both(bytes: Uint8Array) {
  return [comparable(await readXlsxExcelJs('f.xlsx', bytes)), comparable(readXlsxFast('f.xlsx', bytes))];
}

describe('readXlsxFast', () => {
  const dir = 'test/fixtures/samples/sources';
  const files = readdirSync(dir).flatMap((s) =>
    readdirSync(join(dir, s))
      .filter((f) => f.endsWith('.xlsx'))
      .map((f) => join(dir, s, f)),
  );

  it.each(files)('reads %s as exceljs does', async (path) => {
    const [slow, fast] = await both(readFileSync(path));
    expect(fast).toEqual(slow);
  });

  it('reads merged cells, dates, formulas, rich text, booleans, numbers and a second sheet as exceljs does', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['某某区托育机构名单 <第一批> & "附件"']);
    ws.mergeCells('A1:E1');
    ws.addRow(['序号', '区县', '机构名称', '备案日期', '托位数']);
    ws.addRow([
      1,
      '海曙区',
      { richText: [{ text: '宁波' }, { font: { bold: true }, text: '月朗' }] },
      new Date(Date.UTC(2023, 4, 10)),
      30,
    ]);
    ws.addRow([2, null, 'A_x000D_B', 45056, { formula: 'E3*2', result: 60 }]);
    ws.mergeCells('B3:B4');
    ws.addRow([3, '鄞州区', true, '2023年5月10日', 12.5]);
    ws.getCell('D4').numFmt = 'yyyy"年"m"月"d"日"';
    ws.addRow([]);
    ws.addRow(['合计', '', '', '', 100]);
    wb.addWorksheet('说明').addRow(['本表由 某某局 发布']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const [slow, fast] = await both(bytes);
    expect(fast).toEqual(slow);
    expect(fast?.[0]?.rows[3]?.cells[1]).toBe('海曙区');
    expect(fast?.[0]?.rows[3]?.cells[3]).toBe('D2023-05-10T00:00:00.000Z');
  });

  it('throws on bytes that are not a workbook, so that the exceljs path explains the failure', () => {
    expect(() => readXlsxFast('f.xlsx', new TextEncoder().encode('not a zip'))).toThrow();
  });
});
