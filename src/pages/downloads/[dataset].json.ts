import type { APIRoute, GetStaticPaths } from 'astro';
import { rendersSiteWide, type ScopeOptions } from '../../lib/site/build-scope.ts';
import { DATASET_IDS, type DatasetId } from '../../lib/site/downloads/render.ts';
import { downloads } from '../../lib/site/export-data.ts';

export const getStaticPaths = ((opts?: ScopeOptions) =>
  rendersSiteWide(opts?.everyPage)
    ? DATASET_IDS.map((dataset) => ({ params: { dataset } }))
    : []) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) =>
  new Response(downloads(site).take(params.dataset as DatasetId, 'json'), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
