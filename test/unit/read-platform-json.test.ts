/** Data platforms' JSON: records two levels down, platform keys, several pages, a path named in the manifest. */
import { describe, expect, it } from 'vitest';
import { type LoadedSource, runPipeline } from '../../src/lib/ingest/run-pipeline.ts';

const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

function source(files: Record<string, unknown>, extra = ''): LoadedSource {
  return {
    id: 'platform',
    manifestText: `kind: institutions\nsector: childcare\nlist: 备案\npublisher: 某市卫生健康委员会\ntitle: 托育机构备案信息\npublished: 2025-01-01\nregion: "320900"\nfiles: [${Object.keys(files).join(', ')}]\n${extra}`,
    files: Object.entries(files).map(([name, v]) => ({ name, bytes: enc(v) })),
    unlisted: [],
  };
}

const record = (i: number) => ({
  institution_name: `盐城某某托育有限公司${i}`,
  institution_other_name: `小星星托育园${i}`,
  credit_code: '',
  institution_type: '全日托',
  address: `某路${i}号`,
  finished_time: '2024-05-10 00:00:00',
  zoning_name: '',
  zoning_code: '320902000000',
});

describe('platform JSON', () => {
  it('finds responseData.dataList over several pages, in order, with platform keys', async () => {
    const r = await runPipeline(
      [
        source({
          'page-1.json': { code: 200, responseData: { total: 3, dataList: [record(1), record(2)] } },
          'page-2.json': { code: 200, responseData: { total: 3, dataList: [record(3)] } },
        }),
      ],
      '2026-12-02',
    );
    expect(r.report.totals).toMatchObject({ rows: 3, published: 3, rejected: 0 });
    const inst = r.data.institutions.find((i) => i.name === '盐城某某托育有限公司3');
    expect(inst).toMatchObject({
      region: '320902',
      address: '某路3号',
      filed: '2024-05-10',
      otherNames: ['小星星托育园3'],
    });
    expect(inst?.provenance[0]).toMatchObject({ file: 'page-2.json', row: 1 });
  });

  it('finds result.records with camelCase keys', async () => {
    const r = await runPipeline(
      [
        source({
          'records.json': {
            success: true,
            result: { current: 1, records: [{ name: '甲托育园', creditCode: '', address: '某路' }] },
          },
        }),
      ],
      '2026-12-02',
    );
    expect(r.report.totals).toMatchObject({ rows: 1, published: 1 });
  });

  it('takes the path the manifest names, and says so when it is not there', async () => {
    const doc = { meta: { items: [{ a: 1 }, { a: 2 }, { a: 3 }] }, data: { list: [record(1)] } };
    const ok = await runPipeline([source({ 'x.json': doc }, 'records: data.list\n')], '2026-12-02');
    expect(ok.report.totals).toMatchObject({ rows: 1, published: 1 });
    const bad = await runPipeline([source({ 'x.json': doc }, 'records: data.rows\n')], '2026-12-02');
    expect(bad.report.problems.map((p) => p.code)).toContain('no-data-table');
    expect(bad.exitCode).toBe(2);
  });
});
