/** Second names (机构收托名称) join institutions on either name; proposed lists wait for a final notice. */
import { describe, expect, it } from 'vitest';
import { type LoadedSource, runPipeline } from '../../src/lib/ingest/run-pipeline.ts';

const enc = (s: string) => new TextEncoder().encode(s);

function source(id: string, yml: string, csv: string): LoadedSource {
  return {
    id,
    manifestText: `kind: institutions\nsector: childcare\npublisher: 盐城市卫生健康委员会\ntitle: 名单\nregion: "320900"\nfiles: [名单.csv]\n${yml}`,
    files: [{ name: '名单.csv', bytes: enc(csv) }],
    unlisted: [],
  };
}

describe('second names', () => {
  it('an institution listed under its registered name and later under its other name is one institution', async () => {
    const r = await runPipeline(
      [
        source(
          'a',
          'list: 备案\npublished: 2023-01-01\n',
          '地区,机构登记名称,机构收托名称\n亭湖区,盐城某某托育有限公司,小星星托育园\n',
        ),
        source(
          'b',
          'list: 普惠\npublished: 2024-01-01\n',
          '区县,机构名称,地址\n亭湖区,小星星托育园,某路1号\n',
        ),
      ],
      '2026-12-02',
    );
    expect(r.data.institutions).toHaveLength(1);
    const inst = r.data.institutions[0];
    expect(inst?.otherNames).toEqual(['盐城某某托育有限公司']);
    expect(inst?.lists).toEqual(['备案', '普惠']);
  });
});

describe('proposed lists', () => {
  const proposed = source(
    'p',
    'list: 普惠\nstage: proposed\npublished: 2023-10-31\n',
    '地区,机构名称,地址\n亭湖区,盐城某某托育有限公司,某路1号\n',
  );
  it('a proposed entry is not on the list', async () => {
    const r = await runPipeline([proposed], '2026-12-02');
    const inst = r.data.institutions[0];
    expect(inst?.lists).toEqual([]);
    expect(inst?.status).toBe('proposed');
    expect(inst?.proposed.map((p) => [p.list, p.published])).toEqual([['普惠', '2023-10-31']]);
    expect(inst?.events.map((e) => e.action)).toEqual(['拟列入']);
  });
  it('a later final notice of the same list confirms it', async () => {
    const final = source(
      'f',
      'list: 普惠\npublished: 2023-11-20\n',
      '地区,机构名称\n亭湖区,盐城某某托育有限公司\n',
    );
    const r = await runPipeline([proposed, final], '2026-12-02');
    const inst = r.data.institutions[0];
    expect(inst?.lists).toEqual(['普惠']);
    expect(inst?.proposed).toEqual([]);
    expect(inst?.status).toBe('listed');
  });
  it('a final notice of another list does not confirm it', async () => {
    const other = source(
      'o',
      'list: 备案\npublished: 2023-11-20\n',
      '地区,机构名称\n亭湖区,盐城某某托育有限公司\n',
    );
    const r = await runPipeline([proposed, other], '2026-12-02');
    const inst = r.data.institutions[0];
    expect(inst?.lists).toEqual(['备案']);
    expect(inst?.proposed.map((p) => p.list)).toEqual(['普惠']);
    expect(inst?.status).toBe('listed');
  });
});
