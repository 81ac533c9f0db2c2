/**
 * The 最近更新 feed: the newest entries of the change log, the same entries /updates/ shows, dated by the notices.
 */
import type { SiteData } from '../domain/schemas.ts';
import { type AtomEntry, renderAtom, tagUri } from './atom.ts';
import type { FeedLink, FeedOptions } from './atom-feeds.ts';
import { CHANGE_KIND_LABEL, type Change, type ChangeLog, changeLog } from './change-log.ts';
import { absolute, paths, withSlash } from './urls.ts';

export const UPDATES_FEED_LIMIT = 100;
export const SITE_UPDATES_FEED: FeedLink = { title: '最近更新（全站）', path: paths.feeds.updates };

/** Fixed, as in the other feeds: a tag URI must not change from one build to the next. */
const TAG_YEAR = '2026';

function entry(c: Change, base: string): AtomEntry {
  const page = absolute(base, paths.institution(c.institutionId));
  return {
    id: tagUri(new URL(base).hostname, TAG_YEAR, `change/${c.id}`),
    title: `${CHANGE_KIND_LABEL[c.kind]}：${c.institutionName}`,
    updated: c.date,
    link: c.penaltyId ? `${page}#p-${c.penaltyId}` : page,
    summary: c.published !== c.date ? `${c.summary}（公告日期 ${c.published}）` : c.summary,
    categories: [CHANGE_KIND_LABEL[c.kind]],
  };
}

export function updatesFeed(data: SiteData, opts: FeedOptions, log: ChangeLog = changeLog(data)): string {
  const base = withSlash(opts.siteRoot);
  return renderAtom({
    id: tagUri(new URL(base).hostname, TAG_YEAR, paths.feeds.updates.slice(1)),
    title: `最近更新 — ${opts.siteName}`,
    subtitle: `机构名单变动、信息变更、黑名单和行政处罚，最新 ${UPDATES_FEED_LIMIT} 条。数据截至 ${data.asOf}。`,
    updated: data.asOf,
    selfUrl: absolute(base, paths.feeds.updates),
    alternateUrl: absolute(base, paths.updates),
    author: opts.publisher,
    rights: opts.rights,
    entries: log.all.slice(0, UPDATES_FEED_LIMIT).map((c) => entry(c, base)),
  });
}
