/**
 * The class of defect: a download rebuilt from the pages' index instead of the published data, so that a record no
 * page lists (an inspection of an institution on no list) vanishes from it. Each download must hold exactly the
 * records the model holds.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteData } from '../../src/lib/domain/schemas.ts';
import { DATASET_IDS, type DatasetId } from '../../src/lib/site/downloads/render.ts';
import { downloads, exportData } from '../../src/lib/site/export-data.ts';
import { getModel } from '../../src/lib/site/load-data.ts';
import { mergedFixture } from './export-fixture.ts';

const before = process.env.SITE_DATA;

beforeAll(() => {
  const merged = mergedFixture();
  const linked = merged.inspections[0];
  if (!linked) throw new Error('the fixture has an inspection');
  const unlinked = {
    ...linked,
    id: 'i-unlinked',
    institutionId: null,
    uscc: null,
    subjectName: '某无名单机构',
  };
  const data: SiteData = { ...merged, inspections: [...merged.inspections, unlinked] };
  // The site takes ids as URL segments: the fixture's institutions get ids it accepts.
  const text = JSON.stringify(data)
    .replaceAll('"91420112MA39TKFL0H"', '"91420112ma39tkfl0h"')
    .replaceAll('"n-凯里市知行托育服务有限公司-420106"', '"n-zhixing-420106"');
  const dir = mkdtempSync(join(tmpdir(), 'downloads-model-'));
  process.env.SITE_DATA = join(dir, 'data.json');
  writeFileSync(process.env.SITE_DATA, text);
});

afterAll(() => {
  if (before === undefined) delete process.env.SITE_DATA;
  else process.env.SITE_DATA = before;
});

function modelCount(d: SiteData, id: DatasetId): number {
  switch (id) {
    case 'institutions':
      return d.institutions.length;
    case 'penalties':
      return d.penalties.length;
    case 'inspections':
      return d.inspections.length;
    case 'list-history':
      return d.institutions.reduce((n, i) => n + i.events.length, 0);
    case 'sources':
      return d.sources.length;
  }
}

describe('downloads read the published data', () => {
  it('hold every published inspection, linked or not', () => {
    const { data } = getModel();
    expect(data.inspections.map((i) => i.id).sort()).toEqual(['i-1', 'i-unlinked']);
    expect(exportData()).toBe(data);
    const doc = JSON.parse(downloads(undefined).take('inspections', 'json')) as { records: { id: string }[] };
    expect(doc.records.map((r) => r.id).sort()).toEqual(['i-1', 'i-unlinked']);
  });

  it.each(DATASET_IDS)('%s: as many rows as the model holds', (id) => {
    const data = getModel().data;
    expect(downloads(undefined).stats(id).rows).toBe(modelCount(data, id));
  });
});
