import type { APIRoute } from 'astro';
import { getSitemap } from '../lib/site/export-data.ts';

export const GET: APIRoute = async ({ site }) =>
  new Response((await getSitemap(site)).main, {
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  });
