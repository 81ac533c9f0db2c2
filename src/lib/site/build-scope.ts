/**
 * Which institution pages a build renders. A full build renders all of them; an incremental build
 * (scripts/build.ts --incremental) renders only those whose content changed, named in the JSON array of ids that
 * ONLY_INSTITUTIONS points to, and keeps the other pages from the previous build.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Institution, SourceInfo } from '../domain/schemas.ts';
import type { SiteIndex } from './site-index.ts';

let only: Set<string> | null | undefined;

/** `everyPage` asks for all pages whatever the scope (the sitemap lists every page). */
export function institutionsToRender(all: readonly Institution[], everyPage = false): readonly Institution[] {
  if (everyPage) return all;
  if (only === undefined) {
    const file = process.env.ONLY_INSTITUTIONS;
    only = file ? new Set(JSON.parse(readFileSync(file, 'utf8')) as string[]) : null;
  }
  const scope = only;
  return scope ? all.filter((i) => scope.has(i.id)) : all;
}

/** A source as a citation shows it: counts of other rows do not change the page. */
function citationOf(s: SourceInfo | undefined) {
  if (!s) return null;
  const { counts: _c, hiddenByReason: _h, problemsByCode: _p, ...shown } = s;
  return shown;
}

/**
 * A hash of everything an institution page shows: the institution, its penalties and inspections, the sources it
 * cites, its region chain and the as-of date. Equal hashes (with equal code) mean an identical page.
 */
export function institutionPageHash(site: SiteIndex, inst: Institution): string {
  const penalties = site.penaltiesByInstitution.get(inst.id) ?? [];
  const inspections = site.inspectionsByInstitution.get(inst.id) ?? [];
  const sourceIds = new Set<string>([
    ...inst.provenance.map((p) => p.source),
    ...inst.events.map((e) => e.provenance.source),
    ...penalties.flatMap((p) => [p.provenance.source, ...p.alsoIn.map((a) => a.source)]),
    ...inspections.map((i) => i.provenance.source),
  ]);
  const node = site.regions.get(inst.region);
  const chain = node ? [...node.ancestors, node.region].map((r) => [r.code, r.name, r.fullName]) : [];
  return createHash('sha256')
    .update(
      JSON.stringify([
        site.asOf,
        inst,
        penalties,
        inspections,
        [...sourceIds].sort().map((id) => citationOf(site.sourceById.get(id))),
        chain,
      ]),
    )
    .digest('hex')
    .slice(0, 20);
}
