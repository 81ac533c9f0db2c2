/**
 * Stable ids: the site data of the bundled sample does not depend on the order sources are handed over in, and the
 * ids of institutions, penalties, inspections and list events stay what they were when unrelated sources are added
 * — links to /institutions/<id>/ keep working as the register grows.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteData } from '../../src/lib/domain/schemas.ts';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { type LoadedSource, runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { runs } from './fuzz-arbitraries.ts';

const AS_OF = '2026-11-24';
const sample = loadSources('test/fixtures/samples');
let base: SiteData;

beforeAll(async () => {
  base = (await runPipeline(sample, AS_OF)).data;
});

function source(id: string, manifest: string, file: string, text: string): LoadedSource {
  return {
    id,
    manifestText: manifest,
    files: [{ name: file, bytes: new TextEncoder().encode(text) }],
    unlisted: [],
  };
}

/** Sources about other places and other institutions: a list, penalties and a spot check in 杭州 (330100). */
const unrelated = (n: number): LoadedSource[] => [
  source(
    `hz-list-${n}`,
    `kind: institutions\nsector: childcare\nlist: 备案\npublisher: 杭州市卫生健康委员会\ntitle: 杭州第${n}批\npublished: 2025-0${(n % 9) + 1}-01\nregion: "330100"\nfiles: [名单.csv]\n`,
    '名单.csv',
    `区县,机构名称,统一社会信用代码,备案日期\n西湖区,杭州西湖区第${n}托育园,,2025-01-0${(n % 9) + 1}\n上城区,杭州上城区第${n}托育园,,2025-01-02\n`,
  ),
  source(
    `hz-xzcf-${n}`,
    `kind: penalties\nsector: childcare\npublisher: 杭州市卫生健康委员会\ntitle: 杭州处罚${n}\npublished: 2026-10-0${(n % 9) + 1}\nregion: "330100"\nfiles: [处罚.csv]\n`,
    '处罚.csv',
    `区县,行政相对人名称,行政处罚决定书文号,处罚类别,罚款金额（元）,处罚决定日期\n西湖区,杭州西湖区第${n}托育园,杭卫罚〔2026〕${n}号,罚款,5000,2026-09-01\n`,
  ),
  source(
    `hz-ssj-${n}`,
    `kind: inspections\nsector: childcare\npublisher: 杭州市卫生健康委员会\ntitle: 杭州抽查${n}\npublished: 2026-10-10\nregion: "330100"\nfiles: [抽查.csv]\n`,
    '抽查.csv',
    `区县,检查对象名称,检查日期,检查结果\n上城区,杭州上城区第${n}托育园,2026-09-02,合格\n`,
  ),
];

const ids = (d: SiteData) => ({
  institutions: d.institutions.map((i) => `${i.id} ${i.name}`),
  penalties: d.penalties.map((p) => `${p.id} ${p.documentNumber} → ${p.institutionId}`),
  inspections: d.inspections.map((i) => `${i.id} → ${i.institutionId}`),
  events: d.institutions.flatMap((i) => i.events.map((e) => `${e.id} ${e.institutionId}`)),
});

describe('ids and site data', () => {
  it('do not depend on the order of the sources', async () => {
    const want = JSON.stringify(base);
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(sample, { minLength: sample.length }), async (shuffled) => {
        expect(JSON.stringify((await runPipeline(shuffled, AS_OF)).data)).toBe(want);
      }),
      runs(25),
    );
  });

  it('stay the same when unrelated sources are added, in any order', async () => {
    const before = ids(base);
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 3 })
          .chain((k) =>
            fc.shuffledSubarray(
              [...sample, ...Array.from({ length: k }, (_, n) => unrelated(n + 1)).flat()],
              { minLength: sample.length + 3 * k },
            ),
          ),
        async (sources) => {
          const after = ids((await runPipeline(sources, AS_OF)).data);
          for (const key of Object.keys(before) as Array<keyof typeof before>) {
            const got = new Set(after[key]);
            expect(
              before[key].filter((x) => !got.has(x)),
              key,
            ).toEqual([]);
          }
          expect(after.institutions.length).toBeGreaterThan(before.institutions.length);
        },
      ),
      runs(15),
    );
  });
});
