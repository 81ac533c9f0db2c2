/** The list events of the published register as one table, with the institution each belongs to. */
import { compareEventsNewest } from '../domain/rules/order.ts';
import type { Institution, ListEvent, SiteData } from '../domain/schemas.ts';

export interface EventRecord extends ListEvent {
  institutionName: string;
  uscc: string | null;
  region: string;
  sector: Institution['sector'];
}

/** Every list event of every published institution (publish.ts decided which the public sees), newest first. */
export function listEvents(data: SiteData): EventRecord[] {
  const out: EventRecord[] = [];
  for (const inst of data.institutions) {
    for (const e of inst.events) {
      out.push({
        ...e,
        institutionName: inst.name,
        uscc: inst.uscc,
        region: inst.region,
        sector: inst.sector,
      });
    }
  }
  return out.sort(compareEventsNewest);
}
