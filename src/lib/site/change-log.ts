/**
 * What changed for each institution from one notice to the next, built from the same list events the list-history
 * download holds (so both say the same) and the visible penalties: listed, re-listed after a removal, details changed
 * (name, address, places) between two notices, removed (注销 / 撤销), black-listed and taken off the black list,
 * penalised. Entries are dated by the notices; nothing dated after the as-of date appears.
 *
 * A penalty whose publicity window has ended is not an entry: once the window ends the decision may no longer be
 * published (SAMR Order 45), and the register does not keep it.
 */
import type { Institution, ListName, Provenance, SiteData } from '../domain/schemas.ts';
import { matchKey } from '../ingest/normalise-text.ts';
import { type EventRecord, listEvents } from './export.ts';
import { formatYuan } from './format.ts';
import { LIST_LABEL } from './labels.ts';

export const CHANGE_KINDS = [
  'listed',
  'relisted',
  'details',
  'removed',
  'blacklisted',
  'unblacklisted',
  'penalty',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_KIND_LABEL: Readonly<Record<ChangeKind, string>> = {
  listed: '列入名单',
  relisted: '重新列入',
  details: '信息变更',
  removed: '移出名单',
  blacklisted: '列入黑名单',
  unblacklisted: '移出黑名单',
  penalty: '行政处罚',
};

export interface DetailChange {
  field: 'name' | 'address' | 'capacity';
  label: string;
  from: string;
  to: string;
}

export interface Change {
  /** Stable: the list event's id (with `-details` for a details change) or the penalty's id. */
  id: string;
  kind: ChangeKind;
  institutionId: string;
  /** The institution's current display name. */
  institutionName: string;
  region: string;
  /** When the change took effect: the date the notice gives, else the notice's date; a penalty's decision date. */
  date: string;
  /** The date of the notice that made it known. */
  published: string;
  list: ListName | null;
  /** One line in Chinese. */
  summary: string;
  details: DetailChange[];
  /** The list-history record this entry comes from (null for a penalty). */
  eventId: string | null;
  penaltyId: string | null;
  provenance: Provenance;
}

const DETAIL_LABEL: Readonly<Record<DetailChange['field'], string>> = {
  name: '名称',
  address: '地址',
  capacity: '托位数',
};

type Details = NonNullable<EventRecord['details']>;

/** Published forms that differ only in spaces, width or script are the same name or address. */
function same(a: string, b: string): boolean {
  return matchKey(a) === matchKey(b);
}

function detailChanges(prev: Details, next: Details): DetailChange[] {
  const out: DetailChange[] = [];
  if (!same(prev.name, next.name))
    out.push({ field: 'name', label: DETAIL_LABEL.name, from: prev.name, to: next.name });
  // A notice that leaves a column out says nothing about it: only two published values are compared.
  if (prev.address !== null && next.address !== null && !same(prev.address, next.address))
    out.push({ field: 'address', label: DETAIL_LABEL.address, from: prev.address, to: next.address });
  if (prev.capacity !== null && next.capacity !== null && prev.capacity !== next.capacity)
    out.push({
      field: 'capacity',
      label: DETAIL_LABEL.capacity,
      from: String(prev.capacity),
      to: String(next.capacity),
    });
  return out;
}

function eventDate(e: EventRecord): string {
  return e.date ?? e.published;
}

/** The order events happened in: by date, then by notice, then by id (as the merge orders them). */
function chronological(a: EventRecord, b: EventRecord): number {
  return cmp(eventDate(a), eventDate(b)) || cmp(a.published, b.published) || cmp(a.id, b.id);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function batchText(batch: number | null): string {
  return batch === null ? '' : `（第 ${batch} 批）`;
}

function eventChanges(events: EventRecord[], inst: Institution): Change[] {
  const out: Change[] = [];
  const seen = new Set<ListName>();
  const on = new Set<ListName>();
  let last: Details | null = null;
  const base = (e: EventRecord) => ({
    institutionId: inst.id,
    institutionName: inst.name,
    region: inst.region,
    date: eventDate(e),
    published: e.published,
    list: e.list,
    details: [] as DetailChange[],
    eventId: e.id,
    penaltyId: null,
    provenance: e.provenance,
  });
  for (const e of [...events].sort(chronological)) {
    const list = LIST_LABEL[e.list];
    if (e.list === '黑名单') {
      const listed = e.action === '列入';
      out.push({
        ...base(e),
        id: e.id,
        kind: listed ? 'blacklisted' : 'unblacklisted',
        summary: `${listed ? '列入' : '移出'}黑名单${e.reason ? `：${e.reason}` : ''}`,
      });
      continue;
    }
    if (e.action === '列入') {
      if (!seen.has(e.list)) {
        out.push({ ...base(e), id: e.id, kind: 'listed', summary: `列入${list}${batchText(e.batch)}` });
      } else if (!on.has(e.list)) {
        out.push({ ...base(e), id: e.id, kind: 'relisted', summary: `重新列入${list}${batchText(e.batch)}` });
      }
      seen.add(e.list);
      on.add(e.list);
    } else {
      const reason = e.reason ? `：${e.reason}` : '';
      out.push({ ...base(e), id: e.id, kind: 'removed', summary: `${e.action}，移出${list}${reason}` });
      on.delete(e.list);
    }
    if (e.details) {
      const changed = last ? detailChanges(last, e.details) : [];
      if (changed.length > 0) {
        const summary = changed.map((c) => `${c.label}由“${c.from}”改为“${c.to}”`).join('；');
        out.push({ ...base(e), id: `${e.id}-details`, kind: 'details', details: changed, summary });
      }
      last = e.details;
    }
  }
  return out;
}

/** Newest first; ties by institution and id, so that the order never depends on how the data was read. */
function newestFirst(a: Change, b: Change): number {
  return (
    cmp(b.date, a.date) ||
    cmp(b.published, a.published) ||
    cmp(a.institutionId, b.institutionId) ||
    cmp(a.id, b.id)
  );
}

export interface ChangeLog {
  /** Every change, newest first. */
  all: Change[];
  byInstitution: Map<string, Change[]>;
  /** How many changes of each kind, in CHANGE_KINDS order, kinds with none left out. */
  counts: { kind: ChangeKind; count: number }[];
}

const cache = new WeakMap<SiteData, ChangeLog>();

export function changeLog(data: SiteData): ChangeLog {
  const hit = cache.get(data);
  if (hit) return hit;
  const institutions = new Map(data.institutions.map((i) => [i.id, i]));
  const sourceDates = new Map(data.sources.map((s) => [s.id, s.published]));
  const eventsOf = Map.groupBy(listEvents(data), (e) => e.institutionId);
  const all: Change[] = [];
  for (const [id, events] of eventsOf) {
    const inst = institutions.get(id);
    if (inst) all.push(...eventChanges(events, inst));
  }
  for (const p of data.penalties) {
    const inst = p.institutionId === null ? undefined : institutions.get(p.institutionId);
    if (!inst || p.decided > data.asOf) continue;
    const fine = p.fineYuan > 0 ? `（罚款 ${formatYuan(p.fineYuan)}）` : '';
    all.push({
      id: p.id,
      kind: 'penalty',
      institutionId: inst.id,
      institutionName: inst.name,
      region: inst.region,
      date: p.decided,
      published: sourceDates.get(p.provenance.source) ?? p.decided,
      list: null,
      summary: `行政处罚 ${p.documentNumber}：${p.categories.join('、') || '处罚'}${fine}，公示至 ${p.publicUntil}`,
      details: [],
      eventId: null,
      penaltyId: p.id,
      provenance: p.provenance,
    });
  }
  all.sort(newestFirst);
  const byInstitution = Map.groupBy(all, (c) => c.institutionId);
  const tally = Map.groupBy(all, (c) => c.kind);
  const counts = CHANGE_KINDS.map((kind) => ({ kind, count: tally.get(kind)?.length ?? 0 })).filter(
    (c) => c.count > 0,
  );
  const log = { all, byInstitution, counts };
  cache.set(data, log);
  return log;
}

/** One institution's changes, newest first. */
export function institutionChanges(data: SiteData, id: string): Change[] {
  return changeLog(data).byInstitution.get(id) ?? [];
}
