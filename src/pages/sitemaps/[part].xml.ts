import type { APIRoute, GetStaticPaths } from 'astro';
import { rendersSiteWide, type ScopeOptions } from '../../lib/site/build-scope.ts';
import { getSitemap } from '../../lib/site/export-data.ts';

/** Parts exist only when the site has more pages than one sitemap file may list. */
export const getStaticPaths = (async (opts?: ScopeOptions) => {
  if (!rendersSiteWide(opts?.everyPage)) return [];
  // The number of parts does not depend on the site URL.
  const { parts } = await getSitemap(undefined);
  return [...parts.keys()].map((n) => ({ params: { part: String(n) } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const text = (await getSitemap(site)).parts.get(Number(params.part));
  if (text === undefined) return new Response(null, { status: 404 });
  return new Response(text, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
