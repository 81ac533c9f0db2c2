/**
 * What changed for each institution from one notice to the next, built from the same list events the list-history
 * download holds (so both say the same) and the visible penalties: proposed and confirmed, listed, re-listed after a removal, details changed
 * (name, address, places) between two notices, removed (注销 / 撤销), black-listed and taken off the black list,
 * penalised. Entries are dated by the notices; nothing dated after the as-of date appears.
 *
 * A list published for comment (stage `proposed`, 拟认定) is said as such, and the final list that follows as the
 * confirmation.
 *
 * A penalty whose publicity window has ended is not an entry: once the window ends the decision may no longer be
 * published (SAMR Order 45), and the register does not keep it.
 */
import { compareChangesNewest } from '../domain/rules/order.ts';
import { compareEventsOldest } from '../domain/rules/status.ts';
import { eventDate } from '../domain/rules/visibility.ts';
import type { Institution, ListName, Provenance, SiteData } from '../domain/schemas.ts';
import { matchKey } from '../ingest/normalise-text.ts';
import { formatYuan } from './format.ts';
import { LIST_LABEL } from './labels.ts';
import { type EventRecord, listEvents } from './list-events.ts';

export const CHANGE_KINDS = [
  'proposed',
  'confirmed',
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
  proposed: '拟列入（公示）',
  confirmed: '正式列入',
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

function batchText(batch: number | null): string {
  return batch === null ? '' : `（第 ${batch} 批）`;
}

function eventChanges(events: EventRecord[], inst: Institution): Change[] {
  const out: Change[] = [];
  const seen = new Set<ListName>();
  const on = new Set<ListName>();
  const proposed = new Set<ListName>();
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
  for (const e of [...events].sort(compareEventsOldest)) {
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
    if (e.action === '列入' && e.stage === 'proposed') {
      // A list published for comment: not on the list yet, and said once however often it is published.
      if (!on.has(e.list) && !proposed.has(e.list))
        out.push({
          ...base(e),
          id: e.id,
          kind: 'proposed',
          summary: `拟列入${list}${batchText(e.batch)}，公示征求意见`,
        });
      proposed.add(e.list);
    } else if (e.action === '列入') {
      if (proposed.has(e.list) && !on.has(e.list)) {
        out.push({
          ...base(e),
          id: e.id,
          kind: 'confirmed',
          summary: `正式列入${list}${batchText(e.batch)}（此前公示为拟列入）`,
        });
      } else if (!seen.has(e.list)) {
        out.push({ ...base(e), id: e.id, kind: 'listed', summary: `列入${list}${batchText(e.batch)}` });
      } else if (!on.has(e.list)) {
        out.push({ ...base(e), id: e.id, kind: 'relisted', summary: `重新列入${list}${batchText(e.batch)}` });
      }
      seen.add(e.list);
      on.add(e.list);
      proposed.delete(e.list);
    } else {
      const reason = e.reason ? `：${e.reason}` : '';
      out.push({ ...base(e), id: e.id, kind: 'removed', summary: `${e.action}，移出${list}${reason}` });
      on.delete(e.list);
      proposed.delete(e.list);
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
export interface ChangeLog {
  /** Every change, newest first. */
  all: Change[];
  byInstitution: Map<string, Change[]>;
  /** How many changes of each kind, in CHANGE_KINDS order, kinds with none left out. */
  counts: { kind: ChangeKind; count: number }[];
}

/** The change log of the published data; the site model keeps it (model.ts), built from its list events. */
export function changeLog(data: SiteData, events: readonly EventRecord[] = listEvents(data)): ChangeLog {
  const institutions = new Map(data.institutions.map((i) => [i.id, i]));
  const sourceDates = new Map(data.sources.map((s) => [s.id, s.published]));
  const eventsOf = Map.groupBy(events, (e) => e.institutionId);
  const all: Change[] = [];
  for (const [id, events] of eventsOf) {
    const inst = institutions.get(id);
    if (inst) all.push(...eventChanges(events, inst));
  }
  for (const p of data.penalties) {
    const inst = p.institutionId === null ? undefined : institutions.get(p.institutionId);
    if (!inst) continue;
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
  all.sort(compareChangesNewest);
  const byInstitution = Map.groupBy(all, (c) => c.institutionId);
  const tally = Map.groupBy(all, (c) => c.kind);
  const counts = CHANGE_KINDS.map((kind) => ({ kind, count: tally.get(kind)?.length ?? 0 })).filter(
    (c) => c.count > 0,
  );
  return { all, byInstitution, counts };
}
