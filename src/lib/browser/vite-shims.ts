/**
 * Lets the ingest pipeline run in the browser (the /validate/ page) without changing a reader: for the client
 * bundle only, the Node modules it imports resolve to small equivalents in this folder. The server build, the CLI
 * and the tests keep Node's own. (A plain `resolve.alias` would apply to the server build too.)
 */
import { fileURLToPath } from 'node:url';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export const BROWSER_SHIMS: Readonly<Record<string, string>> = {
  'node:crypto': here('./node-crypto.ts'),
  'node:zlib': here('./node-zlib.ts'),
  'pdfjs-dist/legacy/build/pdf.mjs': here('./pdf-unavailable.ts'),
};

interface ShimPlugin {
  name: string;
  enforce: 'pre';
  applyToEnvironment(env: { name: string }): boolean;
  resolveId(id: string): string | null;
}

export default function browserShims(): ShimPlugin {
  return {
    name: 'care-register:browser-shims',
    enforce: 'pre',
    applyToEnvironment: (env) => env.name === 'client',
    resolveId: (id) => BROWSER_SHIMS[id] ?? null,
  };
}
