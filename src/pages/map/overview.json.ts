/** The first national view, clustered at build time (format: src/lib/map/overview.ts). Fetched by /map/ only. */
import { toMapPoints } from '../../lib/map/clusters.ts';
import { pointsFile } from '../../lib/map/map-data.ts';
import { overviewFile } from '../../lib/map/overview.ts';
import { decodePoints } from '../../lib/map/points-format.ts';
import { displayTransform } from '../../lib/map/tiles.ts';
import { siteConfig } from '../../lib/site/config.ts';
import { getModel, getSite } from '../../lib/site/load-data.ts';

export function GET(): Response {
  const site = getSite();
  const points = toMapPoints(
    decodePoints(pointsFile(site, getModel().mapLayout)),
    displayTransform(siteConfig.tiles?.crs),
  );
  return new Response(JSON.stringify(overviewFile(points, site.asOf)), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
