import type { APIRoute, GetStaticPaths } from 'astro';
import type { ScopeOptions } from '../../lib/site/build-scope.ts';
import type { DatasetId } from '../../lib/site/downloads/render.ts';
import { downloadPaths, downloads } from '../../lib/site/export-data.ts';

export const getStaticPaths = ((opts?: ScopeOptions) =>
  downloadPaths('csv', opts?.everyPage)) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) =>
  new Response(downloads(site).take(params.dataset as DatasetId, 'csv'), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
