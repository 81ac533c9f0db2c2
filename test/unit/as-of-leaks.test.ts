/**
 * The class of defect: something dated after the as-of date reaches the site, or a status is decided from facts the
 * public could not yet see. Built from the bundled data at dates before, between and after its notices, and from
 * small merged records that carry every kind of later fact.
 */
import { describe, expect, it } from 'vitest';
import { publish } from '../../src/lib/domain/rules/publish.ts';
import { eventDate } from '../../src/lib/domain/rules/visibility.ts';
import type { Inspection, Institution, ListEvent, Penalty, SiteData } from '../../src/lib/domain/schemas.ts';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { buildSiteIndex } from '../../src/lib/site/site-index.ts';
import { birthsFigures, nationalStatistics } from '../../src/lib/site/statistics.ts';

const DATES = ['2023-06-01', '2024-06-01', '2026-11-24'];

/** Every date a published record shows, with what it belongs to. */
function datesShown(d: SiteData): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const s of d.sources) out.push([`source ${s.id}`, s.published]);
  for (const i of d.institutions) {
    for (const e of i.events)
      out.push([`event ${e.id}`, eventDate(e)], [`event ${e.id} notice`, e.published]);
    if (i.statusSince) out.push([`status of ${i.id}`, i.statusSince]);
    if (i.filed) out.push([`filed ${i.id}`, i.filed]);
  }
  for (const p of d.penalties) out.push([`penalty ${p.id}`, p.decided]);
  for (const i of d.inspections) out.push([`inspection ${i.id}`, i.date]);
  return out;
}

describe.each(DATES)('the bundled data published as of %s', (asOf) => {
  it('shows nothing dated after the as-of date, and every institution through something it shows', async () => {
    const run = await runPipeline(loadSources('data'), asOf);
    const site = publish(run.data, asOf);
    expect(datesShown(site).filter(([, d]) => d > asOf)).toEqual([]);
    const penalised = new Set(site.penalties.map((p) => p.institutionId));
    const unseen = site.institutions.filter((i) => i.events.length === 0 && !penalised.has(i.id));
    expect(unseen.map((i) => i.name)).toEqual([]);
    // Every list an institution shows is one it has an entry on that the public can see.
    for (const i of site.institutions) {
      for (const l of i.lists)
        expect(
          i.events.some((e) => e.list === l),
          `${i.name} ${l}`,
        ).toBe(true);
    }
    // Each row is still accounted for.
    const t = run.report.totals;
    expect(t.published + t.merged + t.hidden + t.rejected).toBe(t.rows);
    // The pipeline already leaves later notices out, so publishing again changes nothing.
    expect(publish(site, asOf)).toEqual(site);
  });
});

const prov = (source: string, row: number) => ({ source, file: 'a.csv', row });

function event(
  id: string,
  list: ListEvent['list'],
  action: ListEvent['action'],
  date: string,
  published: string,
): ListEvent {
  return {
    id,
    institutionId: 'x',
    list,
    action,
    date,
    published,
    batch: null,
    reason: null,
    stage: 'final',
    provenance: prov('s', 1),
    details: null,
  };
}

function institution(
  events: ListEvent[],
  penaltyIds: string[] = [],
  inspectionIds: string[] = [],
): Institution {
  return {
    id: 'x',
    uscc: null,
    name: '某托育园',
    nameKey: '某托育园',
    otherNames: [],
    sector: 'childcare',
    region: '420112',
    address: null,
    capacity: null,
    serviceTypes: [],
    operator: null,
    fees: null,
    remarks: null,
    filed: null,
    coordinates: null,
    lists: ['备案', '普惠'],
    sameNameAs: [],
    status: 'listed',
    statusSince: null,
    activePenalties: penaltyIds.length,
    stopOrder: null,
    nature: null,
    proposed: [],
    latestPenalty: null,
    penaltyIds,
    inspectionIds,
    events,
    provenance: [prov('s', 1)],
  };
}

function penalty(id: string, decided: string, publicUntil: string): Penalty {
  return {
    id,
    documentNumber: id,
    institutionId: 'x',
    subjectName: '某托育园',
    subjectCategory: null,
    naturalPerson: false,
    uscc: null,
    region: '420112',
    sector: 'childcare',
    violationType: null,
    facts: null,
    basis: null,
    categories: ['罚款'],
    content: null,
    fineYuan: 5000,
    fineText: '5000',
    confiscatedYuan: 0,
    confiscatedText: null,
    decided,
    publicUntil,
    publicUntilDerived: false,
    authority: null,
    remarks: null,
    provenance: prov('p', 2),
    alsoIn: [],
  };
}

function inspection(id: string, date: string, institutionId: string | null): Inspection {
  return {
    id,
    institutionId,
    subjectName: '某托育园',
    uscc: null,
    region: '420112',
    sector: 'childcare',
    task: null,
    item: null,
    date,
    result: '合格',
    resultText: '合格',
    authority: null,
    provenance: prov('i', 3),
  };
}

const REGIONS: SiteData['regions'] = [
  { code: '420000', name: '湖北省', level: 'province', parent: null, fullName: '湖北省' },
  { code: '420100', name: '武汉市', level: 'city', parent: '420000', fullName: '湖北省武汉市' },
  { code: '420112', name: '东西湖区', level: 'county', parent: '420100', fullName: '湖北省武汉市东西湖区' },
  { code: '330203', name: '海曙区', level: 'county', parent: '330200', fullName: '浙江省宁波市海曙区' },
];

function data(
  asOf: string,
  inst: Institution[],
  penalties: Penalty[] = [],
  inspections: Inspection[] = [],
): SiteData {
  return { asOf, institutions: inst, penalties, inspections, sources: [], regions: REGIONS };
}

describe('publish', () => {
  it('leaves out an entry whose notice is published later, and decides lists and status without it', () => {
    const site = publish(
      data('2023-06-01', [
        institution([
          event('a', '备案', '列入', '2022-08-16', '2022-08-16'),
          event('b', '普惠', '列入', '2023-12-08', '2023-12-08'),
        ]),
      ]),
      '2023-06-01',
    );
    expect(site.institutions[0]?.events.map((e) => e.id)).toEqual(['a']);
    expect(site.institutions[0]?.lists).toEqual(['备案']);
    expect(site.institutions[0]?.status).toBe('listed');
  });

  it('does not publish an institution whose every entry is later', () => {
    const site = publish(
      data('2023-06-01', [institution([event('b', '备案', '列入', '2023-09-05', '2023-09-05')])]),
      '2023-06-01',
    );
    expect(site.institutions).toEqual([]);
    expect(site.regions).toEqual([]);
  });

  it('keeps a removal that has not yet taken effect out of the status', () => {
    const events = [
      event('a', '备案', '列入', '2022-08-16', '2022-08-16'),
      event('c', '备案', '注销', '2024-07-01', '2024-06-20'),
    ];
    expect(publish(data('2024-06-25', [institution(events)]), '2024-06-25').institutions[0]?.status).toBe(
      'listed',
    );
    expect(publish(data('2024-07-01', [institution(events)]), '2024-07-01').institutions[0]?.status).toBe(
      'removed',
    );
  });

  it('keeps a 黑名单 entry until its 移出 takes effect', () => {
    const events = [
      event('a', '备案', '列入', '2022-08-16', '2022-08-16'),
      event('k', '黑名单', '列入', '2024-03-01', '2024-03-05'),
      event('m', '黑名单', '移出', '2025-03-01', '2024-03-05'),
    ];
    const before = publish(data('2025-02-28', [institution(events)]), '2025-02-28').institutions[0];
    expect(before?.status).toBe('blacklisted');
    expect(before?.events.map((e) => e.id)).toEqual(['a', 'k']);
    expect(publish(data('2025-03-01', [institution(events)]), '2025-03-01').institutions[0]?.status).toBe(
      'listed',
    );
  });

  it('shows a penalty from its decision to the end of its window, and the status follows', () => {
    const inst = institution([event('a', '备案', '列入', '2022-08-16', '2022-08-16')], ['p1']);
    const p = penalty('p1', '2024-01-10', '2027-01-10');
    for (const [asOf, shown, status] of [
      ['2024-01-09', 0, 'listed'],
      ['2024-01-10', 1, 'sanctioned'],
      ['2027-01-10', 1, 'sanctioned'],
      ['2027-01-11', 0, 'listed'],
    ] as const) {
      const site = publish(data(asOf, [inst], [p]), asOf);
      expect(site.penalties.length, asOf).toBe(shown);
      expect(site.institutions[0]?.status, asOf).toBe(status);
      expect(site.institutions[0]?.penaltyIds.length, asOf).toBe(shown);
    }
  });

  it('keeps an inspection of an institution not yet on the register, unlinked, and drops a later one', () => {
    const later = institution([event('b', '备案', '列入', '2023-09-05', '2023-09-05')], [], ['i1']);
    const site = publish(
      data(
        '2023-06-01',
        [later],
        [],
        [inspection('i1', '2023-05-01', 'x'), inspection('i2', '2023-07-01', null)],
      ),
      '2023-06-01',
    );
    expect(site.inspections).toEqual([{ ...inspection('i1', '2023-05-01', 'x'), institutionId: null }]);
    expect(site.regions.map((r) => r.code)).toEqual(['420000', '420100', '420112']);
  });

  it('leaves out a source published later and everything that only it reports', () => {
    const src = (id: string, published: string) => ({
      id,
      kind: 'institutions' as const,
      sector: 'childcare' as const,
      list: '备案' as const,
      action: null,
      batch: null,
      publisher: '某局',
      title: '名单',
      documentNumber: null,
      published,
      url: null,
      retrieved: null,
      region: '420112',
      crs: 'wgs84' as const,
      files: ['a.csv'],
      counts: { rows: 1, published: 1, merged: 0, hidden: 0, rejected: 0 },
      hiddenByReason: {},
      problemsByCode: {},
    });
    const merged: SiteData = {
      ...data(
        '2024-01-01',
        [institution([event('a', '备案', '列入', '2022-08-16', '2022-08-16')], ['p1'])],
        [penalty('p1', '2023-05-01', '2026-05-01')],
        [inspection('i1', '2023-05-01', 'x')],
      ),
      sources: [src('s', '2022-08-16'), src('p', '2025-01-01'), src('i', '2023-06-01')],
    };
    const site = publish(merged, '2024-01-01');
    expect(site.sources.map((s) => s.id)).toEqual(['s', 'i']);
    expect(site.penalties).toEqual([]);
    expect(site.institutions[0]?.status).toBe('listed');
    expect(site.inspections.map((i) => i.id)).toEqual(['i1']);
  });
});

describe('statistics on the as-of date', () => {
  it('count only the penalties and list events the public can see, and no later year or births figure', () => {
    const inst = institution(
      [
        event('a', '备案', '列入', '2022-08-16', '2022-08-16'),
        // Dated before the as-of date, in a notice published after it.
        event('bl', '黑名单', '列入', '2023-01-10', '2023-09-01'),
        event('z', '备案', '注销', '2023-08-01', '2023-08-01'),
      ],
      ['seen', 'later', 'expired'],
    );
    const merged = data(
      '2023-06-01',
      [inst],
      [
        penalty('seen', '2023-03-01', '2026-03-01'),
        penalty('later', '2023-08-01', '2026-08-01'),
        penalty('expired', '2020-01-01', '2021-01-01'),
      ],
    );
    const site = buildSiteIndex(publish(merged, '2023-06-01'));
    const stats = nationalStatistics(site);
    expect(stats.years.map((y) => [y.year, y.penalties, y.blacklistings])).toEqual([['2023', 1, 0]]);
    expect(stats.total.fineYuan).toBe(5000);
    const births = birthsFigures(site.institutions, { 2022: 1000, 2023: 500, 2024: 400 }, site.asOf);
    // The 注销 of 2023-08-01 has not happened on 2023-06-01: the centre is still on the list.
    expect(births.map((b) => [b.year, b.institutions.childcare])).toEqual([
      ['2022', 1],
      ['2023', 1],
    ]);
    // Later, the same data counts the later decision and the 黑名单 entry, and the removal.
    const after = buildSiteIndex(publish(merged, '2023-12-31'));
    expect(nationalStatistics(after).years.map((y) => [y.year, y.penalties, y.blacklistings])).toEqual([
      ['2023', 2, 1],
    ]);
    expect(birthsFigures(after.institutions, { 2023: 500 }, after.asOf)[0]?.institutions.childcare).toBe(0);
  });
});
