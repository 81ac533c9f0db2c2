/** The map's points (format: src/lib/map/points-format.ts). Fetched by /map/ only. */
import { pointsFile } from '../../lib/map/map-data.ts';
import { getModel, getSite } from '../../lib/site/load-data.ts';

export function GET(): Response {
  const site = getSite();
  return new Response(JSON.stringify(pointsFile(site, getModel().mapLayout)), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
