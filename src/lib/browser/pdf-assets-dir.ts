/**
 * The folder, under the site's base path, that holds pdfjs-dist's `cmaps/` and `standard_fonts/`: written by the
 * build (src/integrations/pdf-reader-assets.ts), read by the /validate/ page (pdf-assets.ts). Its own module
 * because the build runs in Node and the page's module imports files only a bundler can.
 */
export const PDF_ASSET_DIR = 'pdfjs/';
