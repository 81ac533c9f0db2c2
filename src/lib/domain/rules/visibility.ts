/**
 * What the public can see on the as-of date (docs/rules.md, "What is published on a date"). Every output reads data
 * that has passed through publish.ts, which applies these; nothing downstream decides visibility again.
 */
import type { Inspection, ListEvent, Penalty } from '../schemas.ts';
import type { RowHiddenReason } from './vocabularies.ts';

/**
 * A notice is part of the register from the day it is published: a list, a penalty table or a spot-check notice
 * published after the as-of date is not yet part of it, even when the facts it reports are older.
 */
export function isNoticeOut(published: string, asOf: string): boolean {
  return published <= asOf;
}

/** The date a list event took effect: the date the notice gives, or the notice's own date. */
export function eventDate(e: Pick<ListEvent, 'date' | 'published'>): string {
  return e.date ?? e.published;
}

/** A list event is seen once its notice is out and it has taken effect (a 移出 dated later has not yet happened). */
export function isEventVisible(e: Pick<ListEvent, 'date' | 'published'>, asOf: string): boolean {
  return isNoticeOut(e.published, asOf) && eventDate(e) <= asOf;
}

/**
 * A penalty is seen from its decision to the last day of its publicity window (window rules: decide-visibility.ts,
 * docs/rules.md). Warning-only and withdrawn decisions never reach the merged data.
 */
export function isPenaltyVisible(p: Pick<Penalty, 'decided' | 'publicUntil'>, asOf: string): boolean {
  return p.decided <= asOf && asOf <= p.publicUntil;
}

export function isInspectionVisible(i: Pick<Inspection, 'date'>, asOf: string): boolean {
  return i.date <= asOf;
}

/** Why a row of a notice published after the as-of date is not on the site (a row outcome, not a penalty rule). */
export const NOT_YET_PUBLISHED = 'not-yet-published' satisfies RowHiddenReason;
