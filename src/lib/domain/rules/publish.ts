/**
 * The boundary between ingest and site: from the merged data, exactly what the public may see on the as-of date.
 * Pages, downloads, feeds, the sitemap, search records and map points all read what leaves here, so none of them
 * filters by date again. Pure; applying it twice changes nothing.
 *
 * - Sources: a notice published after the date is not yet part of the register (nor are the facts only it reports).
 * - List events: seen once their notice is out and they have taken effect.
 * - Penalties: from their decision to the end of their publicity window; inspections: from their date.
 * - Institutions: those with a list event or a penalty the public can see, with lists and status decided from
 *   those alone (status.ts). An inspection of an institution not yet on the register is kept, unlinked.
 * - Regions: those holding a published institution, penalty or inspection, and their ancestors.
 */
import type { Inspection, Institution, Penalty, Provenance, Region, SiteData } from '../schemas.ts';
import { compareEventsOldest, decideStatus } from './status.ts';
import { isEventVisible, isInspectionVisible, isNoticeOut, isPenaltyVisible } from './visibility.ts';

export function publish(merged: SiteData, asOf: string): SiteData {
  const sources = merged.sources.filter((s) => isNoticeOut(s.published, asOf));
  // Records carry their source's id, not its date: a record is withheld when its source is known to be later.
  const later = new Set(merged.sources.filter((s) => !isNoticeOut(s.published, asOf)).map((s) => s.id));
  const fromKnown = (p: Provenance) => !later.has(p.source);

  const penalties: Penalty[] = [];
  for (const p of merged.penalties) {
    if (!fromKnown(p.provenance) || !isPenaltyVisible(p, asOf)) continue;
    penalties.push(p.alsoIn.every(fromKnown) ? p : { ...p, alsoIn: p.alsoIn.filter(fromKnown) });
  }
  const penaltiesOf = Map.groupBy(
    penalties.filter((p) => p.institutionId !== null),
    (p) => p.institutionId as string,
  );

  const institutions: Institution[] = [];
  for (const inst of merged.institutions) {
    const events = inst.events.filter((ev) => fromKnown(ev.provenance) && isEventVisible(ev, asOf));
    const own = penaltiesOf.get(inst.id) ?? [];
    if (events.length === 0 && own.length === 0) continue;
    const ownIds = new Set(own.map((p) => p.id));
    institutions.push({
      ...inst,
      ...decideStatus(events, own),
      activePenalties: own.length,
      penaltyIds: inst.penaltyIds.filter((id) => ownIds.has(id)),
      stopOrder: inst.stopOrder && ownIds.has(inst.stopOrder.penaltyId) ? inst.stopOrder : null,
      events: events.sort(compareEventsOldest),
      provenance: inst.provenance.filter(fromKnown),
    });
  }
  const onRegister = new Set(institutions.map((i) => i.id));

  const inspections: Inspection[] = [];
  for (const i of merged.inspections) {
    if (!fromKnown(i.provenance) || !isInspectionVisible(i, asOf)) continue;
    inspections.push(
      i.institutionId === null || onRegister.has(i.institutionId) ? i : { ...i, institutionId: null },
    );
  }
  const seen = new Set(inspections.map((i) => i.id));
  for (const inst of institutions) inst.inspectionIds = inst.inspectionIds.filter((id) => seen.has(id));

  return {
    asOf,
    institutions,
    penalties,
    inspections,
    sources,
    regions: usedRegions(merged.regions, [...institutions, ...penalties, ...inspections]),
  };
}

/** The regions that hold a record, with their ancestors, in the merged order. */
function usedRegions(regions: readonly Region[], records: readonly { region: string }[]): Region[] {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const used = new Set<string>();
  for (const { region } of records) {
    let code: string | null | undefined = region;
    while (code && !used.has(code)) {
      used.add(code);
      code = byCode.get(code)?.parent;
    }
  }
  return regions.filter((r) => used.has(r.code));
}
