/**
 * Where pdfjs finds its CMaps and standard fonts on the /validate/ page: the copies the build puts under
 * `<base>pdfjs/` (src/integrations/pdf-reader-assets.ts), never another host. Swapped in for
 * src/lib/ingest/pdf-assets.ts in the page's bundle; pdfjs.ts reads ahead what a PDF of a Chinese notice needs.
 */
import libraryUrl from 'pdfjs-dist/legacy/build/pdf.min.mjs?url';
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';
import type { PdfAssets } from '../ingest/pdf-assets.ts';
import { PDF_ASSET_DIR } from './pdf-assets-dir.ts';

/**
 * pdfjs and its worker: pdfjs-dist's own minified files, emitted by the build under hashed names. The legacy build,
 * as in Node: clerks' browsers are often not the newest.
 */
export const PDFJS_LIBRARY: string = libraryUrl;
export const PDFJS_WORKER: string = workerUrl;

/**
 * The CMaps of simplified Chinese fonts that are not embedded (the Adobe-GB1 collection, written horizontally), and
 * the one that turns their glyphs into Unicode text. A PDF whose fonts are embedded needs none of them.
 */
export const CHINESE_CMAPS = [
  'Adobe-GB1-UCS2',
  'GB-EUC-H',
  'GB-H',
  'GBK-EUC-H',
  'GBK2K-H',
  'GBKp-EUC-H',
  'GBT-EUC-H',
  'GBT-H',
  'GBTpc-EUC-H',
  'GBpc-EUC-H',
  'UniGB-UCS2-H',
  'UniGB-UTF16-H',
  'UniGB-UTF32-H',
  'UniGB-UTF8-H',
] as const;

/** What pdfjs loads for Arial/Helvetica and Times New Roman when a PDF does not embed them (Word often does not). */
export const LATIN_FONTS = ['LiberationSans-Regular.ttf', 'FoxitSerif.pfb'] as const;

function siteDir(sub: string): string {
  return new URL(`${import.meta.env.BASE_URL}${PDF_ASSET_DIR}${sub}`, document.baseURI).href;
}

export function pdfAssets(): PdfAssets {
  return { cMapUrl: siteDir('cmaps/'), standardFontDataUrl: siteDir('standard_fonts/') };
}

/** The files read ahead, as URLs: the Chinese CMaps and the Latin fonts. */
export function prefetchedAssets(): string[] {
  const { cMapUrl, standardFontDataUrl } = pdfAssets();
  return [
    ...CHINESE_CMAPS.map((name) => `${cMapUrl}${name}.bcmap`),
    ...LATIN_FONTS.map((name) => `${standardFontDataUrl}${name}`),
  ];
}
