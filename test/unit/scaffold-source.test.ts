/**
 * A source.yml scaffolded from typed answers: valid by the pipeline's own manifest check, region picked by name,
 * values YAML would misread (dates, codes) kept as text; answers that cannot make a valid manifest give findings
 * in Chinese naming the field.
 */
import { describe, expect, it } from 'vitest';
import { checkManifest } from '../../src/lib/ingest/check-manifest.ts';
import { findRegions } from '../../src/lib/ingest/find-region.ts';
import { type SourceAnswers, scaffoldManifest } from '../../src/lib/ingest/scaffold-source.ts';

const OK: SourceAnswers = {
  id: 'wh-dongxihu-tuoyu-2024-b3',
  kind: 'institutions',
  sector: 'childcare',
  list: '普惠',
  stage: 'proposed',
  batch: '3',
  publisher: '武汉市东西湖区卫生健康局',
  title: '关于公布第三批托育机构备案名单的通知: 含 "引号"',
  documentNumber: '东卫健〔2024〕5号',
  published: '2024-05-10',
  url: 'http://www.dxh.gov.cn/a.html',
  region: '武汉市东西湖区',
  files: ['附件1.xlsx', '#2 名单.csv'],
};

describe('scaffoldManifest', () => {
  it('writes a manifest the pipeline reads back as given', () => {
    const { text, problems } = scaffoldManifest(OK);
    expect(problems).toEqual([]);
    const { manifest } = checkManifest(OK.id, text);
    expect(manifest).toMatchObject({
      kind: 'institutions',
      list: '普惠',
      batch: 3,
      stage: 'proposed',
      title: OK.title,
      document_number: OK.documentNumber,
      published: '2024-05-10',
      region: '420112',
      files: OK.files,
    });
  });

  it.each([
    [{ id: 'Bad Id' }, 'id'],
    [{ region: '朝阳区' }, 'region'],
    [{ region: '不存在区' }, 'region'],
    [{ published: '2024-02-30' }, 'published'],
    [{ kind: 'lists' }, 'kind'],
    [{ list: '' }, 'list'],
    [{ url: 'ftp://x' }, 'url'],
    [{ stage: '拟认定' }, 'stage'],
  ] as [Partial<SourceAnswers>, string][])('%o → a finding on %s, no text', (change, column) => {
    const { text, problems } = scaffoldManifest({ ...OK, ...change });
    expect(text).toBeNull();
    expect(problems.map((p) => p.column)).toContain(column);
    expect(problems.every((p) => /\p{Script=Han}/u.test(p.message))).toBe(true);
  });
});

describe('scaffoldManifest: the optional details', () => {
  const full: SourceAnswers = {
    ...OK,
    retrieved: '2024-05-11',
    crs: 'gcj02',
    columns: [
      { header: 'JGMC', label: '机构名称' },
      { header: '', label: '' },
      { header: 'TWS', label: '托位数' },
    ],
    tables: [
      { match: '附件1', list: '普惠' },
      { table: '2', stage: 'final' },
      { match: '', table: '', list: '', stage: '' },
    ],
  };

  it('writes retrieved, crs, the header mapping and the tables, leaving out entries left empty', () => {
    const { text, problems } = scaffoldManifest(full);
    expect(problems).toEqual([]);
    expect(checkManifest(OK.id, text).manifest).toMatchObject({
      retrieved: '2024-05-11',
      crs: 'gcj02',
      columns: { JGMC: '机构名称', TWS: '托位数' },
      tables: [
        { match: '附件1', list: '普惠' },
        { table: 2, stage: 'final' },
      ],
    });
  });

  it.each([
    [{ columns: [{ header: 'JGMC', label: '' }] }, 'columns.0.label', '请选择“JGMC”对应的字段'],
    [{ columns: [{ header: '', label: '机构名称' }] }, 'columns.0.header', '请填写文件中的原表头'],
    [{ columns: [{ header: 'X', label: '不是字段' }] }, 'columns.0.label', '不是这类公告可用的字段名称'],
    // 罚款金额 is a field of penalties, not of an institutions list.
    [{ columns: [{ header: 'X', label: '罚款金额' }] }, 'columns.0.label', '不是这类公告可用的字段名称'],
    [
      {
        columns: [
          { header: 'JGMC', label: '机构名称' },
          { header: 'ＪＧＭＣ', label: '地址' },
        ],
      },
      'columns.1.header',
      '与第 1 个重复',
    ],
    [{ tables: [{ list: '普惠' }] }, 'tables.1.match', '请填写表格前的文字'],
    [{ tables: [{ table: '0' }] }, 'tables.0.table', 'tables.0.table'],
    [{ retrieved: '2024-02-30' }, 'retrieved', '不存在'],
    [{ crs: 'bd09' }, 'crs', 'wgs84'],
  ] as [Partial<SourceAnswers>, string, string][])('%o → a finding on %s', (change, column, words) => {
    const answers = { ...OK, ...change };
    // The table entry at fault is the second: the first is valid.
    if (column === 'tables.1.match') answers.tables = [{ match: '附件1' }, ...(change.tables ?? [])];
    const { text, problems } = scaffoldManifest(answers);
    expect(text).toBeNull();
    const found = problems.find((p) => p.column === column);
    expect(found?.message).toContain(words);
  });
});

describe('findRegions', () => {
  it.each([
    ['东西湖区', ['420112']],
    ['湖北省武汉市东西湖区', ['420112']],
    ['420112', ['420112']],
    ['凯里市', ['522601']],
    ['朝阳区', ['110105', '220104']],
    ['市辖区', []],
    ['', []],
  ])('%s → %o', (q, codes) => {
    expect(findRegions(q).map((r) => r.code)).toEqual(codes);
  });
});
