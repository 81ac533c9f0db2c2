import type { APIRoute, GetStaticPaths } from 'astro';
import { renderChanged, rendersSiteWide, type ScopeOptions } from '../../lib/site/build-scope.ts';
import { DATASET_IDS, type DatasetId } from '../../lib/site/downloads/render.ts';
import { downloads } from '../../lib/site/export-data.ts';
import { getModel } from '../../lib/site/load-data.ts';

export const getStaticPaths = ((opts?: ScopeOptions) => {
  if (!rendersSiteWide(opts?.everyPage)) return [];
  const keys = getModel().pageKeys;
  const entries = DATASET_IDS.map((dataset) => ({ params: { dataset } }));
  return renderChanged(
    '/downloads/[dataset].json',
    entries,
    (e) => keys.download(e.params.dataset),
    opts?.everyPage,
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) =>
  new Response(downloads(site).take(params.dataset as DatasetId, 'json'), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
