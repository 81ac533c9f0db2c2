/**
 * An institution's status on the as-of date (docs/rules.md, "Status"). Strongest first:
 * blacklisted (列入 黑名单 and not 移出) > sanctioned (a penalty in its publicity window) > removed (the latest list
 * event is 注销 or 撤销) > listed. The order is STATUSES in schemas.ts.
 */
import { LISTS, type ListEvent, type ListName, type Status } from '../schemas.ts';
import { eventDate } from './visibility.ts';

/**
 * On one day an entry comes before a removal, whatever the sources are called: a 列入 and a 注销 of the same date
 * leave the institution removed, a 列入 and a 移出 leave it off the black list.
 */
const ACTION_RANK: Record<ListEvent['action'], number> = { 拟列入: 0, 列入: 0, 移出: 1, 注销: 1, 撤销: 1 };

/**
 * Oldest first: by the date an event took effect, then entries before removals on one day, then by its notice, then
 * by id so the order never depends on input.
 */
export function compareEventsOldest(a: ListEvent, b: ListEvent): number {
  const da = eventDate(a);
  const db = eventDate(b);
  if (da !== db) return da < db ? -1 : 1;
  if (ACTION_RANK[a.action] !== ACTION_RANK[b.action]) return ACTION_RANK[a.action] - ACTION_RANK[b.action];
  if (a.published !== b.published) return a.published < b.published ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface StatusFacts {
  status: Status;
  statusSince: string | null;
  /** The lists other than 黑名单 that the institution has an entry on. */
  lists: ListName[];
  latestPenalty: string | null;
}

/**
 * The status from the events and penalties the public can see on the date; the caller passes only those
 * (visibility.ts), so the rule is the same in the pipeline's report and on the site.
 */
export function decideStatus(
  visibleEvents: readonly ListEvent[],
  visiblePenalties: readonly { decided: string }[],
): StatusFacts {
  const events = [...visibleEvents].sort(compareEventsOldest);
  // 黑名单: the latest 列入 not followed by a 移出.
  let blacklistedSince: string | null = null;
  for (const ev of events) {
    if (ev.list !== '黑名单') continue;
    if (ev.action === '列入') blacklistedSince = eventDate(ev);
    if (ev.action === '移出') blacklistedSince = null;
  }
  const listEvents = events.filter((ev) => ev.list !== '黑名单');
  const lastList = listEvents[listEvents.length - 1];
  const removed = lastList && (lastList.action === '注销' || lastList.action === '撤销');
  const latestPenalty = visiblePenalties.reduce<string | null>(
    (m, p) => (m === null || p.decided > m ? p.decided : m),
    null,
  );
  const lists = LISTS.filter(
    (l) => l !== '黑名单' && listEvents.some((ev) => ev.list === l && ev.action !== '拟列入'),
  );

  if (blacklistedSince) return { status: 'blacklisted', statusSince: blacklistedSince, lists, latestPenalty };
  if (visiblePenalties.length > 0)
    return { status: 'sanctioned', statusSince: latestPenalty, lists, latestPenalty };
  if (removed && lastList)
    return { status: 'removed', statusSince: eventDate(lastList), lists, latestPenalty };
  // Known only from notices under public comment (拟列入): proposed, never shown as on a list.
  const proposals = listEvents.filter((ev) => ev.action === '拟列入');
  if (proposals.length === listEvents.length && proposals.length > 0)
    return {
      status: 'proposed',
      statusSince: proposals[proposals.length - 1]?.published ?? null,
      lists,
      latestPenalty,
    };
  return {
    status: 'listed',
    statusSince: listEvents.find((ev) => ev.action === '列入')?.date ?? null,
    lists,
    latestPenalty,
  };
}
