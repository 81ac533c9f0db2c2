import type { APIRoute, GetStaticPaths } from 'astro';
import { regionsToRender, type ScopeOptions } from '../../../lib/site/build-scope.ts';
import { regionDownload } from '../../../lib/site/export-data.ts';
import { getSite } from '../../../lib/site/load-data.ts';

/** Each region's institutions and penalties (csv), beside the national downloads. */
export const getStaticPaths = ((opts?: ScopeOptions) =>
  regionsToRender(getSite().regions.values(), opts?.everyPage).flatMap(({ region: { code } }) =>
    (['institutions', 'penalties'] as const).map((dataset) => ({ params: { code, dataset } })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) =>
  new Response(
    regionDownload(site, params.code as string, params.dataset as 'institutions' | 'penalties', 'csv'),
    {
      headers: { 'Content-Type': 'text/csv; charset=utf-8' },
    },
  );
