import type { APIRoute, GetStaticPaths } from 'astro';
import { regionsToRender, renderChanged, type ScopeOptions } from '../../../lib/site/build-scope.ts';
import { regionDownload } from '../../../lib/site/export-data.ts';
import { getModel, getSite } from '../../../lib/site/load-data.ts';

/** Each region's institutions and penalties (csv), beside the national downloads. */
export const getStaticPaths = ((opts?: ScopeOptions) => {
  const keys = getModel().pageKeys;
  const entries = regionsToRender(getSite().regions.values(), opts?.everyPage).flatMap((node) =>
    (['institutions', 'penalties'] as const).map((dataset) => ({
      params: { code: node.region.code, dataset },
      node,
    })),
  );
  return renderChanged(
    '/regions/[code]/[dataset].csv',
    entries,
    (e) => keys.region(e.node),
    opts?.everyPage,
  ).map((e) => ({
    params: e.params,
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) =>
  new Response(
    regionDownload(site, params.code as string, params.dataset as 'institutions' | 'penalties', 'csv'),
    {
      headers: { 'Content-Type': 'text/csv; charset=utf-8' },
    },
  );
