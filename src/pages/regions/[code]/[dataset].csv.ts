import type { APIRoute, GetStaticPaths } from 'astro';
import { regionDownload } from '../../../lib/site/export-data.ts';
import { getSite } from '../../../lib/site/load-data.ts';

/** Each region's institutions and penalties (csv), beside the national downloads. */
export const getStaticPaths = (() =>
  [...getSite().regions.keys()].flatMap((code) =>
    (['institutions', 'penalties'] as const).map((dataset) => ({ params: { code, dataset } })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) =>
  new Response(
    regionDownload(site, params.code as string, params.dataset as 'institutions' | 'penalties', 'csv'),
    {
      headers: { 'Content-Type': 'text/csv; charset=utf-8' },
    },
  );
