// @ts-check
import { defineConfig } from 'astro/config';
import siteConfig from './site.config.mjs';
import modulePreload from './src/integrations/module-preload.ts';
import pageKeys from './src/integrations/page-keys.ts';
import pagefindSearch from './src/integrations/pagefind.ts';
import pdfReaderAssets from './src/integrations/pdf-reader-assets.ts';
import staticHeaders from './src/integrations/static-headers.ts';
import browserShims from './src/lib/browser/vite-shims.ts';

export default defineConfig({
  site: process.env.SITE_URL || siteConfig.url,
  base: process.env.BASE_PATH || siteConfig.basePath,
  trailingSlash: 'always',
  outDir: process.env.OUT_DIR || './dist',
  build: {
    concurrency: 4,
    // The CSP allows styles from files only; a small stylesheet inlined into <style> would be blocked.
    inlineStylesheets: 'never',
  },
  devToolbar: { enabled: false },
  // The /validate/ page runs the ingest pipeline in the browser: Node modules map to shims in its bundle only.
  vite: { plugins: [browserShims()] },
  // Headers last: they are written for every file the other integrations wrote.
  integrations: [pagefindSearch(), pdfReaderAssets(), modulePreload(), pageKeys(), staticHeaders()],
});
