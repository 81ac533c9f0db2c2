import type { APIRoute } from 'astro';
import { dictionaryDocument } from '../../lib/site/dictionary.ts';
import { jsonText } from '../../lib/site/downloads/render.ts';
import { exportData } from '../../lib/site/export-data.ts';

export const GET: APIRoute = () =>
  new Response(`${jsonText(dictionaryDocument(exportData().asOf), 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
