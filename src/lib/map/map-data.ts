/** The map data files of a build, from the layout (see points-format.ts for the format). */
import type { SiteIndex } from '../site/site-index.ts';
import type { Located, MapLayout } from './locate-institutions.ts';
import {
  DETAIL_CHUNK,
  type DetailsFile,
  encodeDetails,
  encodePoints,
  type PointInput,
  type PointsFile,
} from './points-format.ts';

function toPoint(l: Located): PointInput {
  return {
    lat: l.lat,
    lon: l.lon,
    status: l.institution.status,
    sector: l.institution.sector,
    approximate: l.placement !== 'published',
  };
}

export function pointsFile(site: SiteIndex, layout: MapLayout): PointsFile {
  return encodePoints(layout.located.map(toPoint), { asOf: site.asOf, unlocated: layout.counts.unlocated });
}

/** A region's slice of the points, or null when it has none. */
export function regionPointsFile(site: SiteIndex, layout: MapLayout, code: string): PointsFile | null {
  const range = layout.ranges.get(code);
  if (!range) return null;
  const [from, to] = range;
  return encodePoints(layout.located.slice(from, to).map(toPoint), { asOf: site.asOf, offset: from });
}

export function detailChunkCount(layout: MapLayout): number {
  return Math.ceil(layout.located.length / DETAIL_CHUNK);
}

export function detailsFile(layout: MapLayout, chunk: number): DetailsFile {
  const from = chunk * DETAIL_CHUNK;
  const slice = layout.located.slice(from, from + DETAIL_CHUNK);
  return encodeDetails(
    slice.map(({ institution: i }) => ({
      id: i.id,
      name: i.name,
      places: i.capacity,
      penalty: i.latestPenalty,
    })),
    from,
  );
}
