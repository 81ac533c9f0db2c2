import type { APIRoute } from 'astro';
import { siteRoot } from '../lib/site/export-data.ts';
import { robotsTxt } from '../lib/site/export-sitemap.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(robotsTxt(`${siteRoot(site)}sitemap.xml`), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
