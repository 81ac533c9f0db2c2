/**
 * The class of defect: a field the dictionary knows is read, merged or published in one layer but forgotten in
 * another (机构性质 was merged into every institution but left out of the institutions download). A field marked
 * `carriedIn` travels from a published header to the record and to its download from its dictionary entry alone:
 * for every such field and kind, a value under the field's label comes out under the field's key in the published
 * record, in the JSON download and, under its column's header, in the CSV download.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { type CarriedKey, carriedFields, FIELDS, field } from '../../src/lib/domain/fields.ts';
import { publish } from '../../src/lib/domain/rules/publish.ts';
import type { SiteData } from '../../src/lib/domain/schemas.ts';
import { InspectionSchema, InstitutionSchema, PenaltySchema } from '../../src/lib/domain/schemas.ts';
import { type LoadedSource, runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { DOWNLOADS, renderDownload } from '../../src/lib/site/downloads/render.ts';

type Kind = 'institutions' | 'penalties' | 'inspections';
const KINDS: readonly Kind[] = ['institutions', 'penalties', 'inspections'];
const DATASET: Record<Kind, 'institutions' | 'penalties' | 'inspections'> = {
  institutions: 'institutions',
  penalties: 'penalties',
  inspections: 'inspections',
};
const SCHEMA = { institutions: InstitutionSchema, penalties: PenaltySchema, inspections: InspectionSchema };

const NAME = '武汉市东西湖区字段一号托育中心';
const USCC = '91420112MA4K000106';

/** The columns every row of the kind needs, besides the carried ones. */
const REQUIRED: Record<Kind, [string, string][]> = {
  institutions: [
    ['机构名称', NAME],
    ['统一社会信用代码', USCC],
    ['备案日期', '2024-05-01'],
  ],
  penalties: [
    ['行政相对人名称', NAME],
    ['统一社会信用代码', USCC],
    ['行政处罚决定书文号', '东卫罚〔2024〕1号'],
    ['处罚类别', '罚款'],
    ['罚款金额（元）', '5000'],
    ['处罚决定日期', '2024-06-01'],
  ],
  inspections: [
    ['检查对象名称', NAME],
    ['统一社会信用代码', USCC],
    ['检查日期', '2024-06-02'],
    ['检查结果', '合格'],
  ],
};

function source(kind: Kind, header: string[], row: string[]): LoadedSource {
  const manifest = [
    `kind: ${kind}`,
    'sector: childcare',
    ...(kind === 'institutions' ? ['list: 备案'] : []),
    'publisher: 武汉市东西湖区卫生健康局',
    `title: ${kind}`,
    'published: 2024-06-10',
    'region: "420112"',
    'files: [data.csv]',
    '',
  ].join('\n');
  const csv = `${header.join(',')}\n${row.join(',')}\n`;
  return {
    id: `a-${kind}`,
    manifestText: manifest,
    files: [{ name: 'data.csv', bytes: new TextEncoder().encode(csv) }],
    unlisted: [],
  };
}

/** One source per kind, each carried field of the kind under its label with a value naming the field. */
async function published(): Promise<SiteData> {
  const sources = KINDS.map((kind) => {
    const carried = carriedFields(kind).map((k) => [field(k).label, `${k}的内容`] as [string, string]);
    const cols = [...REQUIRED[kind], ...carried];
    return source(
      kind,
      cols.map(([h]) => h),
      cols.map(([, v]) => v),
    );
  });
  const r = await runPipeline(sources, '2024-12-01');
  return publish(r.data, '2024-12-01');
}

const options = { siteRoot: 'https://example.org/', licence: 'CC BY 4.0' };

describe('fields carried as published text', () => {
  it('are marked in the dictionary for the kinds that have them', () => {
    for (const kind of KINDS) expect(carriedFields(kind).length).toBeGreaterThan(0);
    for (const f of FIELDS) {
      const c = (f as { carriedIn?: readonly string[] }).carriedIn ?? [];
      for (const k of c) expect(f.kinds as readonly string[], `${f.key} carried in ${k}`).toContain(k);
      if (c.length > 0) expect(f.public, `${f.key} is public`).toBe(true);
    }
  });

  it.each(KINDS)(
    '%s: each is in the record schema, the record, the JSON and the CSV download',
    async (kind) => {
      const data = await published();
      const records = data[kind] as unknown as Record<string, unknown>[];
      expect(records).toHaveLength(1);
      const record = records[0] as Record<string, unknown>;
      const download = renderDownload(data, DATASET[kind], options);
      const json = JSON.parse(download.json) as { records: Record<string, unknown>[] };
      const csv = Papa.parse<Record<string, string>>(download.csv.replace(/^\uFEFF/, ''), {
        header: true,
      }).data;
      const header = new Map(
        DOWNLOADS.find((d) => d.id === DATASET[kind])?.columns.map((c) => [c.key, c.label]),
      );
      for (const key of carriedFields(kind) as readonly CarriedKey<typeof kind>[]) {
        expect(Object.keys(SCHEMA[kind].shape), `${key} in the ${kind} schema`).toContain(key);
        expect(record[key], `${key} in the published ${kind} record`).toBe(`${key}的内容`);
        expect(json.records[0]?.[key], `${key} in ${kind}.json`).toBe(`${key}的内容`);
        expect(csv[0]?.[header.get(key) ?? ''], `${key} in ${kind}.csv`).toBe(`${key}的内容`);
      }
    },
  );
});
