/** Names, ids, places and latest penalty of DETAIL_CHUNK points each, fetched when a popup opens. */
import { mapLayout } from '../../../lib/map/locate-institutions.ts';
import { detailChunkCount, detailsFile } from '../../../lib/map/map-data.ts';
import { rendersSiteWide, type ScopeOptions } from '../../../lib/site/build-scope.ts';
import { getSite } from '../../../lib/site/load-data.ts';

export function getStaticPaths(opts?: ScopeOptions) {
  if (!rendersSiteWide(opts?.everyPage)) return [];
  const n = detailChunkCount(mapLayout(getSite()));
  return Array.from({ length: n }, (_, k) => ({ params: { chunk: String(k) } }));
}

export function GET({ params }: { params: { chunk?: string } }): Response {
  const body = detailsFile(mapLayout(getSite()), Number(params.chunk));
  return new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
