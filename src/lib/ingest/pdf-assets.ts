/**
 * Where pdfjs finds its CMaps (Chinese fonts that are not embedded use them) and standard fonts when the pipeline
 * runs in Node: the folders of the installed pdfjs-dist. The /validate/ page's bundle swaps this module for one
 * that names the copies served by the site (src/lib/browser/pdf-assets.ts).
 */
export interface PdfAssets {
  /** Directories or URLs ending in `/`. */
  cMapUrl: string;
  standardFontDataUrl: string;
}

export function pdfAssets(): PdfAssets {
  const root = new URL('.', import.meta.resolve('pdfjs-dist/package.json'));
  const dir = (sub: string) => decodeURIComponent(new URL(sub, root).pathname);
  return { cMapUrl: dir('cmaps/'), standardFontDataUrl: dir('standard_fonts/') };
}
