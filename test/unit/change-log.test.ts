/**
 * The change log of one institution over a run of notices: each kind of change appears once where it happened,
 * a repeated listing with the same details is not a change, a difference of spaces in the name is not a change,
 * and nothing dated after the as-of date appears.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { publish } from '../../src/lib/domain/rules/publish.ts';
import { type ListEvent, type SiteData, SiteDataSchema } from '../../src/lib/domain/schemas.ts';
import { changeLog } from '../../src/lib/site/change-log.ts';

const fixture = SiteDataSchema.parse(JSON.parse(readFileSync('test/fixtures/site-data.json', 'utf8')));

function event(
  id: string,
  list: ListEvent['list'],
  action: ListEvent['action'],
  published: string,
  details: ListEvent['details'] = null,
  stage: ListEvent['stage'] = 'final',
): ListEvent {
  const inst = fixture.institutions[0];
  return {
    id,
    institutionId: inst?.id ?? '',
    list,
    action,
    date: null,
    published,
    batch: null,
    reason: null,
    stage,
    provenance: { source: 's', file: 'f.csv', row: 2 },
    details,
  };
}

function withEvents(events: ListEvent[]): SiteData {
  const [first, ...rest] = fixture.institutions;
  if (!first) throw new Error('fixture has no institution');
  // Pages read the register as published on the as-of date: the change log is built from what leaves publish().
  return publish({ ...fixture, institutions: [{ ...first, events }, ...rest] }, fixture.asOf);
}

const A = { name: '武汉市示例托育中心', address: '一路 1 号', capacity: 60 };

describe('change log of one institution', () => {
  const data = withEvents([
    event('e1', '备案', '列入', '2022-01-10', A),
    event('e2', '备案', '列入', '2022-06-10', { ...A, name: '武汉市 示例托育 中心' }),
    event('e3', '备案', '列入', '2023-01-10', { ...A, capacity: 80, address: null }),
    event('e4', '备案', '注销', '2023-06-10', { ...A, capacity: 80 }),
    event('e5', '备案', '列入', '2024-01-10', { ...A, name: '武汉市示例托育有限公司', capacity: 80 }),
    event('e6', '普惠', '列入', '2024-02-10', { ...A, name: '武汉市示例托育有限公司', capacity: 80 }),
    event('e7', '黑名单', '列入', '2024-03-10'),
    event('e8', '黑名单', '移出', '2025-03-10'),
    event('e10', '示范', '列入', '2025-04-01', null, 'proposed'),
    event('e11', '示范', '列入', '2025-04-20', null, 'proposed'),
    event('e12', '示范', '列入', '2025-05-10'),
    event('e9', '备案', '注销', '2027-01-01', A),
  ]);
  const id = fixture.institutions[0]?.id ?? '';
  const changes = (changeLog(data).byInstitution.get(id) ?? []).filter((c) => c.kind !== 'penalty');

  it('says what happened, newest first', () => {
    expect(changes.map((c) => [c.id, c.kind])).toEqual([
      ['e12', 'confirmed'],
      ['e10', 'proposed'],
      ['e8', 'unblacklisted'],
      ['e7', 'blacklisted'],
      ['e6', 'listed'],
      ['e5', 'relisted'],
      ['e5-details', 'details'],
      ['e4', 'removed'],
      ['e3-details', 'details'],
      ['e1', 'listed'],
    ]);
  });

  it('names the fields that changed, with both values', () => {
    expect(changes.find((c) => c.id === 'e3-details')?.details).toEqual([
      { field: 'capacity', label: '托位数', from: '60', to: '80' },
    ]);
    expect(changes.find((c) => c.id === 'e5-details')?.details.map((d) => d.field)).toEqual(['name']);
  });

  it('leaves out what is dated after the as-of date', () => {
    expect(changes.some((c) => c.id === 'e9')).toBe(false);
  });

  it('lists visible penalties of the institution', () => {
    const penalties = (changeLog(data).byInstitution.get(id) ?? []).filter((c) => c.kind === 'penalty');
    expect(penalties.map((c) => c.penaltyId)).toEqual(fixture.institutions[0]?.penaltyIds);
  });
});

it('the site-wide log holds every institution log, newest first', () => {
  const log = changeLog(fixture);
  const dates = log.all.map((c) => c.date);
  expect(dates).toEqual([...dates].sort().reverse());
  expect([...log.byInstitution.values()].flat()).toHaveLength(log.all.length);
  expect(log.counts.reduce((n, c) => n + c.count, 0)).toBe(log.all.length);
});
