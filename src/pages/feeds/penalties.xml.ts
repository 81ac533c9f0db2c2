import type { APIRoute } from 'astro';
import { penaltiesFeed } from '../../lib/site/atom-feeds.ts';
import { exportData, feedOptions } from '../../lib/site/export-data.ts';
import { getModel } from '../../lib/site/load-data.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(penaltiesFeed(exportData(), feedOptions(site), getModel().feedGroups), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' },
  });
