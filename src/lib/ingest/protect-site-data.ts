/**
 * The last privacy pass over everything the site is built from. A person named in one row (a natural-person party,
 * a person 举办方, a name after a cue word) may be named again in another row, another file or another source: every
 * published string that is not an identifier or a public name gets the names of all persons in the data masked, in
 * every spelling, and ID and mobile numbers redacted once more. Walking every string rather than a list of fields
 * means a field added later is covered without anyone remembering to add it here. Pure.
 */
import type { SiteData } from '../domain/schemas.ts';
import { NameMasker } from './mask-names.ts';
import { redactPii } from './redact-numbers.ts';

/**
 * Keys whose strings are identifiers, codes, dates, vocabularies or public names of organisations and places: never
 * rewritten (an id is a link target, a region name is no person's).
 */
const KEEP = new Set([
  ...['id', 'institutionId', 'penaltyIds', 'inspectionIds', 'uscc', 'nameKey', 'name', 'otherNames'],
  ...['subjectName', 'documentNumber', 'region', 'parent', 'code', 'fullName', 'level', 'kind', 'sector'],
  ...['status', 'action', 'list', 'lists', 'crs', 'url', 'result', 'categories', 'serviceTypes', 'source'],
  ...['decided', 'publicUntil', 'date', 'published', 'filed', 'statusSince', 'latestPenalty', 'retrieved'],
  ...['asOf', 'hiddenByReason', 'problemsByCode', 'counts'],
]);

function walk<T>(value: T, fix: (s: string) => string): T {
  if (typeof value === 'string') return fix(value) as T;
  if (Array.isArray(value)) return value.map((v) => walk(v, fix)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = KEEP.has(k) ? v : walk(v, fix);
    return out as T;
  }
  return value;
}

/** SiteData with every person in `persons` masked and every ID or mobile number redacted in its free text. */
export function protectSiteData(data: SiteData, persons: Iterable<string>): SiteData {
  const names = new NameMasker(persons);
  const fix = (s: string) => redactPii(names.size > 0 ? names.mask(s) : s).text;
  return {
    ...data,
    institutions: walk(data.institutions, fix),
    penalties: walk(data.penalties, fix),
    inspections: walk(data.inspections, fix),
    sources: walk(data.sources, fix),
  };
}
