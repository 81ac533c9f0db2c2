import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SiteData, SiteDataSchema } from '../../src/lib/domain/schemas.ts';
import { citations, enforcementTimeline, history, listEntries } from '../../src/lib/site/institution-view.ts';
import { buildSiteIndex, SiteDataError } from '../../src/lib/site/site-index.ts';

const fixture = (): SiteData =>
  SiteDataSchema.parse(
    JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/site-data.json'), 'utf8')),
  );

describe('the site fixture', () => {
  it('is valid SiteData with every status, a natural person and hostile markup', () => {
    const d = fixture();
    expect(new Set(d.institutions.map((i) => i.status))).toEqual(
      new Set(['blacklisted', 'sanctioned', 'removed', 'listed']),
    );
    expect(
      d.penalties.some((p) => p.naturalPerson && p.institutionId === null && p.subjectName === '贾某'),
    ).toBe(true);
    expect(d.institutions.some((i) => i.name.includes('<script>alert(1)</script>'))).toBe(true);
    expect(new Set(d.regions.map((r) => r.level))).toEqual(new Set(['province', 'city', 'county']));
  });
});

describe('buildSiteIndex', () => {
  const site = buildSiteIndex(fixture());

  it('sorts institutions by name and penalties newest first', () => {
    const names = site.institutions.map((i) => i.name);
    expect([...names].sort(new Intl.Collator('zh-CN', { numeric: true }).compare)).toEqual(names);
    const dates = site.penalties.map((p) => p.decided);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('counts institutions and penalties up the region tree', () => {
    const city = site.regions.get('330200');
    const province = site.regions.get('330000');
    if (!city || !province) throw new Error('fixture regions missing');
    const inNingbo = site.institutions.filter((i) => i.region.startsWith('3302'));
    expect(city.institutions.length).toBe(inNingbo.length);
    expect(province.institutions.length).toBe(inNingbo.length);
    expect(city.ancestors.map((a) => a.code)).toEqual(['330000']);
    expect(city.children.map((c) => c.region.code)).toEqual(['330203', '330205', '330212']);
    // The natural-person penalty is recorded at city level and counted there and above, not in any county.
    const person = site.penalties.find((p) => p.naturalPerson);
    expect(city.penalties).toContain(person);
    expect(province.penalties).toContain(person);
    expect(site.regions.get('330203')?.penalties).not.toContain(person);
    const sum = Object.values(city.byStatus).reduce((a, b) => a + b, 0);
    expect(sum).toBe(city.institutions.length);
    expect(city.institutionsByStatus.get('sanctioned')?.every((i) => i.status === 'sanctioned')).toBe(true);
    expect(city.places).toBe(inNingbo.reduce((n, i) => n + (i.capacity ?? 0), 0));
  });

  it('groups penalties by institution, year, sector and category', () => {
    expect(site.penaltiesByInstitution.get('91420112ma39tkfl0h')?.map((p) => p.documentNumber)).toEqual([
      '东卫罚〔2026〕21号',
    ]);
    expect([...site.penaltiesByYear.keys()]).toEqual(['2026', '2025']);
    expect(site.penaltiesByCategory.get('confiscate-income')?.length).toBe(2);
    expect(site.penaltiesByCategory.get('criticism')?.length).toBe(1);
  });

  it('fails loudly on references it cannot resolve', () => {
    const bad = fixture();
    const first = bad.institutions[0];
    if (first) first.region = '999999';
    expect(() => buildSiteIndex(bad)).toThrow(SiteDataError);
    const orphan = fixture();
    const p = orphan.penalties[0];
    if (p) p.institutionId = 'nope';
    expect(() => buildSiteIndex(orphan)).toThrow(/nope/);
    const dup = fixture();
    const again = dup.institutions[0];
    if (again) dup.institutions.push({ ...again });
    expect(() => buildSiteIndex(dup)).toThrow(/重复/);
    for (const id of ['page', 'Upper', 'a/b']) {
      const reserved = fixture();
      const inst = reserved.institutions[0];
      if (inst) inst.id = id;
      expect(() => buildSiteIndex(reserved)).toThrow(/网址/);
    }
  });
});

describe('institution view', () => {
  const site = buildSiteIndex(fixture());
  const get = (id: string) => {
    const i = site.institutionById.get(id);
    if (!i) throw new Error(id);
    return i;
  };

  it('lists current lists first, each with its batches', () => {
    const lists = listEntries(get('91522601ma90ekew50'));
    expect(lists.map((l) => [l.list, l.current])).toEqual([
      ['备案', true],
      ['黑名单', false],
    ]);
    const twice = listEntries(get('91420112ma2lu9cg5h'));
    expect(twice[0]?.entries.map((e) => e.batch)).toEqual([1, 2]);
  });

  it('orders history oldest first', () => {
    expect(history(get('91522601ma90ekew50')).map((e) => e.action)).toEqual(['列入', '列入', '移出']);
  });

  it('merges penalties and inspections newest first', () => {
    const id = '91330212ma1m1fl17n';
    const t = enforcementTimeline(
      site.penaltiesByInstitution.get(id) ?? [],
      site.inspectionsByInstitution.get(id) ?? [],
    );
    expect(t.map((x) => [x.kind, x.date])).toEqual([
      ['inspection', '2026-06-10'],
      ['penalty', '2026-05-20'],
    ]);
  });

  it('cites every source row behind the page, with what it supports', () => {
    const id = '91330212ma5386a610';
    const c = citations(get(id), site.penaltiesByInstitution.get(id) ?? [], [], site.sourceById);
    const bySource = Object.fromEntries(c.map((x) => [x.source.id, x.rows]));
    expect(bySource['ningbo-scjg-xzcf-2025']).toEqual([
      { file: '行政处罚信息.xlsx', row: 6, facts: ['行政处罚'] },
    ]);
    // The same decision published again by another source is cited too.
    expect(bySource['wh-dongxihu-xzcf-json']).toEqual([{ file: 'xzcf.json', row: 11, facts: ['行政处罚'] }]);
  });
});
