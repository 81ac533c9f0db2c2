/** Names, ids, places and latest penalty of DETAIL_CHUNK points each, fetched when a popup opens. */
import { detailChunkCount, detailsFile } from '../../../lib/map/map-data.ts';
import { rendersSiteWide, type ScopeOptions } from '../../../lib/site/build-scope.ts';
import { getModel } from '../../../lib/site/load-data.ts';

export function getStaticPaths(opts?: ScopeOptions) {
  if (!rendersSiteWide(opts?.everyPage)) return [];
  const n = detailChunkCount(getModel().mapLayout);
  return Array.from({ length: n }, (_, k) => ({ params: { chunk: String(k) } }));
}

export function GET({ params }: { params: { chunk?: string } }): Response {
  const body = detailsFile(getModel().mapLayout, Number(params.chunk));
  return new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
