/**
 * Exact matches first: a result whose name, USCC or 决定书文号 is exactly what was typed (in normalised form) moves
 * ahead of the others, which keep Pagefind's order. Pure.
 */
import { compactForm, documentNumberKey, organisationCode, type ParsedQuery } from './normalise-query.ts';
import { META_SEPARATOR, type SearchMeta } from './search-meta.ts';

export type MatchKind = 'name' | 'uscc' | 'document' | null;

export function exactMatch(query: ParsedQuery, meta: SearchMeta): MatchKind {
  if (!query.key) return null;
  if (query.kind === 'uscc') return meta.uscc && compactForm(meta.uscc) === query.key ? 'uscc' : null;
  if (query.kind === 'organisation')
    return meta.uscc && organisationCode(compactForm(meta.uscc)).startsWith(query.key) ? 'uscc' : null;
  if (query.kind === 'document') {
    return meta.docs.split(META_SEPARATOR).some((d) => d && documentNumberKey(d) === query.key)
      ? 'document'
      : null;
  }
  const names = [meta.title, ...(meta.alt ? meta.alt.split(META_SEPARATOR) : [])];
  return names.some((n) => compactForm(n) === query.key) ? 'name' : null;
}

/** Stable: exact matches first, each group in its incoming order. */
export function exactFirst<T>(items: readonly T[], isExact: (item: T) => boolean): T[] {
  const exact: T[] = [];
  const rest: T[] = [];
  for (const item of items) (isExact(item) ? exact : rest).push(item);
  return [...exact, ...rest];
}
