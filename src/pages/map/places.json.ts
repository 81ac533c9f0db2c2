/** The places a reader can type to search near them (format: src/lib/map/near.ts). Fetched by /map/ on first use. */
import { placesFile } from '../../lib/map/map-data.ts';
import { getModel, getSite } from '../../lib/site/load-data.ts';

export function GET(): Response {
  const site = getSite();
  return new Response(JSON.stringify(placesFile(site, getModel().mapLayout)), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
