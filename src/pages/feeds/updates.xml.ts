import type { APIRoute } from 'astro';
import { exportData, feedOptions } from '../../lib/site/export-data.ts';
import { getModel } from '../../lib/site/load-data.ts';
import { updatesFeed } from '../../lib/site/updates-feed.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(updatesFeed(exportData(), feedOptions(site), getModel().changeLog), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' },
  });
