import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula, quoteField, toCsv } from '../../src/lib/site/csv.ts';

describe('neutraliseFormula', () => {
  it.each([
    [
      '=HYPERLINK("http://example.com/x","点击查看地址")',
      `'=HYPERLINK("http://example.com/x","点击查看地址")`,
    ],
    ['+86 123', "'+86 123"],
    ['-1+2', "'-1+2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
  ])('prefixes %j with an apostrophe', (input, out) => {
    expect(neutraliseFormula(input)).toBe(out);
  });

  it.each(['武汉市', ' =1', 'a=b', '1-2', "'=1", ''])('leaves %j alone', (input) => {
    expect(neutraliseFormula(input)).toBe(input);
  });
});

describe('quoteField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    ['中文，全角逗号', '中文，全角逗号'],
  ])('%j → %j', (input, out) => {
    expect(quoteField(input)).toBe(out);
  });
});

describe('csvCell', () => {
  it('writes empty for null and undefined', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
  it('leaves numbers as numbers, negative included', () => {
    expect(csvCell(50000)).toBe('50000');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(30.5)).toBe('30.5');
    expect(csvCell(Number.NaN)).toBe('');
  });
  it('neutralises before quoting, so the apostrophe sits inside the quotes', () => {
    expect(csvCell('=HYPERLINK("http://example.com/x","点击查看地址")')).toBe(
      `"'=HYPERLINK(""http://example.com/x"",""点击查看地址"")"`,
    );
  });
});

describe('toCsv', () => {
  const text = toCsv(
    ['机构名称', '地址', '托位数'],
    [
      ['武汉市东西湖区萌娃早教托育中心有限公司', '=HYPERLINK("http://example.com/x","点击查看地址")', 30],
      ['<script>alert(1)</script>某托育', '湖北省武汉市\n东西湖区', null],
    ],
  );

  it('starts with a BOM and ends every line with CRLF', () => {
    expect(text.startsWith('\uFEFF机构名称,地址,托位数\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(4);
  });

  it('parses back to the same cells, formulas neutralised', () => {
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(['机构名称', '地址', '托位数']);
    expect(parsed.data).toEqual([
      {
        机构名称: '武汉市东西湖区萌娃早教托育中心有限公司',
        地址: `'=HYPERLINK("http://example.com/x","点击查看地址")`,
        托位数: '30',
      },
      { 机构名称: '<script>alert(1)</script>某托育', 地址: '湖北省武汉市\n东西湖区', 托位数: '' },
    ]);
  });

  it('writes a header line for an empty table', () => {
    expect(toCsv(['a', 'b'], [])).toBe('\uFEFFa,b\r\n');
  });
});
