/** A region's slice of the map points, for the small map on its page. */
import { regionPointsFile } from '../../../lib/map/map-data.ts';
import { rendersSiteWide, type ScopeOptions } from '../../../lib/site/build-scope.ts';
import { getModel, getSite } from '../../../lib/site/load-data.ts';

export function getStaticPaths(opts?: ScopeOptions) {
  if (!rendersSiteWide(opts?.everyPage)) return [];
  return [...getModel().mapLayout.ranges.keys()].map((code) => ({ params: { code } }));
}

export function GET({ params }: { params: { code?: string } }): Response {
  const site = getSite();
  const body = regionPointsFile(site, getModel().mapLayout, params.code ?? '');
  if (!body) return new Response('null', { status: 404 });
  return new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
