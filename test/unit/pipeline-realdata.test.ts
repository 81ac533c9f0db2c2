/**
 * Real notices as published (test/fixtures/realdata): every row a correct reader must publish, with its name, second
 * name, area and list as expect.json gives them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Institution } from '../../src/lib/domain/schemas.ts';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { regionInfo } from '../../src/lib/ingest/resolve-region.ts';
import { type PipelineResult, runPipeline } from '../../src/lib/ingest/run-pipeline.ts';

const dir = join(import.meta.dirname, '../fixtures/realdata');

interface Expected {
  as_of: string;
  sources: Array<{
    id: string;
    rows: number;
    institutions: Array<{
      name?: string;
      registered_name?: string;
      trade_name?: string;
      area?: string;
      address: string;
      list?: string;
    }>;
  }>;
}

const expected = JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8')) as Expected;

/** The GB/T 2260 code an area written in a 盐城 notice must resolve to; not a GB/T 2260 area → the publisher's. */
const AREA_CODES: Record<string, string> = { 经济技术开发区: '320971', 盐南高新区: '320900' };

let result: PipelineResult;
beforeAll(async () => {
  result = await runPipeline(loadSources(dir), expected.as_of);
});

describe('real notice pages', () => {
  it.each(expected.sources.map((s) => [s.id, s] as const))(
    '%s publishes every row, none rejected',
    (id, s) => {
      const counts = result.report.sources.find((r) => r.id === id);
      expect(counts).toMatchObject({ rows: s.rows, published: s.rows, rejected: 0, merged: 0, hidden: 0 });
      expect(result.report.problems.filter((p) => p.source === id && p.severity === 'error')).toEqual([]);
    },
  );

  it('publishes 67 + 12 institutions', () => {
    expect(expected.sources.map((s) => s.institutions.length)).toEqual([67, 12]);
    expect(result.data.institutions).toHaveLength(79);
  });

  const cases = expected.sources.flatMap((s) =>
    s.institutions.map((i) => [i.registered_name ?? i.name ?? '', s.id, i] as const),
  );
  it.each(cases)('%s (%s)', (name, id, want) => {
    const found = result.data.institutions.filter(
      (i: Institution) => i.name === name && i.provenance.some((p) => p.source === id),
    );
    expect(found).toHaveLength(1);
    const inst = found[0] as Institution;
    expect(inst.address).toBe(want.address);
    if (want.trade_name && want.trade_name !== name) expect(inst.otherNames).toContain(want.trade_name);
    else expect(inst.otherNames).toEqual([]);
    if (want.area) {
      const code = AREA_CODES[want.area] ?? inst.region;
      expect(inst.region).toBe(code);
      if (!(want.area in AREA_CODES)) expect(regionInfo(inst.region)?.name).toBe(want.area);
    } else {
      expect(inst.region).toBe('320104');
    }
    if (want.list) {
      // 拟确认: proposed, under public comment; never shown as on the list.
      expect(inst.lists).toEqual([]);
      expect(inst.status).toBe('proposed');
      expect(inst.proposed.map((p) => [p.list, p.published])).toEqual([[want.list, '2023-10-31']]);
    } else {
      expect(inst.lists).toEqual(['备案']);
      expect(inst.status).toBe('listed');
    }
  });

  it('numbers rows per table: the first <tr> is row 1, and a page with two tables names each', () => {
    const byName = (n: string) => result.data.institutions.find((i) => i.name === n);
    expect(byName('南京三之三幼儿园')?.provenance[0]).toMatchObject({ row: 3 });
    expect(byName('响水县响水镇幼儿园')?.provenance[0]?.file).toMatch(/ · 表1$/);
    expect(byName('响水县响水镇幼儿园')?.provenance[0]?.row).toBe(2);
    expect(byName('盐城英迪儿教育咨询有限公司')?.provenance[0]?.file).toMatch(/ · 表2$/);
  });

  it('a development zone that is not a GB/T 2260 area keeps its unknown-region warning', () => {
    const warned = result.report.problems.filter((p) => p.code === 'unknown-region');
    expect(warned.map((p) => p.message).every((m) => m.includes('盐南高新区'))).toBe(true);
    expect(warned).toHaveLength(2);
  });
});
