/** What an institution page shows, derived from one institution and the index. Pure. */

import { eventDate } from '../domain/rules/visibility.ts';
import type {
  Inspection,
  Institution,
  ListEvent,
  ListName,
  Penalty,
  Provenance,
  SourceInfo,
} from '../domain/schemas.ts';

export interface ListEntry {
  list: ListName;
  /** The 列入 events that put it there (one per batch), oldest first. */
  entries: ListEvent[];
  /** true when the institution is on this list as of the as-of date. */
  current: boolean;
}

/** Lists the institution has been on, current ones first, each with the batches and notices that listed it. */
export function listEntries(inst: Institution): ListEntry[] {
  const by = new Map<ListName, ListEvent[]>();
  for (const e of inst.events) {
    if (e.action !== '列入') continue;
    const arr = by.get(e.list);
    if (arr) arr.push(e);
    else by.set(e.list, [e]);
  }
  for (const l of inst.lists) if (!by.has(l)) by.set(l, []);
  const out: ListEntry[] = [...by.entries()].map(([list, entries]) => ({
    list,
    entries: [...entries].sort(compareEventsOldest),
    current: isCurrent(inst, list),
  }));
  return out.sort((a, b) => Number(b.current) - Number(a.current));
}

/**
 * On the list as of the as-of date. 黑名单 is never in `inst.lists`: the merge decides it into the status, so the
 * status is the one answer. Another list is left by a later 注销/撤销 of that list.
 */
function isCurrent(inst: Institution, list: ListName): boolean {
  if (list === '黑名单') return inst.status === 'blacklisted';
  if (!inst.lists.includes(list)) return false;
  const last = [...inst.events]
    .filter((e) => e.list === list)
    .sort(compareEventsOldest)
    .at(-1);
  return !(last && (last.action === '注销' || last.action === '撤销'));
}

export function compareEventsOldest(a: ListEvent, b: ListEvent): number {
  const da = eventDate(a);
  const db = eventDate(b);
  if (da !== db) return da < db ? -1 : 1;
  if (a.published !== b.published) return a.published < b.published ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The institution's list history, oldest first. */
export function history(inst: Institution): ListEvent[] {
  return [...inst.events].sort(compareEventsOldest);
}

export type TimelineItem =
  | { kind: 'penalty'; date: string; penalty: Penalty }
  | { kind: 'inspection'; date: string; inspection: Inspection };

/** Penalties and inspections together, newest first. */
export function enforcementTimeline(
  penalties: readonly Penalty[],
  inspections: readonly Inspection[],
): TimelineItem[] {
  const items: TimelineItem[] = [
    ...penalties.map((penalty) => ({ kind: 'penalty' as const, date: penalty.decided, penalty })),
    ...inspections.map((inspection) => ({ kind: 'inspection' as const, date: inspection.date, inspection })),
  ];
  return items.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.kind < b.kind ? 1 : -1));
}

export type FactKind = '名单' | '名单变动' | '行政处罚' | '抽查结果';

export interface SourceCitation {
  source: SourceInfo;
  /** Rows of this source the page's facts came from, in file and row order. */
  rows: { file: string; row: number; facts: FactKind[] }[];
}

/**
 * Every source row behind the page, grouped by source: the institution's own rows, its list events, and the
 * penalties and inspections shown. Sources are ordered by publication date, newest first.
 */
export function citations(
  inst: Institution,
  penalties: readonly Penalty[],
  inspections: readonly Inspection[],
  sourceById: ReadonlyMap<string, SourceInfo>,
): SourceCitation[] {
  const rows = new Map<string, Map<string, { file: string; row: number; facts: Set<FactKind> }>>();
  const add = (p: Provenance, fact: FactKind) => {
    let bySource = rows.get(p.source);
    if (!bySource) {
      bySource = new Map();
      rows.set(p.source, bySource);
    }
    const key = `${p.file}\u0000${p.row}`;
    const r = bySource.get(key) ?? { file: p.file, row: p.row, facts: new Set<FactKind>() };
    r.facts.add(fact);
    bySource.set(key, r);
  };
  for (const p of inst.provenance) {
    const kind = sourceById.get(p.source)?.kind;
    add(
      p,
      kind === 'penalties'
        ? '行政处罚'
        : kind === 'inspections'
          ? '抽查结果'
          : kind === 'list-actions'
            ? '名单变动'
            : '名单',
    );
  }
  for (const e of inst.events)
    add(
      e.provenance,
      e.action === '列入' && sourceById.get(e.provenance.source)?.kind === 'institutions'
        ? '名单'
        : '名单变动',
    );
  for (const p of penalties) for (const prov of [p.provenance, ...p.alsoIn]) add(prov, '行政处罚');
  for (const i of inspections) add(i.provenance, '抽查结果');

  const out: SourceCitation[] = [];
  for (const [id, bySource] of rows) {
    const source = sourceById.get(id);
    if (!source) continue;
    out.push({
      source,
      rows: [...bySource.values()]
        .sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.row - b.row))
        .map((r) => ({ file: r.file, row: r.row, facts: [...r.facts].sort() })),
    });
  }
  return out.sort((a, b) =>
    a.source.published !== b.source.published
      ? a.source.published < b.source.published
        ? 1
        : -1
      : a.source.id < b.source.id
        ? -1
        : 1,
  );
}
