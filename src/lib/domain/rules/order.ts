/**
 * "Newest first", once for each kind of record: every list of penalties, list events, changes, inspections and
 * sources — pages, downloads, feeds — is in the order given here, so a reader comparing two of them sees the same
 * sequence, and no order ever depends on the order of the input.
 */
import type { Inspection, ListEvent, Penalty, SourceInfo } from '../schemas.ts';
import { eventDate } from './visibility.ts';

/** Chinese names and 文号 in the order a reader expects: by pinyin, numbers by value (〔2026〕9号 before 〔2026〕10号). */
export const nameCollator = new Intl.Collator('zh-CN', { numeric: true });

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Newest decision first; on one day by 文号, then by id so that the order never depends on the input's. */
export function comparePenaltiesNewest(
  a: Pick<Penalty, 'decided' | 'documentNumber' | 'id'>,
  b: Pick<Penalty, 'decided' | 'documentNumber' | 'id'>,
): number {
  if (a.decided !== b.decided) return a.decided < b.decided ? 1 : -1;
  const d = nameCollator.compare(a.documentNumber, b.documentNumber);
  if (d !== 0) return d;
  return cmp(a.id, b.id);
}

interface FromNotice {
  published: string;
  institutionId: string;
  id: string;
}

/** On one date, the later notice first, then by institution and id. */
function newestThen(da: string, db: string, a: FromNotice, b: FromNotice): number {
  return (
    cmp(db, da) || cmp(b.published, a.published) || cmp(a.institutionId, b.institutionId) || cmp(a.id, b.id)
  );
}

/** List events by the date they took effect (eventDate), newest first. */
export function compareEventsNewest(
  a: Pick<ListEvent, 'date' | 'published' | 'institutionId' | 'id'>,
  b: Pick<ListEvent, 'date' | 'published' | 'institutionId' | 'id'>,
): number {
  return newestThen(eventDate(a), eventDate(b), a, b);
}

/** Dated entries of a change log, in the order of the list events they come from. */
export function compareChangesNewest(
  a: FromNotice & { date: string },
  b: FromNotice & { date: string },
): number {
  return newestThen(a.date, b.date, a, b);
}

export function compareInspectionsNewest(
  a: Pick<Inspection, 'date' | 'id'>,
  b: Pick<Inspection, 'date' | 'id'>,
): number {
  return cmp(b.date, a.date) || cmp(a.id, b.id);
}

/** Sources by the date of their notice, newest first. */
export function compareSourcesNewest(
  a: Pick<SourceInfo, 'published' | 'id'>,
  b: Pick<SourceInfo, 'published' | 'id'>,
): number {
  return cmp(b.published, a.published) || cmp(a.id, b.id);
}
