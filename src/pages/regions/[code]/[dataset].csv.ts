import type { APIRoute, GetStaticPaths } from 'astro';
import type { ScopeOptions } from '../../../lib/site/build-scope.ts';
import { regionDownload, regionDownloadPaths } from '../../../lib/site/export-data.ts';

/** Each region's institutions and penalties (csv), beside the national downloads. */
export const getStaticPaths = ((opts?: ScopeOptions) =>
  regionDownloadPaths('csv', opts?.everyPage)) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) =>
  new Response(
    regionDownload(site, params.code as string, params.dataset as 'institutions' | 'penalties', 'csv'),
    {
      headers: { 'Content-Type': 'text/csv; charset=utf-8' },
    },
  );
