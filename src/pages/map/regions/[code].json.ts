/** A region's slice of the map points, for the small map on its page. */
import { regionPointsFile } from '../../../lib/map/map-data.ts';
import { renderChanged, rendersSiteWide, type ScopeOptions } from '../../../lib/site/build-scope.ts';
import { getModel, getSite } from '../../../lib/site/load-data.ts';

export function getStaticPaths(opts?: ScopeOptions) {
  if (!rendersSiteWide(opts?.everyPage)) return [];
  const keys = getModel().pageKeys;
  const entries = [...getModel().mapLayout.ranges.keys()].map((code) => ({ params: { code } }));
  return renderChanged(
    '/map/regions/[code].json',
    entries,
    (e) => keys.mapRegion(e.params.code),
    opts?.everyPage,
  );
}

export function GET({ params }: { params: { code?: string } }): Response {
  const site = getSite();
  const body = regionPointsFile(site, getModel().mapLayout, params.code ?? '');
  if (!body) return new Response('null', { status: 404 });
  return new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
