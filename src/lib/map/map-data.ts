/** The map data files of a build, from the layout (see points-format.ts for the format). */
import type { SiteIndex } from '../site/site-index.ts';
import type { Located, MapLayout } from './locate-institutions.ts';
import { buildPlaces, type PlacesFile } from './near.ts';
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

/** The places a reader can type on /map/ (near.ts): counties with a centre, and roads and towns in addresses. */
export function placesFile(site: SiteIndex, layout: MapLayout): PlacesFile {
  const regionOf = (code: string) => site.regions.get(code);
  const names = new Map<string, string[]>();
  const regionNames = (code: string): readonly string[] => {
    let out = names.get(code);
    if (!out) {
      const node = regionOf(code);
      const chain = node ? [...node.ancestors, node.region] : [];
      // Full and short forms (湖北省, 湖北; 武汉市, 武汉), longest first so that 武汉市 goes before 武汉.
      const forms = chain.flatMap((r) => [r.fullName, r.name, r.name.replace(/[省市区县]$/u, '')]);
      out = [...new Set(forms)].filter((f) => f.length >= 2).sort((a, b) => b.length - a.length);
      names.set(code, out);
    }
    return out;
  };
  const located = layout.located
    .filter((l) => l.placement === 'published')
    .map((l) => {
      const node = regionOf(l.institution.region);
      const chain = node ? [...node.ancestors, node.region] : [];
      return {
        county: {
          code: l.institution.region,
          name: node?.region.name ?? l.institution.region,
          label: chain
            .slice(1)
            .map((r) => r.name)
            .join(''),
        },
        address: l.institution.address,
        lat: l.lat,
        lon: l.lon,
      };
    });
  return buildPlaces(located, layout.centres, regionNames);
}
