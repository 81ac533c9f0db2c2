/**
 * What the Atom feeds say: new penalties and list changes, site-wide and for every province, city and county.
 * Pure: SiteData in, feed text out. Entries are ordered newest first with ties broken by id, and every date comes
 * from the data, so the same data gives the same bytes.
 */
import { label } from '../domain/fields.ts';
import { comparePenaltiesNewest } from '../domain/rules/order.ts';
import type { Penalty, Region, SiteData } from '../domain/schemas.ts';
import { WHITE_SPACE } from '../domain/whitespace.ts';
import { type AtomEntry, type AtomFeed, renderAtom, tagUri } from './atom.ts';
import { aliasLabel } from './field-labels.ts';
import { formatYuan } from './format.ts';
import { LIST_LABEL } from './labels.ts';
import { type EventRecord, listEvents } from './list-events.ts';
import { absolute, paths, withSlash } from './urls.ts';

/** What closes a part of a summary: its punctuation and trailing whitespace. */
const CLOSING = new RegExp(`[。；;，,.${WHITE_SPACE}]+$`, 'u');

export const SITE_FEED_LIMIT = 100;
export const REGION_FEED_LIMIT = 50;

export interface FeedOptions {
  /** Absolute URL of the site root (site URL + base path), ending in '/'. */
  siteRoot: string;
  siteName: string;
  publisher: string;
  /** Licence note for <rights>. */
  rights: string;
}

/** The year in entry and feed ids. Fixed: a tag URI must not change from one build to the next. */
const TAG_YEAR = '2026';

/** A feed as a page links it: its title and site path. */
export interface FeedLink {
  title: string;
  path: string;
}

export const SITE_PENALTIES_FEED: FeedLink = { title: '行政处罚（全站）', path: paths.feeds.penalties };
export const SITE_LIST_CHANGES_FEED: FeedLink = { title: '名单变动（全站）', path: paths.feeds.listChanges };

/** The two feeds of a region, titled with its short name. */
export function regionFeeds(code: string, name: string): FeedLink[] {
  return [
    { title: `${name}行政处罚`, path: paths.feeds.regionPenalties(code) },
    { title: `${name}名单变动`, path: paths.feeds.regionListChanges(code) },
  ];
}

function tagAuthority(siteRoot: string): string {
  return new URL(siteRoot).hostname;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Grouping by region: a county's record also belongs to its city and province.

export interface RegionGroups {
  regions: Map<string, Region>;
  penalties: Map<string, Penalty[]>;
  events: Map<string, EventRecord[]>;
  /** All visible penalties, newest first. */
  allPenalties: readonly Penalty[];
  /** All published list events, newest first. */
  allEvents: readonly EventRecord[];
}

function chain(regions: ReadonlyMap<string, Region>, code: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let r = regions.get(code);
  if (!r) return [code];
  while (r && !seen.has(r.code)) {
    seen.add(r.code);
    out.push(r.code);
    r = r.parent ? regions.get(r.parent) : undefined;
  }
  return out;
}

/** Walks sorted records once, keeping the first `limit` of each region: linear in records × depth. */
function groupNewest<T extends { region: string }>(
  sorted: readonly T[],
  regions: ReadonlyMap<string, Region>,
  limit: number,
): Map<string, T[]> {
  const out = new Map<string, T[]>();
  const chains = new Map<string, string[]>();
  for (const item of sorted) {
    let codes = chains.get(item.region);
    if (!codes) {
      codes = chain(regions, item.region);
      chains.set(item.region, codes);
    }
    for (const code of codes) {
      const arr = out.get(code);
      if (!arr) out.set(code, [item]);
      else if (arr.length < limit) arr.push(item);
    }
  }
  return out;
}

/**
 * What the feeds share, from the published data's penalties and list events, each newest first (the site model passes
 * the ones it holds, model.ts).
 */
export function feedGroups(
  data: SiteData,
  allPenalties: readonly Penalty[] = [...data.penalties].sort(comparePenaltiesNewest),
  allEvents: readonly EventRecord[] = listEvents(data),
): RegionGroups {
  const regions = new Map(data.regions.map((r) => [r.code, r]));
  return {
    regions,
    allPenalties,
    allEvents,
    penalties: groupNewest(allPenalties, regions, REGION_FEED_LIMIT),
    events: groupNewest(allEvents, regions, REGION_FEED_LIMIT),
  };
}

/** Codes of every region that has a page, in code order: each gets its two feeds (possibly empty). */
export function feedRegions(data: SiteData): string[] {
  return data.regions.map((r) => r.code).sort(cmp);
}

// ---------------------------------------------------------------------------------------------------------------
// Entries

/** Parts of a summary joined by ；, each without its own closing punctuation (违法事实 often ends in 。). */
function joinParts(parts: readonly (string | null | false | undefined)[]): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .map((p) => p.replace(CLOSING, ''))
    .join('；');
}

export function penaltyEntry(p: Penalty, regions: ReadonlyMap<string, Region>, opts: FeedOptions): AtomEntry {
  const base = withSlash(opts.siteRoot);
  const where = regions.get(p.region)?.fullName ?? p.region;
  const categories = p.categories.join('、');
  const summary = joinParts([
    `${label('documentNumber')} ${p.documentNumber}`,
    `${aliasLabel('name', '行政相对人名称')} ${p.subjectName}`,
    p.subjectCategory && `${label('subjectCategory')} ${p.subjectCategory}`,
    `${label('county')} ${where}`,
    `${label('decided')} ${p.decided}`,
    p.authority && `${label('authority')} ${p.authority}`,
    categories && `${label('categories')} ${categories}`,
    p.fineYuan > 0 && `罚款 ${formatYuan(p.fineYuan)}`,
    p.confiscatedYuan > 0 && `没收 ${formatYuan(p.confiscatedYuan)}`,
    p.violationType && `${label('violationType')} ${p.violationType}`,
    p.facts && `${label('facts')} ${p.facts}`,
    p.content && `${label('content')} ${p.content}`,
    `${label('publicUntil')} ${p.publicUntil}${p.publicUntilDerived ? '（推算）' : ''}`,
  ]);
  return {
    id: tagUri(tagAuthority(base), TAG_YEAR, `penalty/${p.id}`),
    title: `${p.subjectName}：${categories || '行政处罚'}（${p.documentNumber}）`,
    updated: p.decided,
    link: absolute(
      base,
      p.institutionId === null ? paths.region(p.region) : paths.institution(p.institutionId),
    ),
    summary: `${summary}。`,
    categories: p.categories,
  };
}

export function listChangeEntry(
  e: EventRecord,
  regions: ReadonlyMap<string, Region>,
  opts: FeedOptions,
): AtomEntry {
  const base = withSlash(opts.siteRoot);
  const listName = LIST_LABEL[e.list];
  const date = e.date ?? e.published;
  const summary = joinParts([
    `${label('name')} ${e.institutionName}`,
    e.uscc && `${label('uscc')} ${e.uscc}`,
    `${label('county')} ${regions.get(e.region)?.fullName ?? e.region}`,
    `${e.action}${listName}`,
    e.batch !== null && `第 ${e.batch} 批`,
    e.date ? `日期 ${e.date}` : `公告发布日期 ${e.published}`,
    e.reason && `原因 ${e.reason}`,
  ]);
  return {
    id: tagUri(tagAuthority(base), TAG_YEAR, `list-event/${e.id}`),
    title: `${e.institutionName}：${e.action}${listName}`,
    updated: date,
    link: absolute(base, paths.institution(e.institutionId)),
    summary: `${summary}。`,
    categories: [e.action, e.list],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Feeds

function feed(
  data: SiteData,
  opts: FeedOptions,
  spec: { path: string; alternate: string; title: string; subtitle: string; entries: AtomEntry[] },
): string {
  const base = withSlash(opts.siteRoot);
  const f: AtomFeed = {
    // The tag names the feed's path without its leading '/', as it always has: a feed's id must never change.
    id: tagUri(tagAuthority(base), TAG_YEAR, spec.path.slice(1)),
    title: `${spec.title} — ${opts.siteName}`,
    subtitle: `${spec.subtitle}数据截至 ${data.asOf}。`,
    updated: data.asOf,
    selfUrl: absolute(base, spec.path),
    alternateUrl: absolute(base, spec.alternate),
    author: opts.publisher,
    rights: opts.rights,
    entries: spec.entries,
  };
  return renderAtom(f);
}

export function penaltiesFeed(data: SiteData, opts: FeedOptions, g: RegionGroups = feedGroups(data)): string {
  return feed(data, opts, {
    path: paths.feeds.penalties,
    alternate: paths.penalties,
    title: '行政处罚',
    subtitle: `公示期内的行政处罚，按处罚决定日期从新到旧，最多 ${SITE_FEED_LIMIT} 条。`,
    entries: g.allPenalties.slice(0, SITE_FEED_LIMIT).map((p) => penaltyEntry(p, g.regions, opts)),
  });
}

export function listChangesFeed(
  data: SiteData,
  opts: FeedOptions,
  g: RegionGroups = feedGroups(data),
): string {
  return feed(data, opts, {
    path: paths.feeds.listChanges,
    alternate: paths.home,
    title: '名单变动',
    subtitle: `机构列入、移出名单和注销、撤销的记录（含黑名单），按日期从新到旧，最多 ${SITE_FEED_LIMIT} 条。`,
    entries: g.allEvents.slice(0, SITE_FEED_LIMIT).map((e) => listChangeEntry(e, g.regions, opts)),
  });
}

export function regionPenaltiesFeed(
  data: SiteData,
  code: string,
  opts: FeedOptions,
  g: RegionGroups = feedGroups(data),
): string {
  const name = g.regions.get(code)?.fullName ?? code;
  return feed(data, opts, {
    path: paths.feeds.regionPenalties(code),
    alternate: paths.region(code),
    title: `${name}行政处罚`,
    subtitle: `${name}（含下辖地区）公示期内的行政处罚，从新到旧，最多 ${REGION_FEED_LIMIT} 条。`,
    entries: (g.penalties.get(code) ?? []).map((p) => penaltyEntry(p, g.regions, opts)),
  });
}

export function regionListChangesFeed(
  data: SiteData,
  code: string,
  opts: FeedOptions,
  g: RegionGroups = feedGroups(data),
): string {
  const name = g.regions.get(code)?.fullName ?? code;
  return feed(data, opts, {
    path: paths.feeds.regionListChanges(code),
    alternate: paths.region(code),
    title: `${name}名单变动`,
    subtitle: `${name}（含下辖地区）机构的名单变动，从新到旧，最多 ${REGION_FEED_LIMIT} 条。`,
    entries: (g.events.get(code) ?? []).map((e) => listChangeEntry(e, g.regions, opts)),
  });
}

/** How many entries each feed holds, for the tests and the downloads page. */
export function feedEntryCounts(
  data: SiteData,
  g: RegionGroups = feedGroups(data),
): {
  penalties: number;
  listChanges: number;
  regions: Map<string, { penalties: number; listChanges: number }>;
} {
  const regions = new Map<string, { penalties: number; listChanges: number }>();
  for (const code of feedRegions(data)) {
    regions.set(code, {
      penalties: g.penalties.get(code)?.length ?? 0,
      listChanges: g.events.get(code)?.length ?? 0,
    });
  }
  return {
    penalties: Math.min(SITE_FEED_LIMIT, g.allPenalties.length),
    listChanges: Math.min(SITE_FEED_LIMIT, g.allEvents.length),
    regions,
  };
}
