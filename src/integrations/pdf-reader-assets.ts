/**
 * Copies pdfjs-dist's CMaps and standard fonts into <outDir>/pdfjs/, where the /validate/ page's PDF reader finds
 * them (src/lib/browser/pdf-assets.ts): a PDF whose Chinese fonts are not embedded cannot be read without its
 * CMap, and the page takes nothing from another host. Written by the shard that renders the site-wide pages.
 */
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { PDF_ASSET_DIR } from '../lib/browser/pdf-assets-dir.ts';
import { rendersSiteWide } from '../lib/site/build-scope.ts';

const PDFJS = new URL('.', import.meta.resolve('pdfjs-dist/package.json'));

export default function pdfReaderAssets(): AstroIntegration {
  return {
    name: 'care-register-pdf-reader-assets',
    hooks: {
      'astro:build:done': ({ dir }) => {
        if (!rendersSiteWide()) return;
        for (const sub of ['cmaps/', 'standard_fonts/']) {
          cpSync(fileURLToPath(new URL(sub, PDFJS)), fileURLToPath(new URL(`${PDF_ASSET_DIR}${sub}`, dir)), {
            recursive: true,
          });
        }
      },
    },
  };
}
