import type { APIRoute, GetStaticPaths } from 'astro';
import type { ScopeOptions } from '../../../lib/site/build-scope.ts';
import { regionDownload, regionDownloadPaths } from '../../../lib/site/export-data.ts';

/** Each region's institutions and penalties (json), beside the national downloads. */
export const getStaticPaths = ((opts?: ScopeOptions) =>
  regionDownloadPaths('json', opts?.everyPage)) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) =>
  new Response(
    regionDownload(site, params.code as string, params.dataset as 'institutions' | 'penalties', 'json'),
    {
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    },
  );
