import { Buffer } from 'node:buffer';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  DATASET_IDS,
  DOWNLOADS,
  DownloadCache,
  exportContext,
  renderDownload,
} from '../../src/lib/site/downloads/render.ts';
import { listEvents } from '../../src/lib/site/list-events.ts';
import { fixtureData } from './export-fixture.ts';

const options = { siteRoot: 'https://example.org/reg/', licence: 'CC BY 4.0' };

interface JsonDownload {
  dataset: string;
  asOf: string;
  licence: string;
  count: number;
  fields: { key: string; label: string }[];
  records: Record<string, unknown>[];
}

function parseCsv(text: string) {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), {
    header: true,
    skipEmptyLines: true,
    newline: '\r\n',
  });
  expect(parsed.errors).toEqual([]);
  return parsed;
}

function render(id: (typeof DATASET_IDS)[number]) {
  const r = renderDownload(fixtureData(), id, options);
  return { ...r, doc: JSON.parse(r.json) as JsonDownload, csvRows: parseCsv(r.csv) };
}

describe('every download', () => {
  for (const id of DATASET_IDS) {
    it(`${id}: CSV and JSON carry the same columns and rows`, () => {
      const { doc, csvRows, rows } = render(id);
      const info = DOWNLOADS.find((d) => d.id === id);
      expect(doc.dataset).toBe(id);
      expect(doc.asOf).toBe('2026-11-24');
      expect(doc.licence).toBe('CC BY 4.0');
      expect(doc.count).toBe(rows);
      expect(doc.records).toHaveLength(rows);
      expect(csvRows.data).toHaveLength(rows);
      expect(csvRows.meta.fields).toEqual(info?.columns.map((c) => c.label));
      expect(doc.fields.map((f) => f.key)).toEqual(info?.columns.map((c) => c.key));
      for (const r of doc.records) expect(Object.keys(r)).toEqual(info?.columns.map((c) => c.key));
    });

    it(`${id}: headers and keys are unique`, () => {
      const info = DOWNLOADS.find((d) => d.id === id);
      const labels = info?.columns.map((c) => c.label) ?? [];
      const keys = info?.columns.map((c) => c.key) ?? [];
      expect(new Set(labels).size).toBe(labels.length);
      expect(new Set(keys).size).toBe(keys.length);
    });

    it(`${id}: the same data renders the same bytes`, () => {
      const a = renderDownload(fixtureData(), id, options);
      const b = renderDownload(fixtureData(), id, options);
      expect(b.csv).toBe(a.csv);
      expect(b.json).toBe(a.json);
    });
  }
});

describe('institutions', () => {
  const { doc, csvRows } = render('institutions');

  it('keeps machine values in JSON', () => {
    const r = doc.records.find((x) => x.id === '91420112MA39TKFL0H');
    expect(r).toMatchObject({
      uscc: '91420112MA39TKFL0H',
      name: '<script>alert(1)</script>武汉市童乐汇托育服务有限公司东西湖分公司',
      region: '420112',
      regionName: '湖北省武汉市东西湖区',
      status: 'sanctioned',
      sector: 'childcare',
      capacity: 60,
      serviceTypes: ['全日托', '半日托'],
      longitude: 114.14,
      latitude: 30.62,
      coordinatesCrs: 'gcj02',
      coordinatesApproximate: false,
      penaltyIds: ['p-visible'],
      sources: ['wh-b1', 'wh-b2'],
      provenance: [
        { source: 'wh-b1', file: '名单.xlsx', row: 5 },
        { source: 'wh-b2', file: '名单.xlsx', row: 7 },
      ],
      url: 'https://example.org/reg/institutions/91420112MA39TKFL0H/',
    });
  });

  it('labels values in Chinese in CSV and neutralises the formula address', () => {
    const r = csvRows.data.find((x) => x.机构编号 === '91420112MA39TKFL0H');
    expect(r).toMatchObject({
      统一社会信用代码: '91420112MA39TKFL0H',
      状态: '处罚公示中',
      领域: '托育',
      行政区划代码: '420112',
      区县: '湖北省武汉市东西湖区',
      地址: `'=HYPERLINK("http://example.com/x","点击查看地址")`,
      服务类型: '全日托、半日托',
      坐标为近似位置: '否',
      备注: "'+备注以加号开头",
      处罚编号: 'p-visible',
      来源行: 'wh-b1/名单.xlsx:5；wh-b2/名单.xlsx:7',
    });
    // On the black list and on no published list: a 黑名单 entry is no registration (status-view.ts).
    const other = csvRows.data.find((x) => x.机构编号 === 'n-凯里市知行托育服务有限公司-420106');
    expect(other).toMatchObject({
      状态: '黑名单（未在名单）',
      领域: '母婴护理',
      地址: '武昌区, "中南路" 1 号',
      托位数: '',
      其他名称写法: '武昌区 小雏菊托育园',
    });
  });

  it('encodes ids in page URLs', () => {
    const r = doc.records.find((x) => x.status === 'blacklisted');
    expect(r?.url).toBe(
      `https://example.org/reg/institutions/${encodeURIComponent('n-凯里市知行托育服务有限公司-420106')}/`,
    );
  });

  it('has no private fields', () => {
    const names = [...Object.keys(doc.records[0] ?? {}), ...(csvRows.meta.fields ?? [])];
    for (const word of [
      'phone',
      'idNumber',
      'idType',
      'legalRepresentative',
      '联系电话',
      '证件号码',
      '法定代表人',
    ]) {
      expect(names).not.toContain(word);
    }
  });
});

describe('penalties', () => {
  const { doc, csvRows } = render('penalties');

  it('holds only penalties inside their window, newest first', () => {
    expect(doc.records.map((r) => r.documentNumber)).toEqual(['东卫罚〔2026〕31号', '东卫罚〔2026〕21号']);
    expect(JSON.stringify(doc)).not.toContain('〔2023〕11号');
  });

  it('keeps yuan, original text and whether the window was derived', () => {
    expect(doc.records[1]).toMatchObject({
      fineYuan: 100000,
      fineText: '10',
      confiscatedYuan: 1200,
      confiscatedText: '0.12',
      publicUntil: '2029-07-12',
      publicUntilDerived: true,
      categories: ['罚款', '没收违法所得'],
      source: 'wh-xzcf',
      sourceFile: 'xzcf.json',
      sourceRow: 3,
      alsoIn: [{ source: 'wh-xzcf-2', file: 'a.csv', row: 9 }],
    });
    expect(csvRows.data[1]).toMatchObject({
      '罚款金额(元)': '100000',
      罚款金额原文: '10',
      '没收金额(元)': '1200',
      公示截止期为推算: '是',
      处罚类别: '罚款、没收违法所得',
      违法事实: "'-未经备案擅自开展托育服务",
      其他来源: 'wh-xzcf-2/a.csv:9',
    });
  });

  it('links a natural person to no page and neutralises @', () => {
    expect(doc.records[0]).toMatchObject({
      subjectName: '贾某',
      naturalPerson: true,
      institutionId: null,
      url: null,
    });
    expect(csvRows.data[0]).toMatchObject({
      行政相对人名称: '贾某',
      是否自然人: '是',
      备注: "'@备注",
      页面地址: '',
    });
  });
});

describe('list history', () => {
  it('flattens events newest first and leaves out events after the as-of date', () => {
    const events = listEvents(fixtureData());
    expect(events.map((e) => e.id)).toEqual(['e-2', 'e-1']);
    const { csvRows } = render('list-history');
    expect(csvRows.data[0]).toMatchObject({ 名单: '黑名单', 变动: '列入', 原因: '虐待婴幼儿 & 拒不整改' });
  });
});

describe('sources', () => {
  it('summarises counts without row content', () => {
    const { doc, csvRows } = render('sources');
    expect(doc.records.map((r) => r.id)).toEqual(['wh-xzcf', 'wh-b1']);
    expect(doc.records[0]).toMatchObject({ hiddenByReason: { expired: 1, withdrawn: 1 }, hiddenRows: 2 });
    expect(csvRows.data[1]).toMatchObject({
      文件: '名单.xlsx、附件2.xlsx',
      问题统计: 'bad-uscc-charset 2；invalid-date 1',
    });
    expect(csvRows.data[0]?.来源类型).toBe('行政处罚');
  });
});

describe('an empty data set', () => {
  it('still writes headers and an empty record list', () => {
    const data = { ...fixtureData(), institutions: [], penalties: [], inspections: [], sources: [] };
    for (const id of DATASET_IDS) {
      const r = renderDownload(data, id, options);
      expect(r.rows).toBe(0);
      expect((JSON.parse(r.json) as JsonDownload).records).toEqual([]);
      expect(r.csv.split('\r\n')).toHaveLength(2);
    }
  });
});

describe('DownloadCache', () => {
  it('renders once for the page and both endpoints, then lets the text go', () => {
    const data = fixtureData();
    const direct = renderDownload(data, 'penalties', options);
    const cache = new DownloadCache(data, exportContext(data, options));
    expect(cache.stats('penalties')).toEqual({
      rows: direct.rows,
      csvBytes: Buffer.byteLength(direct.csv),
      jsonBytes: Buffer.byteLength(direct.json),
    });
    expect(cache.take('penalties', 'csv')).toBe(direct.csv);
    expect(cache.take('penalties', 'json')).toBe(direct.json);
    // Taken again (a dev server reloading): the same bytes, rendered anew.
    expect(cache.take('penalties', 'csv')).toBe(direct.csv);
    expect(cache.stats('penalties').rows).toBe(2);
  });

  it('serves an endpoint that comes before the page', () => {
    const cache = new DownloadCache(fixtureData(), exportContext(fixtureData(), options));
    const json = cache.take('institutions', 'json');
    expect(cache.stats('institutions').jsonBytes).toBe(Buffer.byteLength(json));
    expect(cache.take('institutions', 'csv').startsWith('\uFEFF机构编号,')).toBe(true);
  });
});
