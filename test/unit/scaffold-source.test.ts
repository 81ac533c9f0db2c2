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
  list: '备案',
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
      list: '备案',
      batch: 3,
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
  ] as [Partial<SourceAnswers>, string][])('%o → a finding on %s, no text', (change, column) => {
    const { text, problems } = scaffoldManifest({ ...OK, ...change });
    expect(text).toBeNull();
    expect(problems.map((p) => p.column)).toContain(column);
    expect(problems.every((p) => /\p{Script=Han}/u.test(p.message))).toBe(true);
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
