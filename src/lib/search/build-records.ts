/**
 * What search indexes: one record per institution (its names, USCC, address, region and the 文号 of its visible
 * penalties, as normalised tokens) and one per visible penalty with no institution page (a natural person, an
 * unmatched company), pointing at its row on the penalty list page that shows it. Only identifying fields are indexed, so the
 * index stays small and Pagefind's memory bounded. Pure: the site index in, records out.
 */

import type { Institution, Penalty } from '../domain/schemas.ts';
import { pagePath } from '../site/paginate.ts';
import type { SiteIndex } from '../site/site-index.ts';
import { isUnlisted, statusView, unlistedLabel } from '../site/status-view.ts';
import { paths } from '../site/urls.ts';
import { FACET_FILTER, facetValue } from './facets.ts';
import { indexText, useSimplifier } from './normalise-query.ts';
import { META_SEPARATOR, type SearchMeta } from './search-meta.ts';
import { openccSimplify } from './simplify-opencc.ts';

export interface SearchRecord {
  /** Site path without the base, e.g. /institutions/x/. */
  path: string;
  content: string;
  meta: SearchMeta;
  filters: Record<string, string[]>;
  sort: Record<string, string>;
  /** The record's region code: it decides the shard. */
  region: string;
}

const SEP = META_SEPARATOR;

function institutionRecord(site: SiteIndex, inst: Institution, nameRank: number): SearchRecord {
  const node = site.regions.get(inst.region);
  const penalties = site.penaltiesByInstitution.get(inst.id) ?? [];
  const subjectNames = penalties
    .map((p) => p.subjectName)
    .filter((n) => n !== inst.name && !inst.otherNames.includes(n));
  const docs = penalties.map((p) => p.documentNumber);
  const rank = String(nameRank).padStart(7, '0');
  const filters: Record<string, string[]> = {
    region: [inst.region],
    [FACET_FILTER]: [
      facetValue({ sector: inst.sector, status: inst.status, list: inst.lists, service: inst.serviceTypes }),
    ],
  };
  return {
    path: paths.institution(inst.id),
    content: indexText({
      names: [inst.name, ...inst.otherNames, ...subjectNames],
      codes: inst.uscc ? [inst.uscc] : [],
      documentNumbers: docs,
      text: [inst.address ?? '', node?.region.fullName ?? ''],
    }),
    meta: {
      title: inst.name,
      kind: 'institution',
      sector: inst.sector,
      status: statusView(inst).slug,
      unlisted: isUnlisted(inst) ? unlistedLabel(inst) : '',
      region: node?.region.fullName ?? inst.region,
      latest: inst.latestPenalty ?? '',
      uscc: inst.uscc ?? '',
      docs: docs.join(SEP),
      alt: inst.otherNames.join(SEP),
      rank,
    },
    filters,
    sort: inst.latestPenalty ? { penalty: inst.latestPenalty } : {},
    region: inst.region,
  };
}

function penaltyRecord(site: SiteIndex, p: Penalty, path: string): SearchRecord {
  const node = site.regions.get(p.region);
  const title = p.subjectCategory ? `${p.subjectName}（${p.subjectCategory}）` : p.subjectName;
  return {
    path,
    content: indexText({
      // A natural person's record is found by 文号 and region, never by name, not even the masked one.
      names: p.naturalPerson ? [] : [p.subjectName],
      codes: p.uscc ? [p.uscc] : [],
      documentNumbers: [p.documentNumber],
      text: [node?.region.fullName ?? ''],
    }),
    meta: {
      title,
      kind: 'penalty',
      sector: p.sector,
      status: '',
      unlisted: '',
      region: node?.region.fullName ?? p.region,
      latest: p.decided,
      uscc: p.uscc ?? '',
      docs: p.documentNumber,
      alt: '',
      rank: '',
    },
    filters: {
      region: [p.region],
      [FACET_FILTER]: [facetValue({ sector: p.sector, status: '', list: [], service: [] })],
    },
    sort: { penalty: p.decided },
    region: p.region,
  };
}

/** Where the penalty list shows a penalty: page n of /penalties/ (newest first, `pageSize` a page). */
function penaltyListPath(index: number, pageSize: number): string {
  return pagePath(paths.penalties, Math.floor(index / pageSize) + 1);
}

/** Every search record, institutions by name first, then penalties without an institution page. */
export function* searchRecords(site: SiteIndex, penaltyPageSize: number): Generator<SearchRecord> {
  useSimplifier(openccSimplify);
  let rank = 0;
  for (const inst of site.institutions) yield institutionRecord(site, inst, rank++);
  for (let i = 0; i < site.penalties.length; i++) {
    const p = site.penalties[i] as Penalty;
    if (p.institutionId !== null) continue;
    // The row's anchor makes each record's URL its own: several penalties share a list page.
    yield penaltyRecord(site, p, `${penaltyListPath(i, penaltyPageSize)}#p-${p.id}`);
  }
}
