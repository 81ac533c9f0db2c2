import type { APIRoute, GetStaticPaths } from 'astro';
import { feedRegions, regionListChangesFeed } from '../../../../lib/site/atom-feeds.ts';
import { rendersSiteWide, type ScopeOptions } from '../../../../lib/site/build-scope.ts';
import { exportData, feedOptions } from '../../../../lib/site/export-data.ts';
import { getModel } from '../../../../lib/site/load-data.ts';

export const getStaticPaths = ((opts?: ScopeOptions) =>
  rendersSiteWide(opts?.everyPage)
    ? feedRegions(exportData()).map((code) => ({ params: { code } }))
    : []) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) =>
  new Response(
    regionListChangesFeed(exportData(), String(params.code), feedOptions(site), getModel().feedGroups),
    {
      headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' },
    },
  );
