/** The notice-page reader: charsets, data tables among layout tables, spans, line breaks, numbered lists. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../src/lib/ingest/decode-html.ts';
import { MAX_PAGE_BYTES } from '../../src/lib/ingest/limits.ts';
import { locateTable } from '../../src/lib/ingest/map-headers.ts';
import { detectFormat } from '../../src/lib/ingest/read-file.ts';
import { readHtml } from '../../src/lib/ingest/read-html.ts';
import { UnreadableFileError } from '../../src/lib/ingest/read-json.ts';
import type { RawTable } from '../../src/lib/ingest/table.ts';

const isDataTable = (t: RawTable) => locateTable(t, 'institutions') !== null;
const utf8 = (s: string) => new TextEncoder().encode(s);
const read = (html: string | Uint8Array, numberedList = false) =>
  readHtml('公示.html', typeof html === 'string' ? utf8(html) : html, { isDataTable, numberedList });

const page = (body: string, head = '<meta charset="utf-8">') =>
  `<!doctype html><html><head>${head}<title>公示</title></head><body>${body}</body></html>`;

const layout = (inner: string) => `
<table class="nav"><tr><td><a href="/">首页</a></td><td>当前位置：公告公示</td></tr></table>
<table width="100%"><tr><td>
  <table class="kv"><tr><td>信息名称：</td><td>某区托育机构备案名单</td></tr><tr><td>文号：</td><td></td></tr></table>
  <div class="content">${inner}</div>
</td></tr></table>`;

describe('readHtml', () => {
  it('finds the data table nested among layout tables, skipping the title row', () => {
    const tables = read(
      page(
        layout(`<table border="1">
          <tr><td colspan="3">截至2025年6月30日，已备案托育机构名单如下：</td></tr>
          <tr><td>序号</td><td>机构名称</td><td>地址</td></tr>
          <tr><td>1</td><td>某某托育中心</td><td>某区某路1号</td></tr>
          <tr><td>2</td><td>某某幼儿园托班</td><td>某区某路2号</td></tr>
        </table>`),
      ),
    );
    expect(tables).toHaveLength(1);
    const t = tables[0] as RawTable;
    expect(t.file).toBe('公示.html');
    expect(t.rows.map((r) => r.n)).toEqual([1, 2, 3, 4]);
    expect(t.rows[2]?.cells).toEqual(['1', '某某托育中心', '某区某路1号']);
    const located = locateTable(t, 'institutions');
    expect(located?.headerRows).toEqual([2]);
    expect(located?.dataRows.map((r) => r.n)).toEqual([3, 4]);
  });

  it('expands colspan and rowspan: the spanned text reaches every cell it covers', () => {
    const [t] = read(
      page(`<table>
        <tr><th>区县</th><th>机构名称</th><th>地址</th></tr>
        <tr><td rowspan="2">某某县</td><td>甲托育园</td><td>某路1号</td></tr>
        <tr><td>乙托育园</td><td>某路2号</td></tr>
        <tr><td colspan="2">丙托育园</td><td>某路3号</td></tr>
      </table>`),
    );
    expect(t?.rows.map((r) => r.cells)).toEqual([
      ['区县', '机构名称', '地址'],
      ['某某县', '甲托育园', '某路1号'],
      ['某某县', '乙托育园', '某路2号'],
      ['丙托育园', '丙托育园', '某路3号'],
    ]);
  });

  it('keeps <br> and paragraphs as line breaks and takes text, never markup', () => {
    const [t] = read(
      page(`<table><tr><td>机构名称</td><td>地址</td></tr>
        <tr><td><p><span>某某</span><span>托育</span>中心</p></td>
            <td>某区某路<br/>1号<script>alert(1)</script><img src=x onerror=alert(1)></td></tr>
        <tr><td>&lt;script&gt;alert(2)&lt;/script&gt;托育园</td><td><p>第一行</p><p>第二行</p></td></tr>
      </table>`),
    );
    expect(t?.rows[1]?.cells).toEqual(['某某托育中心', '某区某路\n1号']);
    expect(t?.rows[2]?.cells).toEqual(['<script>alert(2)</script>托育园', '第一行\n第二行']);
  });

  it('gives each of several data tables its own rows, file name and the text before it', () => {
    const tables = read(
      page(`<p>附件：1.拟确认普惠名单 2.拟确认示范名单</p>
        <p>附件1：</p><p>拟确认2023年市级普惠托育机构名单</p>
        <table><tr><td>地区</td><td>机构登记名称</td><td>机构收托名称</td></tr><tr><td>响水县</td><td>甲</td><td>乙</td></tr></table>
        <p>附件2：</p><p>拟确认2023年市级示范托育机构名单</p>
        <table><tr><td>地区</td><td>机构登记名称</td><td>机构收托名称</td></tr><tr><td>滨海县</td><td>丙</td><td>丁</td></tr></table>`),
    );
    expect(tables.map((t) => t.file)).toEqual(['公示.html · 表1', '公示.html · 表2']);
    expect(tables[0]?.caption).toContain('附件1');
    expect(tables[0]?.caption).not.toContain('附件2');
    expect(tables[1]?.caption).toContain('附件2');
    expect(tables[1]?.caption).not.toContain('普惠');
    expect(tables.map((t) => t.position)).toEqual([1, 2]);
  });

  it('reads a numbered list in the body when asked, the parenthesised place kept as the address', () => {
    const [t] = read(
      page(`<p>现将名单公布如下：</p><p>1.江门市新会区好儿女儿童托育服务有限公司(大鳌镇)</p>
        <p>2、江门市新会区小太阳托育中心（会城街道）</p><p>3.某某托育园</p><p>特此公告。</p>`),
      true,
    );
    expect(t?.headers).toEqual(['序号', '机构名称', '地址']);
    expect(t?.rows).toEqual([
      { n: 1, cells: ['1', '江门市新会区好儿女儿童托育服务有限公司', '大鳌镇'] },
      { n: 2, cells: ['2', '江门市新会区小太阳托育中心', '会城街道'] },
      { n: 3, cells: ['3', '某某托育园', null] },
    ]);
  });

  it('a page with no data table is one file-level problem', () => {
    expect(() => read(page(layout('<p>无名单</p>')))).toThrow(UnreadableFileError);
    try {
      read(page(layout('<p>无名单</p>')));
    } catch (e) {
      expect((e as UnreadableFileError).code).toBe('no-data-table');
    }
  });

  it('a hostile page (thousands of nested elements, or larger than the page limit) is one file-level problem', () => {
    const bomb = page(`${'<div><span><b>'.repeat(100_000)}x`);
    expect(() => read(bomb)).toThrow(/嵌套/);
    const big = new Uint8Array(MAX_PAGE_BYTES + 1).fill(0x20);
    expect(() => read(big)).toThrow(/上限/);
  });

  it('survives deeply nested markup without recursion', () => {
    const deep = `${'<div>'.repeat(1500)}<table><tr><td>机构名称</td><td>地址</td></tr><tr><td>甲</td><td>乙</td></tr></table>${'</div>'.repeat(1500)}`;
    expect(read(page(deep))[0]?.rows[1]?.cells).toEqual(['甲', '乙']);
  });
});

describe('decodeHtml', () => {
  // 䶮 (U+4DAE) is outside GB2312 and GBK: a page that declares gb2312 but holds it must still read right.
  const names = '某某托育中心䶮';
  const gbPage = (declared: string) => {
    const head = declared ? `<meta http-equiv="Content-Type" content="text/html; charset=${declared}">` : '';
    return iconv.encode(
      page(
        `<table><tr><td>机构名称</td><td>地址</td></tr><tr><td>${names}</td><td>某路</td></tr></table>`,
        head,
      ),
      'gb18030',
    );
  };

  it.each(['gb2312', 'GBK', 'gb18030', ''])('reads GB18030 bytes declared as “%s”', (declared) => {
    expect(decodeHtml(gbPage(declared)).text).toContain(names);
    expect(read(gbPage(declared))[0]?.rows[1]?.cells).toEqual([names, '某路']);
  });

  it('reads UTF-8 with a stale GB declaration only when the bytes are not GB text; UTF-8 without one', () => {
    expect(decodeHtml(utf8(page(names, ''))).text).toContain(names);
    expect(decodeHtml(utf8(page(names, '<meta charset="utf-8">'))).text).toContain(names);
  });
});

describe('detectFormat', () => {
  it.each([
    ['notice', utf8('<!DOCTYPE html><html>'), 'html'],
    ['notice.shtml', utf8('<html>'), 'html'],
    ['附件.xls', utf8('<html xmlns:x="urn:schemas-microsoft-com:office:excel">'), 'html'],
    ['附件.xls', Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'xls'],
    ['附件.et', Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'xls'],
    ['附件.doc', Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'doc'],
    ['名单.pdf', utf8('%PDF-1.7'), 'pdf'],
    ['名单', utf8('%PDF-1.4'), 'pdf'],
    ['名单.jpg', Uint8Array.of(0xff, 0xd8, 0xff, 0xe0), 'image'],
    ['名单.png', Uint8Array.of(0x89, 0x50, 0x4e, 0x47), 'image'],
    ['data', utf8('{"responseData":{}}'), 'json'],
    ['名单.csv', utf8('机构名称,地址'), 'csv'],
  ])('%s', (name, bytes, format) => {
    expect(detectFormat(name, bytes)).toBe(format);
  });
});
