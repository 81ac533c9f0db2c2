/** Word documents: tables with merged cells, a title paragraph above each, several tables, bad files. */
import { describe, expect, it } from 'vitest';
import { locateTable } from '../../src/lib/ingest/map-headers.ts';
import { readDocx } from '../../src/lib/ingest/read-docx.ts';
import { detectFormat } from '../../src/lib/ingest/read-file.ts';
import { UnreadableFileError } from '../../src/lib/ingest/read-json.ts';
import type { RawTable } from '../../src/lib/ingest/table.ts';
import { wordDocument } from '../../src/lib/sample/republish.ts';
import { MERGED_LIST } from '../fixtures/doc/tables.ts';

const isDataTable = (t: RawTable) => locateTable(t, 'institutions') !== null;

const list = MERGED_LIST;

describe('readDocx', () => {
  it('expands gridSpan and vMerge, keeps line breaks and text as text', () => {
    const bytes = wordDocument('关于公布名单的通知', [list]);
    expect(detectFormat('附件.docx', bytes)).toBe('docx');
    const [t] = readDocx('附件.docx', bytes, { isDataTable });
    expect(t?.file).toBe('附件.docx');
    expect(t?.rows.map((r) => r.cells)).toEqual([
      ['2023年市级普惠托育机构名单', '2023年市级普惠托育机构名单', '2023年市级普惠托育机构名单'],
      ['地区', '机构登记名称', '地址'],
      ['响水县', '甲托育园', '响灌路1号\n2楼'],
      ['响水县', '<b>乙</b>托育园', '响灌路2号'],
    ]);
    expect(t?.caption).toContain('附件1');
  });

  it('gives each of several tables its own name and caption; a layout table is left out', () => {
    const layout = { rows: [['填报单位：', '某某卫健委']] };
    const second = { ...list, caption: '附件2：拟确认2023年市级示范托育机构名单' };
    const tables = readDocx('附件.docx', wordDocument('通知', [layout, list, second]), { isDataTable });
    expect(tables.map((t) => t.file)).toEqual(['附件.docx · 表1', '附件.docx · 表2']);
    expect(tables[1]?.caption).toContain('附件2');
  });

  it('a document without a data table, and a damaged one, are one file-level problem each', () => {
    const none = wordDocument('通知', [{ rows: [['联系人', '电话']] }]);
    expect(() => readDocx('a.docx', none, { isDataTable })).toThrow(/不是数据表格/);
    const broken = wordDocument('通知', [list]).subarray(0, 200);
    try {
      readDocx('b.docx', broken, { isDataTable });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UnreadableFileError);
      expect((e as UnreadableFileError).code).toBe('corrupt-file');
    }
  });
});
