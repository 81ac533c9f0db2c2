/**
 * Merges accepted rows of every source into institutions with their history, penalties and inspections, and
 * decides each institution's status as of a date. Pure and order-independent: ids come from USCCs or from a hash
 * of the matching name and region, never from positions, so they survive reordering and new sources.
 */

import { createHash } from 'node:crypto';
import { type CarriedText, carriedFields } from '../domain/fields.ts';
import { findStopOrder } from '../domain/find-stop-order.ts';
import { comparePenaltiesNewest } from '../domain/rules/order.ts';
import type { ProblemCode } from '../domain/rules/problems.ts';
import { isWithinRegion, regionLevel } from '../domain/rules/regions.ts';
import { compareEventsOldest, decideStatus } from '../domain/rules/status.ts';
import { isEventVisible } from '../domain/rules/visibility.ts';
import type {
  HiddenReason,
  Inspection,
  Institution,
  ListEvent,
  ListName,
  Manifest,
  Penalty,
  Provenance,
  Sector,
  SourceKind,
} from '../domain/schemas.ts';
import { LISTS } from '../domain/schemas.ts';
import { hiddenReason, publicityWindow } from './decide-visibility.ts';
import type { InspectionRow, InstitutionRow, ListActionRow, PenaltyRow } from './normalise-row.ts';
import { displayName } from './normalise-text.ts';
import { regionInfo } from './resolve-region.ts';

export interface SourceRows {
  id: string;
  manifest: Manifest;
  institutions: InstitutionRow[];
  listActions: ListActionRow[];
  penalties: PenaltyRow[];
  inspections: InspectionRow[];
}

export type PenaltyOutcome =
  | { outcome: 'published'; prov: Provenance }
  | { outcome: 'merged'; prov: Provenance; into: Provenance }
  | {
      outcome: 'hidden';
      prov: Provenance;
      reason: HiddenReason;
      /** For an expired decision: the last day of its publicity window, and whether that day was derived. */
      window?: { until: string; derived: boolean };
    };

/** A finding that only merging can make (it spans rows, files or sources). */
export interface MergeProblem {
  prov: Provenance;
  field: string;
  code: ProblemCode;
  message: string;
}

export interface MergeResult {
  institutions: Institution[];
  penalties: Penalty[];
  inspections: Inspection[];
  penaltyOutcomes: PenaltyOutcome[];
  problems: MergeProblem[];
}

export function shortHash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 12);
}

/** Sources in publication order; ties broken by id so that the order never depends on the file system. */
export function sourceOrder(
  a: { id: string; manifest: Manifest },
  b: { id: string; manifest: Manifest },
): number {
  if (a.manifest.published !== b.manifest.published)
    return a.manifest.published < b.manifest.published ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

interface Entity {
  id: string;
  uscc: string | null;
  rows: Array<{ row: InstitutionRow; manifest: Manifest }>;
  names: Array<{ name: string; nameKey: string; region: string; sector: Sector }>;
  events: ListEvent[];
  penalties: Penalty[];
  inspections: Inspection[];
  /** Institutions an uncoded black-list entry could equally mean (see step 2 of the merge). */
  sameNameAs: string[];
}

class Registry {
  readonly entities = new Map<string, Entity>();
  private readonly byName = new Map<string, Set<Entity>>();

  private create(id: string, uscc: string | null): Entity {
    let e = this.entities.get(id);
    if (!e) {
      e = { id, uscc, rows: [], names: [], events: [], penalties: [], inspections: [], sameNameAs: [] };
      this.entities.set(id, e);
    }
    return e;
  }

  private index(e: Entity, nameKey: string, region: string) {
    const k = `${nameKey}@${region}`;
    let set = this.byName.get(k);
    if (!set) {
      set = new Set();
      this.byName.set(k, set);
    }
    set.add(e);
  }

  note(e: Entity, name: string, nameKey: string, region: string, sector: Sector) {
    e.names.push({ name, nameKey, region, sector });
    this.index(e, nameKey, region);
  }

  byUscc(uscc: string): Entity | undefined {
    return this.entities.get(uscc.toLowerCase());
  }

  ensureUscc(uscc: string): Entity {
    return this.create(uscc.toLowerCase(), uscc);
  }

  ensureName(nameKey: string, region: string): Entity {
    return this.create(`n${shortHash(`${nameKey}@${region}`)}`, null);
  }

  /**
   * The one institution with this name in this region; for a city- or province-level region, the one among the
   * institutions inside it. Ambiguous matches link nothing.
   */
  findByName(nameKey: string, region: string): Entity | undefined {
    const found = this.allByName(nameKey, region);
    return found.length === 1 ? found[0] : undefined;
  }

  /** Every institution this name could mean in this region: more than one is an ambiguous match. */
  allByName(nameKey: string, region: string): Entity[] {
    const exact = this.byName.get(`${nameKey}@${region}`);
    if (exact && exact.size > 0) return [...exact];
    if (regionLevel(region) !== 'county') {
      const found = new Set<Entity>();
      for (const e of this.entitiesNamed(nameKey)) {
        if (e.names.some((n) => n.nameKey === nameKey && isWithinRegion(n.region, region))) found.add(e);
      }
      return [...found];
    }
    return [];
  }

  private nameIndex: Map<string, Entity[]> | null = null;
  private entitiesNamed(nameKey: string): Entity[] {
    if (!this.nameIndex) {
      this.nameIndex = new Map();
      for (const e of this.entities.values()) {
        for (const key of new Set(e.names.map((n) => n.nameKey))) {
          const list = this.nameIndex.get(key) ?? [];
          list.push(e);
          this.nameIndex.set(key, list);
        }
      }
    }
    return this.nameIndex.get(nameKey) ?? [];
  }

  /** Call after adding entities so that name lookups see them. */
  invalidate() {
    this.nameIndex = null;
  }
}

export function mergeSources(input: SourceRows[], asOf: string): MergeResult {
  const sources = [...input].sort(sourceOrder);
  const reg = new Registry();

  // 1. Institution lists: coded rows first, so that uncoded rows can join a coded institution by name.
  const instRows = sources.flatMap((s) => s.institutions.map((row) => ({ row, manifest: s.manifest })));
  for (const pass of [true, false]) {
    for (const item of instRows) {
      const { row, manifest } = item;
      if (Boolean(row.uscc) !== pass) continue;
      // An institution published under two names (机构登记名称 and 机构收托名称) joins on either.
      const e = row.uscc
        ? reg.ensureUscc(row.uscc)
        : (reg.findByName(row.nameKey, row.region) ??
          (row.otherNameKey ? reg.findByName(row.otherNameKey, row.region) : undefined) ??
          reg.ensureName(row.nameKey, row.region));
      e.rows.push(item);
      reg.note(e, row.name, row.nameKey, row.region, manifest.sector);
      if (row.otherName && row.otherNameKey)
        reg.note(e, row.otherName, row.otherNameKey, row.region, manifest.sector);
      const proposed = row.stage === 'proposed' && row.action === '列入';
      e.events.push(
        listEvent(
          e.id,
          manifest,
          proposed ? '拟列入' : row.action,
          row.action === '列入' ? manifest.published : (row.actionDate ?? manifest.published),
          row.reason,
          row.prov,
          { name: row.name, address: row.address, capacity: row.capacity },
          row.list ?? undefined,
        ),
      );
    }
    reg.invalidate();
  }

  // 2. List actions (黑名单 列入/移出): an institution on no list still gets its entry. An entry without a code whose
  // name fits several institutions is linked to none of them: black-listing the wrong one is the worst mistake a
  // register can make. It gets an entry of its own that names the institutions it could mean, and the agency is told.
  const problems: MergeProblem[] = [];
  for (const s of sources) {
    for (const row of s.listActions) {
      const candidates = row.uscc ? [] : reg.allByName(row.nameKey, row.region);
      const e =
        candidates.length > 1
          ? reg.ensureName(row.nameKey, row.region)
          : linkOrCreate(reg, row.uscc, row.nameKey, row.region);
      if (candidates.length > 1) {
        problems.push(ambiguous(row.name, row.region, row.prov, candidates, '名单记录'));
        for (const c of candidates) if (c !== e && !e.sameNameAs.includes(c.id)) e.sameNameAs.push(c.id);
      }
      reg.note(e, row.name, row.nameKey, row.region, s.manifest.sector);
      for (const ev of row.events) {
        e.events.push(
          listEvent(e.id, s.manifest, ev.action, ev.date ?? s.manifest.published, ev.reason, row.prov),
        );
      }
    }
  }
  reg.invalidate();

  // 3. Penalties: one decision per 文号; a withdrawal anywhere withdraws it everywhere.
  const groups = new Map<string, Array<{ row: PenaltyRow; manifest: Manifest }>>();
  for (const s of sources) {
    for (const row of s.penalties) {
      const g = groups.get(row.docKey) ?? [];
      g.push({ row, manifest: s.manifest });
      groups.set(row.docKey, g);
    }
  }
  const penaltyOutcomes: PenaltyOutcome[] = [];
  const penalties: Penalty[] = [];
  const decisions: Array<{ id: string; group: Array<{ row: PenaltyRow; manifest: Manifest }> }> = [];
  for (const [docKey, rows] of groups) {
    // The same 文号 for another party is not the same decision published twice (a typo, or one decision naming
    // several parties): each party keeps its own penalty, so none disappears into another's.
    const clusters: Array<typeof rows> = [];
    for (const g of rows) {
      const c = clusters.find((c) => c[0] && sameSubject(c[0].row, g.row));
      if (c) {
        c.push(g);
        continue;
      }
      const earlier = clusters[0]?.[0]?.row;
      if (earlier) {
        const at = `${earlier.prov.source} · ${earlier.prov.file}:${earlier.prov.row}`;
        problems.push({
          prov: g.row.prov,
          field: 'documentNumber',
          code: 'document-number-conflict',
          message: `行政处罚决定书文号“${g.row.documentNumber}”与 ${at} 相同，但行政相对人不同（“${earlier.subjectName}”与“${g.row.subjectName}”），按两件处罚分别发布`,
        });
      }
      clusters.push([g]);
    }
    clusters.forEach((group, i) => {
      const subject = group[0]?.row;
      if (!subject) return;
      decisions.push({ id: `p${shortHash(i === 0 ? docKey : `${docKey}|${subjectKey(subject)}`)}`, group });
    });
  }
  for (const { id, group } of decisions) {
    const first = group[0];
    if (!first) continue;
    const withdrawn = group.some((g) => g.row.withdrawn);
    const corrected = applyCorrections(group);
    problems.push(...corrected.problems);
    const primary = corrected.row;
    const reason = hiddenReason({ ...primary, withdrawn }, asOf);
    if (reason) {
      const window = reason === 'expired' ? publicityWindow(primary) : undefined;
      for (const g of group)
        penaltyOutcomes.push({ outcome: 'hidden', prov: g.row.prov, reason, ...(window ? { window } : {}) });
      continue;
    }
    penaltyOutcomes.push({ outcome: 'published', prov: primary.prov });
    for (const g of group.slice(1))
      penaltyOutcomes.push({ outcome: 'merged', prov: g.row.prov, into: primary.prov });
    let entity: Entity | undefined;
    const candidates =
      !primary.naturalPerson && primary.nameKey && !primary.uscc
        ? reg.allByName(primary.nameKey, primary.region)
        : [];
    if (candidates.length > 1) {
      // Two institutions of this name in the area: linking either could sanction the wrong one, and a third made up
      // for the penalty would be a duplicate. The penalty is published unlinked, and the agency told.
      problems.push(ambiguous(primary.subjectName, primary.region, primary.prov, candidates, '处罚'));
    } else if (!primary.naturalPerson && primary.nameKey) {
      const link = findLink(reg, primary.uscc, primary.nameKey, primary.region);
      if (link) {
        const outside = outsideRegion(link, primary, first.manifest);
        if (outside) problems.push(outside);
      }
      entity = link?.entity ?? create(reg, primary.uscc, primary.nameKey, primary.region);
      if (!entity.names.length || !entity.rows.length) {
        reg.note(entity, primary.subjectName, primary.nameKey, primary.region, first.manifest.sector);
      }
    }
    const window = publicityWindow(primary);
    const p: Penalty = {
      id,
      documentNumber: primary.documentNumber,
      institutionId: entity?.id ?? null,
      subjectName: displayName(primary.subjectName),
      subjectCategory: primary.subjectCategory,
      naturalPerson: primary.naturalPerson,
      uscc: primary.uscc,
      region: entity ? (regionOf(entity) ?? primary.region) : primary.region,
      sector: first.manifest.sector,
      categories: primary.categories,
      content: primary.content,
      fineYuan: primary.fineYuan,
      fineText: primary.fineText,
      confiscatedYuan: primary.confiscatedYuan,
      confiscatedText: primary.confiscatedText,
      decided: primary.decided,
      publicUntil: window.until,
      publicUntilDerived: window.derived,
      ...pickCarried(primary, 'penalties'),
      provenance: primary.prov,
      alsoIn: group.slice(1).map((g) => g.row.prov),
      ...(corrected.text ? { correction: corrected.text } : {}),
    };
    penalties.push(p);
    entity?.penalties.push(p);
  }
  reg.invalidate();

  // 4. Inspections link to known institutions only; an unmatched one is still published, unlinked.
  const inspections: Inspection[] = [];
  for (const s of sources) {
    for (const row of s.inspections) {
      const found = (row.uscc ? reg.byUscc(row.uscc) : undefined) ?? reg.findByName(row.nameKey, row.region);
      const i: Inspection = {
        id: `i${shortHash(`${row.prov.source}|${row.prov.file}|${row.prov.row}`)}`,
        institutionId: found?.id ?? null,
        subjectName: row.subjectName,
        uscc: row.uscc,
        region: found ? (regionOf(found) ?? row.region) : row.region,
        sector: s.manifest.sector,
        date: row.date,
        result: row.result,
        resultText: row.resultText,
        ...pickCarried(row, 'inspections'),
        provenance: row.prov,
      };
      inspections.push(i);
      found?.inspections.push(i);
    }
  }

  for (const e of reg.entities.values()) problems.push(...sameDayRemovals(e));
  const institutions = [...reg.entities.values()].map((e) => toInstitution(e, asOf)).sort(byId);
  penalties.sort(comparePenaltiesNewest);
  inspections.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : byId(a, b)));
  return { institutions, penalties, inspections, penaltyOutcomes, problems };
}

/** Whether two rows with one 文号 name the same party: by code where both have one, else by name. */
function sameSubject(a: PenaltyRow, b: PenaltyRow): boolean {
  if (a.uscc && b.uscc) return a.uscc === b.uscc;
  if (a.naturalPerson || b.naturalPerson)
    return a.naturalPerson === b.naturalPerson && a.subjectName === b.subjectName;
  return a.nameKey === b.nameKey;
}

function subjectKey(p: PenaltyRow): string {
  return p.uscc?.toLowerCase() ?? p.nameKey ?? `person:${p.subjectName}`;
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

interface Link {
  entity: Entity;
  by: 'uscc' | 'name';
}

/** The known entity a row with this code or name belongs to, and what it was found by. */
function findLink(reg: Registry, uscc: string | null, nameKey: string, region: string): Link | undefined {
  if (uscc) {
    const hit = reg.byUscc(uscc);
    if (hit) return { entity: hit, by: 'uscc' };
    // An uncoded list entry with this name may be the same institution.
    const named = reg.findByName(nameKey, region);
    return named && !named.uscc ? { entity: named, by: 'name' } : undefined;
  }
  const named = reg.findByName(nameKey, region);
  return named ? { entity: named, by: 'name' } : undefined;
}

function create(reg: Registry, uscc: string | null, nameKey: string, region: string): Entity {
  return uscc ? reg.ensureUscc(uscc) : reg.ensureName(nameKey, region);
}

function linkOrCreate(reg: Registry, uscc: string | null, nameKey: string, region: string): Entity {
  return findLink(reg, uscc, nameKey, region)?.entity ?? create(reg, uscc, nameKey, region);
}

function regionName(code: string): string {
  const info = regionInfo(code);
  return info ? `${info.fullName}（${code}）` : code;
}

/**
 * A penalty linked to an institution listed (or black-listed) outside the publisher's area: an agency rarely
 * penalises an institution registered elsewhere, so a code or name typed wrong is likelier. The link stands (the code
 * is the key), but the agency is told. A publisher's area holds its cities and counties; an entity known only from
 * other penalties has no registered region to compare.
 */
function outsideRegion(link: Link, row: PenaltyRow, manifest: Manifest): MergeProblem | null {
  const e = link.entity;
  if (e.rows.length === 0 && e.events.length === 0) return null;
  const registered = regionOf(e);
  if (!registered || isWithinRegion(registered, manifest.region)) return null;
  const name = e.rows[e.rows.length - 1]?.row.name ?? e.names[e.names.length - 1]?.name ?? row.subjectName;
  const by = link.by === 'uscc' ? '统一社会信用代码' : '机构名称';
  return {
    prov: row.prov,
    field: link.by,
    code: 'penalty-outside-region',
    message:
      `按${by}关联到的机构“${name}”登记在${regionName(registered)}，` +
      `不在处罚发布机关所在地区${regionName(manifest.region)}范围内；仍予关联，请核对${by}是否有误`,
  };
}

function listEvent(
  institutionId: string,
  manifest: Manifest,
  action: ListEvent['action'],
  date: string | null,
  reason: string | null,
  prov: Provenance,
  details: ListEvent['details'] = null,
  list?: ListName,
): ListEvent {
  return {
    id: `e${shortHash(`${prov.source}|${prov.file}|${prov.row}|${action}`)}`,
    institutionId,
    list: list ?? ((manifest.list ?? '备案') as ListName),
    action,
    date,
    published: manifest.published,
    batch: manifest.batch ?? null,
    reason,
    stage: action === '拟列入' ? 'proposed' : (manifest.stage ?? 'final'),
    provenance: prov,
    details,
  };
}

function regionOf(e: Entity): string | undefined {
  return e.rows[e.rows.length - 1]?.row.region ?? e.names[e.names.length - 1]?.region;
}

/** A penalty's or inspection's carried text fields (fields.ts, `carriedIn`): those of the row it is published from. */
function pickCarried<K extends SourceKind>(row: CarriedText<K>, kind: K): CarriedText<K> {
  return Object.fromEntries(carriedFields(kind).map((k) => [k, row[k]])) as CarriedText<K>;
}

/** An institution's carried text fields: each from the latest list row that has it. */
function latestCarried<K extends SourceKind>(rows: readonly CarriedText<K>[], kind: K): CarriedText<K> {
  return Object.fromEntries(
    carriedFields(kind).map((k) => [k, lastNonNull(rows.map((r) => r[k]))]),
  ) as CarriedText<K>;
}

function lastNonNull<T>(values: Array<T | null>): T | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && v !== undefined) return v;
  }
  return null;
}

/** The newest visible decision that stops or restricts the service. */
function latestStopOrder(visible: readonly Penalty[]): Institution['stopOrder'] {
  let best: Institution['stopOrder'] = null;
  for (const p of visible) {
    const order = findStopOrder(p);
    if (!order) continue;
    if (!best || p.decided > best.decided || (p.decided === best.decided && p.id < best.penaltyId))
      best = { order, decided: p.decided, penaltyId: p.id, documentNumber: p.documentNumber };
  }
  return best;
}

function rowList(r: { row: InstitutionRow; manifest: Manifest }): ListName {
  return r.row.list ?? ((r.manifest.list ?? '备案') as ListName);
}

/**
 * Entries proposed by a notice under public comment that no final notice of the same list, published on the same
 * day or later, has confirmed. One per list: the latest proposal.
 */
function pendingProposals(e: Entity, asOf: string): Institution['proposed'] {
  const out = new Map<ListName, Institution['proposed'][number]>();
  for (const r of e.rows) {
    if (r.row.stage !== 'proposed' || r.row.action !== '列入' || r.manifest.published > asOf) continue;
    const list = rowList(r);
    const confirmed = e.rows.some(
      (f) => f.row.stage === 'final' && rowList(f) === list && f.manifest.published >= r.manifest.published,
    );
    if (confirmed) continue;
    const prior = out.get(list);
    if (!prior || prior.published <= r.manifest.published)
      out.set(list, { list, published: r.manifest.published, provenance: r.row.prov });
  }
  return [...out.values()].sort((a, b) => LISTS.indexOf(a.list) - LISTS.indexOf(b.list));
}

function toInstitution(e: Entity, asOf: string): Institution {
  const rows = e.rows.map((r) => r.row);
  const lastRow = e.rows[e.rows.length - 1];
  const lastName = e.names[e.names.length - 1];
  const name = displayName(lastRow?.row.name ?? lastName?.name ?? e.id);
  const visible = e.penalties;
  const { status, statusSince, lists, latestPenalty } = decideStatus(
    e.events.filter((ev) => isEventVisible(ev, asOf)),
    visible,
  );

  const proposed = pendingProposals(e, asOf);
  const filedDates = rows
    .map((r) => r.filed)
    .filter((d): d is string => d !== null)
    .sort();
  const coordsRow = [...e.rows].reverse().find((r) => r.row.coords);
  const otherNames = [...new Set(e.names.map((n) => displayName(n.name)))].filter((n) => n !== name);
  const sector = lastRow?.manifest.sector ?? lastName?.sector ?? 'childcare';
  const provenance = [
    ...e.rows.map((r) => r.row.prov),
    ...e.events.filter((ev) => ev.list === '黑名单').map((ev) => ev.provenance),
  ];
  const uniqueProv = [...new Map(provenance.map((p) => [`${p.source}|${p.file}|${p.row}`, p])).values()];

  return {
    id: e.id,
    uscc: e.uscc,
    name,
    nameKey: lastRow?.row.nameKey ?? lastName?.nameKey ?? '',
    otherNames,
    sector,
    region: regionOf(e) ?? '000000',
    address: lastNonNull(rows.map((r) => r.address)),
    capacity: lastNonNull(rows.map((r) => r.capacity)),
    serviceTypes: [...rows].reverse().find((r) => r.serviceTypes.length > 0)?.serviceTypes ?? [],
    operator: lastNonNull(rows.map((r) => r.operator)),
    ...latestCarried(rows, 'institutions'),
    filed: filedDates[0] ?? null,
    coordinates: coordsRow?.row.coords
      ? { ...coordsRow.row.coords, crs: coordsRow.manifest.crs, approximate: false }
      : null,
    lists,
    proposed,
    sameNameAs: [...e.sameNameAs].sort(),
    status,
    statusSince,
    activePenalties: visible.length,
    latestPenalty,
    penaltyIds: visible
      .slice()
      .sort(comparePenaltiesNewest)
      .map((p) => p.id),
    stopOrder: latestStopOrder(visible),
    inspectionIds: e.inspections.map((i) => i.id),
    events: [...e.events].sort(compareEventsOldest),
    provenance: uniqueProv,
  };
}

/** Fields a later notice of the same decision may correct, with how they are shown in a correction. */
const CORRECTABLE: Array<{
  label: string;
  stated: (r: PenaltyRow) => boolean;
  value: (r: PenaltyRow) => string;
  /** What is compared: the value, or for a list its members in any order. */
  key: (r: PenaltyRow) => string;
  apply: (to: PenaltyRow, from: PenaltyRow) => PenaltyRow;
}> = [
  {
    label: '罚款金额',
    stated: (r) => r.fineText !== null,
    value: (r) => `${r.fineYuan.toLocaleString('en-US')} 元`,
    key: (r) => String(r.fineYuan),
    apply: (to, from) => ({ ...to, fineYuan: from.fineYuan, fineText: from.fineText }),
  },
  {
    label: '没收金额',
    stated: (r) => r.confiscatedText !== null,
    value: (r) => `${r.confiscatedYuan.toLocaleString('en-US')} 元`,
    key: (r) => String(r.confiscatedYuan),
    apply: (to, from) => ({
      ...to,
      confiscatedYuan: from.confiscatedYuan,
      confiscatedText: from.confiscatedText,
    }),
  },
  {
    label: '处罚类别',
    stated: (r) => r.categories.length > 0,
    value: (r) => r.categories.join('、'),
    key: (r) => [...r.categories].sort().join('、'),
    apply: (to, from) => ({ ...to, categories: from.categories }),
  },
  {
    label: '公示截止期',
    stated: (r) => r.publicUntil !== null,
    value: (r) => r.publicUntil ?? '',
    key: (r) => r.publicUntil ?? '',
    apply: (to, from) => ({ ...to, publicUntil: from.publicUntil }),
  },
];

/**
 * One decision published again later with a different fine, category or publicity end: the later notice corrects
 * the earlier one (rows come in publication order). What a later row does not state (a copy without the fine column)
 * corrects nothing. The decision keeps its first row as its record, with the corrected values and a note.
 */
function applyCorrections(group: Array<{ row: PenaltyRow; manifest: Manifest }>): {
  row: PenaltyRow;
  text: string | null;
  problems: MergeProblem[];
} {
  const first = group[0] as { row: PenaltyRow; manifest: Manifest };
  let row = first.row;
  const notes: string[] = [];
  const problems: MergeProblem[] = [];
  let current = first;
  for (const later of group.slice(1)) {
    const changed = CORRECTABLE.filter(
      (f) => f.stated(later.row) && f.stated(row) && f.key(later.row) !== f.key(row),
    );
    const added = CORRECTABLE.filter((f) => f.stated(later.row) && !f.stated(row));
    if (changed.length === 0) {
      for (const f of added) row = f.apply(row, later.row);
      continue;
    }
    const what = changed.map((f) => `${f.label}由“${f.value(row)}”改为“${f.value(later.row)}”`).join('，');
    const at = `${current.row.prov.source} · ${current.row.prov.file}:${current.row.prov.row}`;
    problems.push({
      prov: later.row.prov,
      field: 'documentNumber',
      code: 'penalty-corrected',
      message: `行政处罚决定书文号“${later.row.documentNumber}”此前已在 ${at} 公布，本次公布的内容不同：${what}；以后公布的（${later.manifest.published}）为准`,
    });
    notes.push(`${what}（${later.manifest.published} 公布）`);
    for (const f of [...changed, ...added]) row = f.apply(row, later.row);
    current = later;
  }
  return { row, text: notes.length > 0 ? `更正：${notes.join('；')}` : null, problems };
}

function ambiguous(
  name: string,
  region: string,
  prov: Provenance,
  candidates: Entity[],
  what: '处罚' | '名单记录',
): MergeProblem {
  const names = candidates
    .slice(0, 3)
    .map((e) => `${e.rows[e.rows.length - 1]?.row.name ?? e.names[0]?.name ?? e.id}（${e.uscc ?? '无代码'}）`)
    .join('、');
  const outcome = what === '处罚' ? '未关联任何机构' : '未关联其中任何一家，单独列出并注明同名机构';
  return {
    prov,
    field: 'name',
    code: 'ambiguous-match',
    message: `${what === '处罚' ? '行政相对人' : '名单记录'}“${name}”未填统一社会信用代码，按名称在${regionName(region)}匹配到 ${candidates.length} 家机构（${names}），无法确定是哪一家，${outcome}；请补充统一社会信用代码`,
  };
}

/** A 列入 and a 注销/撤销 of one list on the same day: decided by {@link compareEventsOldest}, and reported. */
function sameDayRemovals(e: Entity): MergeProblem[] {
  const out: MergeProblem[] = [];
  const entries = new Set(
    e.events
      .filter((ev) => ev.list !== '黑名单' && ev.action === '列入')
      .map((ev) => `${ev.list}@${ev.date}`),
  );
  for (const ev of e.events) {
    if (ev.list === '黑名单' || (ev.action !== '注销' && ev.action !== '撤销')) continue;
    if (!entries.has(`${ev.list}@${ev.date}`)) continue;
    out.push({
      prov: ev.provenance,
      field: 'statusDate',
      code: 'same-day-removal',
      message: `${ev.date} 同一天既有${ev.list}列入又有${ev.action}，按先列入、后${ev.action}处理（机构为已${ev.action}）；请核对日期`,
    });
  }
  return out;
}
