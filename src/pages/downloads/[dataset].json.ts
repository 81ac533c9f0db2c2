import type { APIRoute, GetStaticPaths } from 'astro';
import { DATASET_IDS, type DatasetId, renderDownload } from '../../lib/site/export.ts';
import { exportData, exportOptions } from '../../lib/site/export-data.ts';

export const getStaticPaths = (() =>
  DATASET_IDS.map((dataset) => ({ params: { dataset } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const r = renderDownload(exportData(), params.dataset as DatasetId, exportOptions(site));
  return new Response(r.json, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
